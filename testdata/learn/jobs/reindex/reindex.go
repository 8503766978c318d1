// Package reindex rebuilds the catalog search index from the database.
package reindex

import (
	"context"
	"time"

	"quill.dev/academy/pkg/catalog/domain"
	"quill.dev/academy/pkg/catalog/repo"
	"quill.dev/academy/pkg/catalog/search"
	"quill.dev/academy/pkg/platform/log"
	"quill.dev/academy/pkg/platform/page"
)

// Job implements runner.Job.
type Job struct {
	Repo  *repo.Repo
	Index *search.Index
}

func (Job) Name() string { return "catalog.reindex" }

// Run pages through all published courses and swaps them into the index.
func (j Job) Run(ctx context.Context, _ time.Time) error {
	var docs []search.Doc
	req := page.Request{Limit: page.MaxLimit}
	for {
		batch, err := j.Repo.List(ctx, repo.Filter{Status: domain.StatusPublished}, req)
		if err != nil {
			return err
		}
		for _, c := range batch {
			docs = append(docs, search.DocFromCourse(c))
		}
		if len(batch) < req.Limit {
			break
		}
		req.Offset += req.Limit
	}
	before := j.Index.Len()
	j.Index.ReplaceAll(docs)
	log.From(ctx).Info("reindexed catalog", "docs", len(docs), "before", before)
	return nil
}
