// Package store persists Staybright Rewards accounts and point transactions.
//
// Tables: loyalty_accounts, loyalty_transactions.
package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/staybright/platform/internal/model"
	"github.com/staybright/platform/internal/pkg/db"
	"github.com/staybright/platform/internal/pkg/errs"
)

// Txn is a points movement.
type Txn struct {
	GuestID   string    `json:"-"`
	Points    int64     `json:"points"` // negative for redemptions
	Kind      string    `json:"kind"`   // earn, redeem, adjust, expire
	Reference string    `json:"reference"`
	Nights    int       `json:"nights"`
	At        time.Time `json:"at"`
}

// Store is the loyalty repository.
type Store struct {
	db *sql.DB
}

// New returns a Store.
func New(conn *sql.DB) *Store { return &Store{db: conn} }

// Account returns a member's account.
func (s *Store) Account(ctx context.Context, guestID string) (*model.LoyaltyAccount, error) {
	var a model.LoyaltyAccount
	var tier string
	err := s.db.QueryRowContext(ctx, `
		SELECT guest_id, number, tier, points, qualifying_nights, tier_expires_at
		FROM loyalty_accounts WHERE guest_id = $1`, guestID).
		Scan(&a.GuestID, &a.Number, &tier, &a.Points, &a.QualifyingNights, &a.TierExpiresAt)
	if err != nil {
		return nil, db.NotFound(err, "loyalty.Account", "loyalty account")
	}
	a.Tier = model.LoyaltyTier(tier)
	return &a, nil
}

// CreateAccount opens an account.
func (s *Store) CreateAccount(ctx context.Context, a *model.LoyaltyAccount) error {
	_, err := s.db.ExecContext(ctx, `
		INSERT INTO loyalty_accounts (guest_id, number, tier, points, qualifying_nights, tier_expires_at)
		VALUES ($1, $2, $3, 0, 0, $4)`, a.GuestID, a.Number, string(a.Tier), a.TierExpiresAt)
	if err != nil {
		return db.NotFound(err, "loyalty.CreateAccount", "loyalty account")
	}
	return nil
}

// Apply records t and updates the balance atomically. A transaction with
// the same (guest, reference, kind) is ignored so earning is idempotent.
func (s *Store) Apply(ctx context.Context, t Txn) (applied bool, err error) {
	err = db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `
			INSERT INTO loyalty_transactions (guest_id, points, kind, reference, nights, at)
			VALUES ($1, $2, $3, $4, $5, now())
			ON CONFLICT (guest_id, reference, kind) DO NOTHING`, t.GuestID, t.Points, t.Kind, t.Reference, t.Nights)
		if err != nil {
			return errs.Wrap(err, "loyalty.Apply")
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		res, err = tx.ExecContext(ctx, `
			UPDATE loyalty_accounts SET points = points + $2, qualifying_nights = qualifying_nights + $3
			WHERE guest_id = $1 AND points + $2 >= 0`, t.GuestID, t.Points, t.Nights)
		if err != nil {
			return errs.Wrap(err, "loyalty.Apply")
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errs.E(errs.Conflict, "loyalty.Apply", "insufficient points")
		}
		applied = true
		return nil
	})
	return applied, err
}

// Transactions returns recent movements.
func (s *Store) Transactions(ctx context.Context, guestID string, limit int) ([]Txn, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT guest_id, points, kind, reference, nights, at FROM loyalty_transactions
		WHERE guest_id = $1 ORDER BY at DESC LIMIT $2`, guestID, limit)
	if err != nil {
		return nil, errs.Wrap(err, "loyalty.Transactions")
	}
	defer rows.Close()
	var out []Txn
	for rows.Next() {
		var t Txn
		if err := rows.Scan(&t.GuestID, &t.Points, &t.Kind, &t.Reference, &t.Nights, &t.At); err != nil {
			return nil, errs.Wrap(err, "loyalty.Transactions")
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// UpdateTier sets a new tier and expiry.
func (s *Store) UpdateTier(ctx context.Context, guestID string, tier model.LoyaltyTier, expires time.Time) error {
	_, err := s.db.ExecContext(ctx, `
		UPDATE loyalty_accounts SET tier = $2, tier_expires_at = $3 WHERE guest_id = $1`, guestID, string(tier), expires)
	return errs.Wrap(err, "loyalty.UpdateTier")
}

// DueForReview returns accounts whose tier expires before t.
func (s *Store) DueForReview(ctx context.Context, t time.Time, limit int) ([]model.LoyaltyAccount, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT guest_id, number, tier, points, qualifying_nights, tier_expires_at
		FROM loyalty_accounts WHERE tier_expires_at < $1 ORDER BY tier_expires_at LIMIT $2`, t, limit)
	if err != nil {
		return nil, errs.Wrap(err, "loyalty.DueForReview")
	}
	defer rows.Close()
	var out []model.LoyaltyAccount
	for rows.Next() {
		var a model.LoyaltyAccount
		var tier string
		if err := rows.Scan(&a.GuestID, &a.Number, &tier, &a.Points, &a.QualifyingNights, &a.TierExpiresAt); err != nil {
			return nil, errs.Wrap(err, "loyalty.DueForReview")
		}
		a.Tier = model.LoyaltyTier(tier)
		out = append(out, a)
	}
	return out, rows.Err()
}

// QualifyingSpend sums what a guest has actually paid since t. It reads the
// payments table directly because the loyalty batch predates the payments API.
func (s *Store) QualifyingSpend(ctx context.Context, guestID string, since time.Time) (int64, error) {
	var cents sql.NullInt64
	err := s.db.QueryRowContext(ctx, `
		SELECT SUM(p.captured_cents - p.refunded_cents)
		FROM payments p
		WHERE p.guest_id = $1 AND p.status IN ('captured', 'partially_refunded') AND p.created_at >= $2`,
		guestID, since).Scan(&cents)
	if err != nil {
		return 0, errs.Wrap(err, "loyalty.QualifyingSpend")
	}
	return cents.Int64, nil
}

// ResetQualification zeroes qualifying nights at the start of a new period.
func (s *Store) ResetQualification(ctx context.Context, guestID string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE loyalty_accounts SET qualifying_nights = 0 WHERE guest_id = $1`, guestID)
	return errs.Wrap(err, "loyalty.ResetQualification")
}
