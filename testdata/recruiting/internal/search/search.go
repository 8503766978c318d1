// Package search maintains the full-text candidate index in Postgres
// (search_documents) and answers recruiter searches.
package search

import (
	"context"
	"database/sql"
	"strings"
	"unicode"

	"github.com/hirebase/ats/internal/platform/dbx"
)

type Index struct{ db *sql.DB }

func New(db *sql.DB) *Index { return &Index{db: db} }

// Reindex rebuilds documents from candidate profiles, tags and latest
// resumes: one candidate, or the whole tenant when candidateID is empty.
func (ix *Index) Reindex(ctx context.Context, tenantID, candidateID string) (int64, error) {
	res, err := ix.db.ExecContext(ctx,
		`INSERT INTO search_documents (tenant_id, candidate_id, document, updated_at)
		 SELECT c.tenant_id, c.id,
		   setweight(to_tsvector('simple', c.first_name || ' ' || c.last_name || ' ' || c.email), 'A') ||
		   setweight(to_tsvector('english', coalesce((SELECT string_agg(tag, ' ') FROM candidate_tags WHERE candidate_id = c.id), '')), 'B') ||
		   setweight(to_tsvector('english', coalesce(r.body_text, '')), 'C'), now()
		 FROM candidates c
		 LEFT JOIN LATERAL (SELECT body_text FROM resumes WHERE candidate_id = c.id ORDER BY uploaded_at DESC LIMIT 1) r ON true
		 WHERE c.tenant_id = $1 AND ($2 = '' OR c.id = $2) AND NOT c.anonymized AND c.merged_into IS NULL
		 ON CONFLICT (candidate_id) DO UPDATE SET document = EXCLUDED.document, updated_at = now()`, tenantID, candidateID)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

func (ix *Index) Remove(ctx context.Context, candidateID string) error {
	_, err := ix.db.ExecContext(ctx, `DELETE FROM search_documents WHERE candidate_id = $1`, candidateID)
	return err
}

// Query describes a recruiter search.
type Query struct {
	Text          string
	RequisitionID string // only candidates with an active application to this requisition
	Page          dbx.Page
}

type Hit struct {
	CandidateID string  `json:"candidate_id"`
	Name        string  `json:"name"`
	Rank        float64 `json:"rank"`
}

// Search runs a ranked prefix search. Filtering by requisition joins the
// applications table.
func (ix *Index) Search(ctx context.Context, tenantID string, q Query) ([]Hit, error) {
	ts := ToTSQuery(q.Text)
	if ts == "" {
		return nil, nil
	}
	page := q.Page.Normalize()
	return dbx.Collect(func(row dbx.Scanner) (Hit, error) {
		var h Hit
		return h, row.Scan(&h.CandidateID, &h.Name, &h.Rank)
	})(ix.db.QueryContext(ctx,
		`SELECT c.id, c.first_name || ' ' || c.last_name, ts_rank(d.document, to_tsquery('english', $2)) AS rank
		 FROM search_documents d JOIN candidates c ON c.id = d.candidate_id
		 WHERE d.tenant_id = $1 AND d.document @@ to_tsquery('english', $2)
		   AND ($3 = '' OR EXISTS (SELECT 1 FROM applications a WHERE a.candidate_id = c.id AND a.requisition_id = $3 AND a.status = 'active'))
		 ORDER BY rank DESC LIMIT $4 OFFSET $5`, tenantID, ts, q.RequisitionID, page.Limit, page.Offset))
}

// ToTSQuery turns free text into a safe prefix tsquery: "go kube" -> "go:* & kube:*".
func ToTSQuery(text string) string {
	var terms []string
	for _, f := range strings.Fields(strings.ToLower(text)) {
		w := strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				return r
			}
			return -1
		}, f)
		if w != "" {
			terms = append(terms, w+":*")
		}
	}
	return strings.Join(terms, " & ")
}
