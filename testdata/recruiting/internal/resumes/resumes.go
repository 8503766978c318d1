// Package resumes stores uploaded resume files on disk and their metadata
// in the resumes table. It predates the app/db split and was never moved.
package resumes

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/hirebase/ats/internal/models"
	"github.com/hirebase/ats/internal/platform/dbx"
	"github.com/hirebase/ats/internal/platform/errs"
	"github.com/hirebase/ats/internal/platform/ids"
	"github.com/hirebase/ats/internal/resumes/parser"
)

const MaxSize = 5 << 20

var extensions = map[string]string{
	"application/pdf": ".pdf",
	"text/plain":      ".txt",
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
}

type Store struct {
	dir string
	db  *sql.DB
}

func New(dir string, db *sql.DB) *Store { return &Store{dir: dir, db: db} }

// Save writes the file (content-addressed), parses it and records it
// against the candidate. q may be a transaction or nil.
func (s *Store) Save(ctx context.Context, q dbx.Querier, candidateID, fileName, contentType string, data []byte) (models.Resume, error) {
	ext, ok := extensions[contentType]
	if !ok || len(data) == 0 || len(data) > MaxSize {
		return models.Resume{}, errs.Validation("resume must be a PDF, DOCX or text file of at most 5 MB")
	}
	sum := sha256.Sum256(data)
	h := hex.EncodeToString(sum[:])
	key := filepath.Join(h[:2], h+ext)
	path := filepath.Join(s.dir, key)
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return models.Resume{}, fmt.Errorf("resumes: %w", err)
	}
	if _, err := os.Stat(path); os.IsNotExist(err) {
		if err := os.WriteFile(path, data, 0o640); err != nil {
			return models.Resume{}, fmt.Errorf("resumes: %w", err)
		}
	}
	text := parser.ToText(contentType, data)
	parsed := parser.Parse(text, time.Now())
	r := models.Resume{ID: ids.New(ids.Resume), CandidateID: candidateID, FileName: filepath.Base(fileName), StorageKey: key,
		ContentType: contentType, Text: text, Skills: parsed.Skills, YearsExp: parsed.YearsExp, UploadedAt: time.Now().UTC()}
	if q == nil {
		q = s.db
	}
	_, err := q.ExecContext(ctx,
		`INSERT INTO resumes (id, candidate_id, file_name, storage_key, content_type, body_text, skills, years_experience, uploaded_at)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		r.ID, r.CandidateID, r.FileName, r.StorageKey, r.ContentType, r.Text, strings.Join(r.Skills, ","), r.YearsExp, r.UploadedAt)
	return r, err
}

// DeleteForCandidate removes resume rows for GDPR erasure. Files are content
// addressed and may be shared, so they are garbage-collected separately.
func (s *Store) DeleteForCandidate(ctx context.Context, candidateID string) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM resumes WHERE candidate_id = $1`, candidateID)
	return err
}
