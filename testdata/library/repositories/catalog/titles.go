// Package catalog stores bibliographic records (titles, authors, subjects).
package catalog

import (
	"context"
	"database/sql"

	"citylib.org/ils/apperr"
	"citylib.org/ils/db"
	"citylib.org/ils/models"
)

type TitleRepo struct {
	db *db.DB
}

func NewTitleRepo(d *db.DB) *TitleRepo { return &TitleRepo{db: d} }

const titleCols = `t.id, COALESCE(t.isbn, ''), t.title, COALESCE(t.subtitle, ''), COALESCE(t.publisher, ''),
	COALESCE(t.pub_year, 0), t.format, t.language, t.created_at`

func scanTitle(row interface{ Scan(...any) error }) (*models.Title, error) {
	var t models.Title
	err := row.Scan(&t.ID, &t.ISBN, &t.Title, &t.Subtitle, &t.Publisher, &t.PubYear, &t.Format, &t.Language, &t.CreatedAt)
	return &t, err
}

func (r *TitleRepo) Get(ctx context.Context, id int64) (*models.Title, error) {
	t, err := scanTitle(r.db.QueryRowContext(ctx, `SELECT `+titleCols+` FROM titles t WHERE t.id = $1`, id))
	if db.IsNoRows(err) {
		return nil, apperr.NotFound("title", id)
	}
	if err != nil {
		return nil, err
	}
	return t, r.loadAuthorsSubjects(ctx, t)
}

func (r *TitleRepo) GetByISBN(ctx context.Context, isbn string) (*models.Title, error) {
	t, err := scanTitle(r.db.QueryRowContext(ctx, `SELECT `+titleCols+` FROM titles t WHERE t.isbn = $1`, isbn))
	if db.IsNoRows(err) {
		return nil, apperr.NotFound("isbn", isbn)
	}
	return t, err
}

func (r *TitleRepo) loadAuthorsSubjects(ctx context.Context, t *models.Title) error {
	rows, err := r.db.QueryContext(ctx,
		`SELECT name FROM title_authors WHERE title_id = $1 ORDER BY position`, t.ID)
	if err != nil {
		return err
	}
	for rows.Next() {
		var a string
		if err := rows.Scan(&a); err != nil {
			rows.Close()
			return err
		}
		t.Authors = append(t.Authors, a)
	}
	rows.Close()
	rows, err = r.db.QueryContext(ctx,
		`SELECT s.heading FROM title_subjects ts JOIN subjects s ON s.id = ts.subject_id
		 WHERE ts.title_id = $1 ORDER BY s.heading`, t.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return err
		}
		t.Subjects = append(t.Subjects, s)
	}
	return rows.Err()
}

func (r *TitleRepo) Create(ctx context.Context, t *models.Title) error {
	return r.db.WithTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx,
			`INSERT INTO titles (isbn, title, subtitle, publisher, pub_year, format, language)
			 VALUES (NULLIF($1, ''), $2, NULLIF($3, ''), NULLIF($4, ''), NULLIF($5, 0), $6, $7)
			 RETURNING id, created_at`,
			t.ISBN, t.Title, t.Subtitle, t.Publisher, t.PubYear, t.Format, t.Language).
			Scan(&t.ID, &t.CreatedAt)
		if err != nil {
			return err
		}
		for i, a := range t.Authors {
			if _, err := tx.ExecContext(ctx,
				`INSERT INTO title_authors (title_id, name, position) VALUES ($1, $2, $3)`, t.ID, a, i); err != nil {
				return err
			}
		}
		for _, s := range t.Subjects {
			if _, err := tx.ExecContext(ctx,
				`WITH s AS (
				   INSERT INTO subjects (heading) VALUES ($2)
				   ON CONFLICT (heading) DO UPDATE SET heading = EXCLUDED.heading RETURNING id)
				 INSERT INTO title_subjects (title_id, subject_id) SELECT $1, id FROM s`, t.ID, s); err != nil {
				return err
			}
		}
		return nil
	})
}

// Delete removes a title with no copies left. It refuses while any loan on
// the title is still open.
func (r *TitleRepo) Delete(ctx context.Context, id int64) error {
	var open int
	err := r.db.QueryRowContext(ctx,
		`SELECT COUNT(*) FROM loans l JOIN copies c ON c.id = l.copy_id
		 WHERE c.title_id = $1 AND l.returned_at IS NULL`, id).Scan(&open)
	if err != nil {
		return err
	}
	if open > 0 {
		return apperr.Conflict("title_on_loan", "title has items on loan")
	}
	return r.db.WithTx(ctx, func(tx *sql.Tx) error {
		for _, q := range []string{
			`DELETE FROM title_authors WHERE title_id = $1`,
			`DELETE FROM title_subjects WHERE title_id = $1`,
			`DELETE FROM title_search WHERE title_id = $1`,
			`DELETE FROM titles WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM copies WHERE title_id = $1 AND status <> 'withdrawn')`,
		} {
			if _, err := tx.ExecContext(ctx, q, id); err != nil {
				return err
			}
		}
		return nil
	})
}
