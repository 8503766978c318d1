// Package tenants stores resident contact records.
package tenants

import (
	"context"
	"database/sql"
	"net/mail"
	"strings"
	"time"

	"github.com/keystoneprop/platform/internal/db"
	"github.com/keystoneprop/platform/internal/errs"
	"github.com/keystoneprop/platform/internal/ids"
	"github.com/keystoneprop/platform/internal/models"
)

type Service struct{ conn *sql.DB }

func NewService(conn *sql.DB) *Service { return &Service{conn: conn} }

const cols = `id, first_name, last_name, email, phone, sms_opt_in, created_at`

func scan(sc interface{ Scan(...any) error }) (models.Tenant, error) {
	var t models.Tenant
	err := sc.Scan(&t.ID, &t.FirstName, &t.LastName, &t.Email, &t.Phone, &t.SMSOptIn, &t.CreatedAt)
	return t, err
}

func (s *Service) Get(ctx context.Context, id string) (models.Tenant, error) {
	t, err := scan(s.conn.QueryRowContext(ctx, `SELECT `+cols+` FROM tenants WHERE id = $1`, id))
	return t, db.Check(err, "tenant")
}

func (s *Service) GetMany(ctx context.Context, idList []string) ([]models.Tenant, error) {
	if len(idList) == 0 {
		return nil, nil
	}
	args := make([]any, len(idList))
	for i, id := range idList {
		args[i] = id
	}
	rows, err := s.conn.QueryContext(ctx, `SELECT `+cols+` FROM tenants WHERE id IN (`+db.Placeholders(1, len(args))+`)`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Tenant
	for rows.Next() {
		t, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

func (s *Service) FindByEmail(ctx context.Context, email string) (models.Tenant, error) {
	t, err := scan(s.conn.QueryRowContext(ctx, `SELECT `+cols+` FROM tenants WHERE lower(email) = lower($1)`, email))
	return t, db.Check(err, "tenant")
}

// Upsert creates a tenant or returns the existing record with the same email.
func (s *Service) Upsert(ctx context.Context, q db.Querier, t models.Tenant) (models.Tenant, error) {
	t.Email = strings.ToLower(strings.TrimSpace(t.Email))
	if _, err := mail.ParseAddress(t.Email); err != nil {
		return t, errs.E(errs.Invalid, "invalid email %q", t.Email)
	}
	if existing, err := s.FindByEmail(ctx, t.Email); err == nil {
		return existing, nil
	} else if !errs.Is(err, errs.NotFound) {
		return t, err
	}
	t.ID = ids.New(ids.Tenant)
	t.CreatedAt = time.Now().UTC()
	_, err := q.ExecContext(ctx, `INSERT INTO tenants (`+cols+`) VALUES ($1,$2,$3,$4,$5,$6,$7)`,
		t.ID, t.FirstName, t.LastName, t.Email, t.Phone, t.SMSOptIn, t.CreatedAt)
	return t, err
}

func (s *Service) UpdateContact(ctx context.Context, id, phone string, smsOptIn bool) error {
	res, err := s.conn.ExecContext(ctx, `UPDATE tenants SET phone = $2, sms_opt_in = $3 WHERE id = $1`, id, phone, smsOptIn)
	return db.MustAffect(res, err, "tenant")
}
