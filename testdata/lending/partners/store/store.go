// Package store persists broker partners, their users, referrals and commissions.
package store

import (
	"context"
	"strings"
	"time"

	"lendwise.io/platform/internal/models"
	"lendwise.io/platform/internal/platform/db"
	"lendwise.io/platform/internal/platform/errs"
	"lendwise.io/platform/internal/platform/money"
)

type Store struct {
	db *db.DB
}

func New(d *db.DB) *Store { return &Store{db: d} }

func (s *Store) Get(ctx context.Context, id string) (*models.Partner, error) {
	var p models.Partner
	var states string
	err := s.db.QueryRowContext(ctx, `
		SELECT id, name, kind, commission_bps, active, license_states, created_at FROM partners WHERE id = $1`, id).
		Scan(&p.ID, &p.Name, &p.Kind, &p.CommissionBps, &p.Active, &states, &p.CreatedAt)
	if db.IsNoRows(err) {
		return nil, errs.NotFound("partner %s not found", id)
	}
	p.LicenseStates = strings.Split(states, ",")
	return &p, err
}

// Active lists active partners.
func (s *Store) Active(ctx context.Context) ([]models.Partner, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, name, commission_bps FROM partners WHERE active ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Partner
	for rows.Next() {
		p := models.Partner{Active: true}
		if err := rows.Scan(&p.ID, &p.Name, &p.CommissionBps); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// UserActive checks that a portal user belongs to the partner and is enabled.
func (s *Store) UserActive(ctx context.Context, partnerID, userID string) (bool, error) {
	var ok bool
	err := s.db.QueryRowContext(ctx, `
		SELECT EXISTS (SELECT 1 FROM partner_users WHERE partner_id = $1 AND id = $2 AND disabled_at IS NULL)`,
		partnerID, userID).Scan(&ok)
	return ok, err
}

func (s *Store) InsertReferral(ctx context.Context, r *models.Referral) error {
	_, err := s.db.ExecContext(ctx, `
		INSERT INTO partner_referrals (id, partner_id, borrower_id, application_id, submitted_by, created_at)
		VALUES ($1,$2,$3,$4,$5,$6)`, r.ID, r.PartnerID, r.BorrowerID, r.ApplicationID, r.SubmittedBy, r.CreatedAt)
	return err
}

// Commission is one payable line.
type Commission struct {
	AgreementID string      `json:"agreement_id"`
	LoanID      string      `json:"loan_id"`
	Principal   money.Cents `json:"principal"`
	RateBps     int64       `json:"rate_bps"`
	Amount      money.Cents `json:"amount"`
	Period      string      `json:"period"`
}

// InsertCommission is idempotent per agreement.
func (s *Store) InsertCommission(ctx context.Context, partnerID string, c Commission) (bool, error) {
	res, err := s.db.ExecContext(ctx, `
		INSERT INTO commissions (partner_id, agreement_id, loan_id, principal_cents, rate_bps, amount_cents, period, created_at)
		VALUES ($1,$2,$3,$4,$5,$6,$7,now()) ON CONFLICT (agreement_id) DO NOTHING`,
		partnerID, c.AgreementID, c.LoanID, int64(c.Principal), c.RateBps, int64(c.Amount), c.Period)
	if err != nil {
		return false, err
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// Commissions lists a partner's commissions for a period ("2006-01").
func (s *Store) Commissions(ctx context.Context, partnerID, period string) ([]Commission, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT agreement_id, loan_id, principal_cents, rate_bps, amount_cents, period
		FROM commissions WHERE partner_id = $1 AND period = $2 ORDER BY created_at`, partnerID, period)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Commission
	for rows.Next() {
		var c Commission
		var p, a int64
		if err := rows.Scan(&c.AgreementID, &c.LoanID, &p, &c.RateBps, &a, &c.Period); err != nil {
			return nil, err
		}
		c.Principal, c.Amount = money.Cents(p), money.Cents(a)
		out = append(out, c)
	}
	return out, rows.Err()
}

// ReferralCount counts referrals in a window (portal dashboard).
func (s *Store) ReferralCount(ctx context.Context, partnerID string, since time.Time) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `
		SELECT count(*) FROM partner_referrals WHERE partner_id = $1 AND created_at >= $2`, partnerID, since).Scan(&n)
	return n, err
}
