// Package store persists license windows and content partners.
package store

import (
	"context"
	"time"

	"github.com/flickstream/api/models"
	"github.com/flickstream/api/pkg/dbx"
	"github.com/flickstream/api/pkg/errs"
)

// Store is the Postgres-backed rights store.
type Store struct {
	db *dbx.DB
}

// New returns a Store.
func New(db *dbx.DB) *Store { return &Store{db: db} }

const windowColumns = `id, title_id, partner_id, territory, starts_at, ends_at, exclusive, ad_tier_allowed, status`

func (s *Store) queryWindows(ctx context.Context, op, q string, args ...any) ([]models.LicenseWindow, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, errs.Wrap(op, err)
	}
	defer rows.Close()
	var out []models.LicenseWindow
	for rows.Next() {
		var w models.LicenseWindow
		if err := rows.Scan(&w.ID, &w.TitleID, &w.PartnerID, &w.Territory, &w.StartsAt, &w.EndsAt,
			&w.Exclusive, &w.AdTierAllowed, &w.Status); err != nil {
			return nil, errs.Wrap(op, err)
		}
		out = append(out, w)
	}
	return out, rows.Err()
}

// Create inserts a window.
func (s *Store) Create(ctx context.Context, w models.LicenseWindow) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO license_windows (`+windowColumns+`, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'active', now())`,
		w.ID, w.TitleID, w.PartnerID, w.Territory, w.StartsAt, w.EndsAt, w.Exclusive, w.AdTierAllowed)
	return errs.Wrap("rights.store.Create", err)
}

// ForTitle lists all windows of a title.
func (s *Store) ForTitle(ctx context.Context, titleID string) ([]models.LicenseWindow, error) {
	return s.queryWindows(ctx, "rights.store.ForTitle",
		`SELECT `+windowColumns+` FROM license_windows WHERE title_id = $1 ORDER BY territory, starts_at`, titleID)
}

// Overlapping lists active windows in territory intersecting [from, to).
func (s *Store) Overlapping(ctx context.Context, titleID, territory string, from, to time.Time) ([]models.LicenseWindow, error) {
	return s.queryWindows(ctx, "rights.store.Overlapping",
		`SELECT `+windowColumns+` FROM license_windows
		WHERE title_id = $1 AND territory = $2 AND status = 'active' AND starts_at < $4 AND ends_at > $3`,
		titleID, territory, from, to)
}

// ActiveAt lists windows covering at in territory (or the WW worldwide pseudo-territory).
func (s *Store) ActiveAt(ctx context.Context, titleID, territory string, at time.Time) ([]models.LicenseWindow, error) {
	return s.queryWindows(ctx, "rights.store.ActiveAt",
		`SELECT `+windowColumns+` FROM license_windows
		WHERE title_id = $1 AND territory IN ($2, 'WW') AND status = 'active' AND starts_at <= $3 AND ends_at > $3`,
		titleID, territory, at)
}

// ExpireDue flips lapsed windows to expired and returns them.
func (s *Store) ExpireDue(ctx context.Context, now time.Time) ([]models.LicenseWindow, error) {
	return s.queryWindows(ctx, "rights.store.ExpireDue",
		`UPDATE license_windows SET status = 'expired', updated_at = $1
		WHERE status = 'active' AND ends_at <= $1 RETURNING `+windowColumns, now)
}

// ExpiringUnnotified lists active windows ending before until that nobody was warned about.
func (s *Store) ExpiringUnnotified(ctx context.Context, until time.Time) ([]models.LicenseWindow, error) {
	return s.queryWindows(ctx, "rights.store.ExpiringUnnotified",
		`SELECT `+windowColumns+` FROM license_windows
		WHERE status = 'active' AND ends_at <= $1 AND expiry_notified_at IS NULL ORDER BY ends_at`, until)
}

// MarkNotified records that an expiry warning went out.
func (s *Store) MarkNotified(ctx context.Context, id string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE license_windows SET expiry_notified_at = now() WHERE id = $1`, id)
	return errs.Wrap("rights.store.MarkNotified", err)
}

// CountActive counts windows of a title active at t in any territory.
func (s *Store) CountActive(ctx context.Context, titleID string, t time.Time) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM license_windows
		WHERE title_id = $1 AND status = 'active' AND starts_at <= $2 AND ends_at > $2`, titleID, t).Scan(&n)
	return n, errs.Wrap("rights.store.CountActive", err)
}

// Revoke ends a window early (e.g. partner dispute).
func (s *Store) Revoke(ctx context.Context, id string) error {
	res, err := s.db.ExecContext(ctx, `UPDATE license_windows SET status = 'revoked', updated_at = now()
		WHERE id = $1 AND status = 'active'`, id)
	if err != nil {
		return errs.Wrap("rights.store.Revoke", err)
	}
	if dbx.RowsAffectedOne(res) != nil {
		return errs.E(errs.NotFound, "rights.store.Revoke", "no active window "+id)
	}
	return nil
}

// PartnerActive reports whether a content partner exists and has an active contract.
func (s *Store) PartnerActive(ctx context.Context, partnerID string) (bool, error) {
	var active bool
	err := s.db.QueryRowContext(ctx, `SELECT active FROM content_partners WHERE id = $1`, partnerID).Scan(&active)
	if dbx.IsNoRows(err) {
		return false, nil
	}
	return active, errs.Wrap("rights.store.PartnerActive", err)
}
