// Package article is the editorial service for creating and editing stories.
package article

import (
	"context"
	"database/sql"
	"strings"
	"unicode/utf8"

	"github.com/dailyherald/newsroom/internal/editorial/revision"
	"github.com/dailyherald/newsroom/internal/editorial/store"
	"github.com/dailyherald/newsroom/internal/editorial/taxonomy"
	"github.com/dailyherald/newsroom/internal/models"
	"github.com/dailyherald/newsroom/pkg/clock"
	"github.com/dailyherald/newsroom/pkg/db"
	"github.com/dailyherald/newsroom/pkg/errs"
	"github.com/dailyherald/newsroom/pkg/ids"
	"github.com/dailyherald/newsroom/pkg/slug"
)

type Service struct {
	DB        *sql.DB
	Articles  *store.ArticleStore
	Revisions *revision.Store
	Taxonomy  *taxonomy.Service
	Clock     clock.Clock
}

type Input struct {
	Headline        string   `json:"headline"`
	Standfirst      string   `json:"standfirst"`
	Body            string   `json:"body"`
	SectionID       string   `json:"section_id"`
	Premium         bool     `json:"premium"`
	CommentsEnabled *bool    `json:"comments_enabled"`
	AuthorIDs       []string `json:"author_ids"`
	Tags            []string `json:"tags"`
	HeroMediaID     string   `json:"hero_media_id"`
	CorrectionNote  string   `json:"correction_note"`
}

func (in Input) validate() error {
	n := utf8.RuneCountInString(strings.TrimSpace(in.Headline))
	if n < 10 || n > 120 {
		return errs.Invalidf("headline must be between 10 and 120 characters")
	}
	if utf8.RuneCountInString(in.Standfirst) > 300 {
		return errs.Invalidf("standfirst must be at most 300 characters")
	}
	if in.SectionID == "" {
		return errs.Invalidf("section is required")
	}
	if len(in.Tags) > 12 {
		return errs.Invalidf("at most 12 tags")
	}
	return nil
}

func WordCount(body string) int {
	// Strip the simple inline markup the CMS editor emits before counting.
	body = strings.NewReplacer("<p>", " ", "</p>", " ", "<br>", " ", "**", "", "_", " ").Replace(body)
	return len(strings.Fields(body))
}

func (s *Service) Create(ctx context.Context, in Input, staffID string) (*models.Article, error) {
	if err := in.validate(); err != nil {
		return nil, err
	}
	sec, err := s.Taxonomy.Section(ctx, in.SectionID)
	if err != nil {
		return nil, err
	}
	a := &models.Article{
		ID: ids.New("art"), Slug: slug.Make(in.Headline, 80), Headline: strings.TrimSpace(in.Headline),
		Standfirst: in.Standfirst, Body: in.Body, SectionID: sec.ID, Status: models.StatusDraft,
		Premium: in.Premium || sec.Premium, CommentsEnabled: true, WordCount: WordCount(in.Body),
		AuthorIDs: in.AuthorIDs, HeroMediaID: in.HeroMediaID, CreatedBy: staffID, CreatedAt: s.Clock.Now(),
	}
	if in.CommentsEnabled != nil {
		a.CommentsEnabled = *in.CommentsEnabled
	}
	err = db.WithTx(ctx, s.DB, func(tx *sql.Tx) error {
		if err := s.Articles.Insert(ctx, tx, a); err != nil {
			return err
		}
		if err := s.Articles.SetAuthors(ctx, tx, a.ID, a.AuthorIDs); err != nil {
			return err
		}
		tagIDs, err := s.Taxonomy.EnsureTags(ctx, tx, in.Tags)
		if err != nil {
			return err
		}
		if err := s.Taxonomy.TagArticle(ctx, tx, a.ID, tagIDs); err != nil {
			return err
		}
		_, err = s.Revisions.Save(ctx, tx, a, staffID, "created")
		return err
	})
	if err != nil {
		return nil, err
	}
	a.Tags = in.Tags
	return a, nil
}

func (s *Service) Update(ctx context.Context, id string, in Input, staffID string) (*models.Article, error) {
	if err := in.validate(); err != nil {
		return nil, err
	}
	a, err := s.Articles.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	switch a.Status {
	case models.StatusKilled:
		return nil, errs.Conflictf("killed articles cannot be edited")
	case models.StatusPublished:
		if strings.TrimSpace(in.CorrectionNote) == "" && a.Body != in.Body {
			return nil, errs.Invalidf("changes to a published article need a correction note")
		}
	}
	a.Headline, a.Standfirst, a.Body = strings.TrimSpace(in.Headline), in.Standfirst, in.Body
	a.SectionID, a.Premium, a.HeroMediaID = in.SectionID, in.Premium, in.HeroMediaID
	a.WordCount = WordCount(in.Body)
	if in.CommentsEnabled != nil {
		a.CommentsEnabled = *in.CommentsEnabled
	}
	if len(in.AuthorIDs) > 0 {
		a.AuthorIDs = in.AuthorIDs
	}
	note := in.CorrectionNote
	if note == "" {
		note = "edit"
	}
	err = db.WithTx(ctx, s.DB, func(tx *sql.Tx) error {
		if err := s.Articles.Update(ctx, tx, a); err != nil {
			return err
		}
		if err := s.Articles.SetAuthors(ctx, tx, a.ID, a.AuthorIDs); err != nil {
			return err
		}
		tagIDs, err := s.Taxonomy.EnsureTags(ctx, tx, in.Tags)
		if err != nil {
			return err
		}
		if err := s.Taxonomy.TagArticle(ctx, tx, a.ID, tagIDs); err != nil {
			return err
		}
		_, err = s.Revisions.Save(ctx, tx, a, staffID, note)
		return err
	})
	return a, err
}
