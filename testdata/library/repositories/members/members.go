// Package members stores library members (patrons) and their cards.
package members

import (
	"context"
	"database/sql"
	"time"

	"citylib.org/ils/apperr"
	"citylib.org/ils/db"
	"citylib.org/ils/models"
)

type Repo struct {
	db *db.DB
}

func New(d *db.DB) *Repo { return &Repo{db: d} }

const memberCols = `m.id, m.first_name, m.last_name, COALESCE(m.email, ''), COALESCE(m.phone, ''), m.birth_date,
	m.address, m.postal_code, m.category, m.status, m.home_branch_id, m.guardian_id, m.expires_at, m.created_at,
	COALESCE(c.number, '')`

const memberFrom = ` FROM members m LEFT JOIN cards c ON c.member_id = m.id AND c.status = 'active' `

func scan(row interface{ Scan(...any) error }) (*models.Member, error) {
	var m models.Member
	var guardian sql.NullInt64
	err := row.Scan(&m.ID, &m.FirstName, &m.LastName, &m.Email, &m.Phone, &m.BirthDate, &m.Address, &m.PostalCode,
		&m.Category, &m.Status, &m.HomeBranchID, &guardian, &m.ExpiresAt, &m.CreatedAt, &m.CardNumber)
	m.GuardianID = db.PtrInt64(guardian)
	return &m, err
}

func (r *Repo) Get(ctx context.Context, id int64) (*models.Member, error) {
	m, err := scan(r.db.QueryRowContext(ctx, `SELECT `+memberCols+memberFrom+`WHERE m.id = $1`, id))
	if db.IsNoRows(err) {
		return nil, apperr.NotFound("member", id)
	}
	return m, err
}

func (r *Repo) GetByCard(ctx context.Context, number string) (*models.Member, error) {
	m, err := scan(r.db.QueryRowContext(ctx, `SELECT `+memberCols+memberFrom+`WHERE c.number = $1`, number))
	if db.IsNoRows(err) {
		return nil, apperr.NotFound("card", number)
	}
	return m, err
}

func (r *Repo) EmailTaken(ctx context.Context, email string) (bool, error) {
	var ok bool
	err := r.db.QueryRowContext(ctx,
		`SELECT EXISTS (SELECT 1 FROM members WHERE lower(email) = lower($1))`, email).Scan(&ok)
	return ok, err
}

// Create inserts a member and their first card atomically.
func (r *Repo) Create(ctx context.Context, m *models.Member, cardNumber string) error {
	return r.db.WithTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx,
			`INSERT INTO members (first_name, last_name, email, phone, birth_date, address, postal_code,
			   category, status, home_branch_id, guardian_id, expires_at)
			 VALUES ($1, $2, NULLIF($3, ''), NULLIF($4, ''), $5, $6, $7, $8, 'active', $9, $10, $11)
			 RETURNING id, created_at`,
			m.FirstName, m.LastName, m.Email, m.Phone, m.BirthDate, m.Address, m.PostalCode,
			m.Category, m.HomeBranchID, db.NullInt64(m.GuardianID), m.ExpiresAt).Scan(&m.ID, &m.CreatedAt)
		if err != nil {
			return err
		}
		m.Status = models.MemberActive
		m.CardNumber = cardNumber
		_, err = tx.ExecContext(ctx,
			`INSERT INTO cards (member_id, number, status, issued_at) VALUES ($1, $2, 'active', now())`, m.ID, cardNumber)
		return err
	})
}

// ReplaceCard marks the active card lost and issues a new number.
func (r *Repo) ReplaceCard(ctx context.Context, memberID int64, newNumber string) error {
	return r.db.WithTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx,
			`UPDATE cards SET status = 'replaced', replaced_at = now() WHERE member_id = $1 AND status = 'active'`,
			memberID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx,
			`INSERT INTO cards (member_id, number, status, issued_at) VALUES ($1, $2, 'active', now())`, memberID, newNumber)
		return err
	})
}

func (r *Repo) SetStatus(ctx context.Context, id int64, status models.MemberStatus, note string) error {
	_, err := r.db.ExecContext(ctx,
		`UPDATE members SET status = $2, status_note = $3, updated_at = now() WHERE id = $1`, id, status, note)
	return err
}

func (r *Repo) Extend(ctx context.Context, id int64, until time.Time) error {
	_, err := r.db.ExecContext(ctx,
		`UPDATE members SET expires_at = $2, status = CASE WHEN status = 'expired' THEN 'active' ELSE status END
		 WHERE id = $1`, id, until)
	return err
}
