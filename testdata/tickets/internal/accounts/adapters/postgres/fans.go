// Package postgres persists fan accounts.
// Tables owned: fan_accounts, email_verifications.
package postgres

import (
	"context"
	"database/sql"
	"time"

	"gatehouse.events/platform/internal/accounts/app"
	"gatehouse.events/platform/internal/accounts/domain"
	"gatehouse.events/platform/internal/platform/db"
	"gatehouse.events/platform/internal/platform/errs"
	"gatehouse.events/platform/internal/shared/model"
)

// FanStore implements app.Repository.
type FanStore struct{ db *sql.DB }

// NewFanStore returns a store.
func NewFanStore(d *sql.DB) *FanStore { return &FanStore{db: d} }

var _ app.Repository = (*FanStore)(nil)

const fanCols = `id, email, display_name, password_hash, country, marketing_ok, email_verified, status, failed_logins, created_at, last_login_at, favourite_genre`

func scanFan(row interface{ Scan(...any) error }) (*domain.Fan, error) {
	var f domain.Fan
	var status string
	var last sql.NullTime
	if err := row.Scan(&f.ID, &f.Email, &f.DisplayName, &f.PasswordHash, &f.Country, &f.MarketingOK,
		&f.EmailVerified, &status, &f.FailedLogins, &f.CreatedAt, &last, &f.FavouriteGenre); err != nil {
		return nil, err
	}
	f.Status, f.LastLoginAt = domain.Status(status), last.Time
	return &f, nil
}

// Create inserts a fan.
func (s *FanStore) Create(ctx context.Context, f *domain.Fan) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO fan_accounts (`+fanCols+`) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)`,
		f.ID, f.Email, f.DisplayName, f.PasswordHash, f.Country, f.MarketingOK, f.EmailVerified, string(f.Status),
		f.FailedLogins, f.CreatedAt, db.NullTime(f.LastLoginAt), f.FavouriteGenre)
	return errs.Wrap(err, "accounts.FanStore.Create")
}

// Get loads a fan by id.
func (s *FanStore) Get(ctx context.Context, id string) (*domain.Fan, error) {
	f, err := scanFan(s.db.QueryRowContext(ctx, `SELECT `+fanCols+` FROM fan_accounts WHERE id=$1`, id))
	if err != nil {
		return nil, db.NotFound(err, "accounts.FanStore.Get", "fan", id)
	}
	return f, nil
}

// ByEmail loads a fan by normalised email.
func (s *FanStore) ByEmail(ctx context.Context, email string) (*domain.Fan, error) {
	f, err := scanFan(s.db.QueryRowContext(ctx, `SELECT `+fanCols+` FROM fan_accounts WHERE email=$1 AND status <> 'deleted'`, email))
	if err != nil {
		return nil, db.NotFound(err, "accounts.FanStore.ByEmail", "fan", email)
	}
	return f, nil
}

// Profile loads only the public projection; other parts of the platform
// use this for receipts and staff screens.
func (s *FanStore) Profile(ctx context.Context, id string) (model.FanProfile, error) {
	var p model.FanProfile
	err := s.db.QueryRowContext(ctx, `SELECT id, email, display_name, country, marketing_ok, email_verified
		FROM fan_accounts WHERE id=$1`, id).Scan(&p.ID, &p.Email, &p.DisplayName, &p.Country, &p.MarketingOK, &p.Verified)
	if err != nil {
		return p, db.NotFound(err, "accounts.FanStore.Profile", "fan", id)
	}
	return p, nil
}

// Update writes mutable fields.
func (s *FanStore) Update(ctx context.Context, f *domain.Fan) error {
	res, err := s.db.ExecContext(ctx, `UPDATE fan_accounts SET display_name=$2, country=$3, marketing_ok=$4, email_verified=$5,
		status=$6, failed_logins=$7, last_login_at=$8, favourite_genre=$9, updated_at=now() WHERE id=$1`,
		f.ID, f.DisplayName, f.Country, f.MarketingOK, f.EmailVerified, string(f.Status), f.FailedLogins, db.NullTime(f.LastLoginAt), f.FavouriteGenre)
	if err != nil {
		return errs.Wrap(err, "accounts.FanStore.Update")
	}
	return db.ExpectOne(res, "accounts.FanStore.Update")
}

// SaveVerification stores a verification token.
func (s *FanStore) SaveVerification(ctx context.Context, t domain.VerificationToken) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO email_verifications (token, fan_id, expires_at) VALUES ($1,$2,$3)`, t.Token, t.FanID, t.ExpiresAt)
	return errs.Wrap(err, "accounts.FanStore.SaveVerification")
}

// ConsumeVerification deletes a valid token and returns its fan.
func (s *FanStore) ConsumeVerification(ctx context.Context, token string, now time.Time) (string, error) {
	var fanID string
	err := s.db.QueryRowContext(ctx, `DELETE FROM email_verifications WHERE token=$1 AND expires_at > $2 RETURNING fan_id`, token, now).Scan(&fanID)
	if err != nil {
		return "", db.NotFound(err, "accounts.ConsumeVerification", "verification token", "")
	}
	return fanID, nil
}

// MarketingOptIns streams opted-in fans; used by the newsletter sync.
func (s *FanStore) MarketingOptIns(ctx context.Context, since time.Time, fn func(model.FanProfile) error) error {
	rows, err := s.db.QueryContext(ctx, `SELECT id, email, display_name, country, marketing_ok, email_verified
		FROM fan_accounts WHERE marketing_ok AND email_verified AND updated_at >= $1 AND status='active'`, since)
	if err != nil {
		return errs.Wrap(err, "accounts.FanStore.MarketingOptIns")
	}
	defer rows.Close()
	for rows.Next() {
		var p model.FanProfile
		if err := rows.Scan(&p.ID, &p.Email, &p.DisplayName, &p.Country, &p.MarketingOK, &p.Verified); err != nil {
			return err
		}
		if err := fn(p); err != nil {
			return err
		}
	}
	return rows.Err()
}
