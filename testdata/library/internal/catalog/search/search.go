// Package search maintains the public catalogue (OPAC) search index. The
// index lives in the title_search table as a weighted tsvector; this package
// builds the documents and the queries.
package search

import (
	"context"
	"strings"
	"unicode"

	"citylib.org/ils/db"
	"citylib.org/ils/models"
)

type Hit struct {
	TitleID   int64   `json:"title_id"`
	Title     string  `json:"title"`
	Authors   string  `json:"authors"`
	Format    string  `json:"format"`
	Rank      float64 `json:"rank"`
	Available int     `json:"available"`
}

type Filter struct {
	Format   string
	BranchID int64
	Language string
}

type Index struct {
	db db.Querier
}

func New(q db.Querier) *Index { return &Index{db: q} }

var stopwords = map[string]bool{"the": true, "a": true, "an": true, "of": true, "and": true, "le": true, "la": true, "les": true}

// Normalize lowercases, strips punctuation and drops leading articles so
// that "The Hobbit" and "hobbit" sort and match alike.
func Normalize(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		default:
			b.WriteRune(' ')
		}
	}
	words := strings.Fields(b.String())
	for len(words) > 1 && stopwords[words[0]] {
		words = words[1:]
	}
	return strings.Join(words, " ")
}

// Reindex rebuilds the search document for one title.
func (ix *Index) Reindex(ctx context.Context, t *models.Title) error {
	_, err := ix.db.ExecContext(ctx,
		`INSERT INTO title_search (title_id, sort_title, document)
		 VALUES ($1, $2,
		   setweight(to_tsvector('simple', $3), 'A') ||
		   setweight(to_tsvector('simple', $4), 'B') ||
		   setweight(to_tsvector('simple', $5), 'C'))
		 ON CONFLICT (title_id) DO UPDATE SET sort_title = EXCLUDED.sort_title, document = EXCLUDED.document`,
		t.ID, Normalize(t.Title), Normalize(t.Title+" "+t.Subtitle),
		Normalize(strings.Join(t.Authors, " ")), Normalize(strings.Join(t.Subjects, " ")+" "+t.ISBN))
	return err
}

// Query runs a ranked full-text search with optional filters.
func (ix *Index) Query(ctx context.Context, q string, f Filter, limit, offset int) ([]Hit, error) {
	q = Normalize(q)
	if q == "" {
		return nil, nil
	}
	rows, err := ix.db.QueryContext(ctx,
		`SELECT t.id, t.title, COALESCE(string_agg(DISTINCT a.name, '; '), ''), t.format,
		        ts_rank(s.document, websearch_to_tsquery('simple', $1)) AS rank,
		        (SELECT COUNT(*) FROM copies c WHERE c.title_id = t.id AND c.status = 'available'
		           AND ($3 = 0 OR c.branch_id = $3)) AS available
		 FROM title_search s
		 JOIN titles t ON t.id = s.title_id
		 LEFT JOIN title_authors a ON a.title_id = t.id
		 WHERE s.document @@ websearch_to_tsquery('simple', $1)
		   AND ($2 = '' OR t.format = $2)
		   AND ($4 = '' OR t.language = $4)
		 GROUP BY t.id, s.document, s.sort_title
		 ORDER BY rank DESC, s.sort_title
		 LIMIT $5 OFFSET $6`, q, f.Format, f.BranchID, f.Language, limit, offset)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Hit
	for rows.Next() {
		var h Hit
		if err := rows.Scan(&h.TitleID, &h.Title, &h.Authors, &h.Format, &h.Rank, &h.Available); err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, rows.Err()
}
