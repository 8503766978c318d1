// Package store persists accounts, viewer profiles and parental controls.
package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/flickstream/api/models"
	"github.com/flickstream/api/pkg/dbx"
	"github.com/flickstream/api/pkg/errs"
)

// Store is the Postgres-backed profiles store.
type Store struct {
	db *dbx.DB
}

// New returns a Store.
func New(db *dbx.DB) *Store { return &Store{db: db} }

// GetAccount loads an account.
func (s *Store) GetAccount(ctx context.Context, id string) (models.Account, error) {
	var a models.Account
	err := s.db.QueryRowContext(ctx, `SELECT id, email, country, status, created_at FROM accounts WHERE id = $1`, id).
		Scan(&a.ID, &a.Email, &a.Country, &a.Status, &a.CreatedAt)
	if dbx.IsNoRows(err) {
		return a, errs.E(errs.NotFound, "profiles.store.GetAccount", "account "+id+" not found")
	}
	return a, errs.Wrap("profiles.store.GetAccount", err)
}

// CreateAccount inserts an account.
func (s *Store) CreateAccount(ctx context.Context, a models.Account) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO accounts (id, email, country, status, created_at) VALUES ($1, lower($2), $3, $4, $5)`,
		a.ID, a.Email, a.Country, a.Status, a.CreatedAt)
	return errs.Wrap("profiles.store.CreateAccount", err)
}

// EmailTaken reports whether an account already uses email.
func (s *Store) EmailTaken(ctx context.Context, email string) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM accounts WHERE email = lower($1) AND status <> 'closed'`, email).Scan(&n)
	return n > 0, errs.Wrap("profiles.store.EmailTaken", err)
}

// SetAccountStatus updates an account's status.
func (s *Store) SetAccountStatus(ctx context.Context, id, status string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE accounts SET status = $2, updated_at = now() WHERE id = $1`, id, status)
	return errs.Wrap("profiles.store.SetAccountStatus", err)
}

const profileColumns = `id, account_id, name, kids, max_rating, language, COALESCE(avatar_url, ''), COALESCE(birth_year, 0), created_at`

func scanProfile(row interface{ Scan(...any) error }) (models.Profile, error) {
	var p models.Profile
	var rating string
	err := row.Scan(&p.ID, &p.AccountID, &p.Name, &p.Kids, &rating, &p.Language, &p.AvatarURL, &p.BirthYear, &p.CreatedAt)
	p.MaxRating = models.MaturityRating(rating)
	return p, err
}

// GetProfile loads a live profile.
func (s *Store) GetProfile(ctx context.Context, id string) (models.Profile, error) {
	p, err := scanProfile(s.db.QueryRowContext(ctx, `SELECT `+profileColumns+` FROM profiles WHERE id = $1 AND deleted_at IS NULL`, id))
	if dbx.IsNoRows(err) {
		return p, errs.E(errs.NotFound, "profiles.store.GetProfile", "profile "+id+" not found")
	}
	return p, errs.Wrap("profiles.store.GetProfile", err)
}

// ListProfiles lists the live profiles of an account.
func (s *Store) ListProfiles(ctx context.Context, accountID string) ([]models.Profile, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+profileColumns+` FROM profiles
		WHERE account_id = $1 AND deleted_at IS NULL ORDER BY created_at`, accountID)
	if err != nil {
		return nil, errs.Wrap("profiles.store.ListProfiles", err)
	}
	defer rows.Close()
	var out []models.Profile
	for rows.Next() {
		p, err := scanProfile(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// CreateProfile inserts a profile and its default controls in one transaction.
func (s *Store) CreateProfile(ctx context.Context, p models.Profile) error {
	return s.db.WithTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO profiles (id, account_id, name, kids, max_rating, language, avatar_url, birth_year, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, NULLIF($8, 0), $9)`,
			p.ID, p.AccountID, p.Name, p.Kids, string(p.MaxRating), p.Language, dbx.NullString(p.AvatarURL), p.BirthYear, p.CreatedAt); err != nil {
			return errs.Wrap("profiles.store.CreateProfile", err)
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO parental_controls (profile_id, max_rating, pin_required, updated_at)
			VALUES ($1, $2, FALSE, $3)`, p.ID, string(p.MaxRating), p.CreatedAt)
		return errs.Wrap("profiles.store.CreateProfile", err)
	})
}

// DeleteProfile soft-deletes a profile.
func (s *Store) DeleteProfile(ctx context.Context, accountID, id string) error {
	res, err := s.db.ExecContext(ctx, `UPDATE profiles SET deleted_at = now() WHERE id = $1 AND account_id = $2 AND deleted_at IS NULL`, id, accountID)
	if err != nil {
		return errs.Wrap("profiles.store.DeleteProfile", err)
	}
	if dbx.RowsAffectedOne(res) != nil {
		return errs.E(errs.NotFound, "profiles.store.DeleteProfile", "profile not found")
	}
	return nil
}

// GetControls loads parental controls with the block list.
func (s *Store) GetControls(ctx context.Context, profileID string) (models.ParentalControls, error) {
	c := models.ParentalControls{ProfileID: profileID}
	var rating string
	err := s.db.QueryRowContext(ctx, `SELECT max_rating, pin_required, updated_at FROM parental_controls WHERE profile_id = $1`, profileID).
		Scan(&rating, &c.PINRequired, &c.UpdatedAt)
	if dbx.IsNoRows(err) {
		return c, errs.E(errs.NotFound, "profiles.store.GetControls", "no controls for profile")
	}
	if err != nil {
		return c, errs.Wrap("profiles.store.GetControls", err)
	}
	c.MaxRating = models.MaturityRating(rating)
	rows, err := s.db.QueryContext(ctx, `SELECT title_id FROM parental_blocked_titles WHERE profile_id = $1`, profileID)
	if err != nil {
		return c, errs.Wrap("profiles.store.GetControls", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return c, err
		}
		c.BlockedTitleIDs = append(c.BlockedTitleIDs, id)
	}
	return c, rows.Err()
}

// SaveControls replaces a profile's controls.
func (s *Store) SaveControls(ctx context.Context, c models.ParentalControls) error {
	return s.db.WithTx(ctx, func(tx *sql.Tx) error {
		now := time.Now().UTC()
		if _, err := tx.ExecContext(ctx, `UPDATE parental_controls SET max_rating = $2, pin_required = $3, updated_at = $4 WHERE profile_id = $1`,
			c.ProfileID, string(c.MaxRating), c.PINRequired, now); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE profiles SET max_rating = $2 WHERE id = $1`, c.ProfileID, string(c.MaxRating)); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM parental_blocked_titles WHERE profile_id = $1`, c.ProfileID); err != nil {
			return err
		}
		for _, t := range c.BlockedTitleIDs {
			if _, err := tx.ExecContext(ctx, `INSERT INTO parental_blocked_titles (profile_id, title_id) VALUES ($1, $2)`, c.ProfileID, t); err != nil {
				return err
			}
		}
		return nil
	})
}
