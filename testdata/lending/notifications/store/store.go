// Package store persists outbound messages and contact preferences.
package store

import (
	"context"
	"database/sql"
	"time"

	"lendwise.io/platform/internal/models"
	"lendwise.io/platform/internal/platform/db"
	"lendwise.io/platform/internal/platform/errs"
)

type Store struct {
	db *db.DB
}

func New(d *db.DB) *Store { return &Store{db: d} }

// Contact is what we need to reach a borrower.
type Contact struct {
	BorrowerID string
	FirstName  string
	Email      string
	Phone      string
	TimeZone   string
	Marketing  bool
}

// Preferences are the borrower's channel opt-outs.
type Preferences struct {
	EmailOptOut bool
	SMSOptOut   bool
}

// ContactFor reads contact details straight from the borrower record.
func (s *Store) ContactFor(ctx context.Context, borrowerID string) (*Contact, error) {
	var c Contact
	err := s.db.QueryRowContext(ctx, `
		SELECT id, first_name, email, phone, time_zone, marketing_opt_in FROM borrowers WHERE id = $1`, borrowerID).
		Scan(&c.BorrowerID, &c.FirstName, &c.Email, &c.Phone, &c.TimeZone, &c.Marketing)
	if db.IsNoRows(err) {
		return nil, errs.NotFound("borrower %s not found", borrowerID)
	}
	return &c, err
}

// BorrowerForLoan resolves the borrower of a loan for payment notices.
func (s *Store) BorrowerForLoan(ctx context.Context, loanID string) (string, error) {
	var id string
	err := s.db.QueryRowContext(ctx, `SELECT borrower_id FROM loans WHERE id = $1`, loanID).Scan(&id)
	if db.IsNoRows(err) {
		return "", errs.NotFound("loan %s not found", loanID)
	}
	return id, err
}

func (s *Store) Preferences(ctx context.Context, borrowerID string) (Preferences, error) {
	var p Preferences
	err := s.db.QueryRowContext(ctx, `
		SELECT email_opt_out, sms_opt_out FROM contact_preferences WHERE borrower_id = $1`, borrowerID).
		Scan(&p.EmailOptOut, &p.SMSOptOut)
	if db.IsNoRows(err) {
		return Preferences{}, nil
	}
	return p, err
}

// OptOut records a STOP reply or unsubscribe.
func (s *Store) OptOut(ctx context.Context, borrowerID, channel string) error {
	col := "email_opt_out"
	if channel == "sms" {
		col = "sms_opt_out"
	}
	_, err := s.db.ExecContext(ctx, `
		INSERT INTO contact_preferences (borrower_id, `+col+`, updated_at) VALUES ($1, true, now())
		ON CONFLICT (borrower_id) DO UPDATE SET `+col+` = true, updated_at = now()`, borrowerID)
	return err
}

func (s *Store) Enqueue(ctx context.Context, m *models.Message) error {
	_, err := s.db.ExecContext(ctx, `
		INSERT INTO messages (id, borrower_id, channel, template, recipient, subject, body, status, attempts, send_after, created_at)
		VALUES ($1,$2,$3,$4,$5,$6,$7,'queued',0,$8,$9)`,
		m.ID, m.BorrowerID, m.Channel, m.Template, m.To, m.Subject, m.Body, m.SendAfter, m.CreatedAt)
	return err
}

// Due claims queued messages ready to send.
func (s *Store) Due(ctx context.Context, now time.Time, limit int) ([]*models.Message, error) {
	rows, err := s.db.QueryContext(ctx, `
		UPDATE messages SET status = 'sending' WHERE id IN (
			SELECT id FROM messages WHERE status = 'queued' AND send_after <= $1
			ORDER BY send_after LIMIT $2 FOR UPDATE SKIP LOCKED)
		RETURNING id, borrower_id, channel, template, recipient, subject, body, attempts`, now, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*models.Message
	for rows.Next() {
		var m models.Message
		var subj sql.NullString
		if err := rows.Scan(&m.ID, &m.BorrowerID, &m.Channel, &m.Template, &m.To, &subj, &m.Body, &m.Attempts); err != nil {
			return nil, err
		}
		m.Subject = subj.String
		out = append(out, &m)
	}
	return out, rows.Err()
}

func (s *Store) MarkSent(ctx context.Context, id string, at time.Time) error {
	_, err := s.db.ExecContext(ctx, `UPDATE messages SET status = 'sent', sent_at = $2, attempts = attempts + 1 WHERE id = $1`, id, at)
	return err
}

// Retry requeues a message, or fails it permanently after too many attempts.
func (s *Store) Retry(ctx context.Context, id string, next time.Time, final bool) error {
	status := "queued"
	if final {
		status = "failed"
	}
	_, err := s.db.ExecContext(ctx, `
		UPDATE messages SET status = $2, send_after = $3, attempts = attempts + 1 WHERE id = $1`, id, status, next)
	return err
}
