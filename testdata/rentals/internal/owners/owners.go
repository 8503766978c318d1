// Package owners manages property owners (the company's clients), their
// preferences and payout accounts.
package owners

import (
	"context"
	"database/sql"
	"time"

	"github.com/keystoneprop/platform/internal/db"
	"github.com/keystoneprop/platform/internal/errs"
	"github.com/keystoneprop/platform/internal/ids"
	"github.com/keystoneprop/platform/internal/models"
	"github.com/keystoneprop/platform/internal/money"
	"github.com/keystoneprop/platform/internal/properties"
)

type Preferences struct {
	RepairApprovalLimit money.Cents `json:"repair_approval_limit"`
	ReserveTarget       money.Cents `json:"reserve_target"`
	StatementDay        int         `json:"statement_day"`
}

type Service struct {
	conn  *sql.DB
	props *properties.Service
}

func NewService(conn *sql.DB, p *properties.Service) *Service { return &Service{conn: conn, props: p} }

func (s *Service) Create(ctx context.Context, o models.Owner) (models.Owner, error) {
	if o.LegalName == "" || o.Email == "" {
		return o, errs.E(errs.Invalid, "legal name and email are required")
	}
	o.ID, o.CreatedAt = ids.New(ids.Owner), time.Now().UTC()
	err := db.WithTx(ctx, s.conn, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO owners (id, legal_name, email, tax_id_last4, hold_payouts, created_at)
			VALUES ($1,$2,$3,$4,false,$5)`, o.ID, o.LegalName, o.Email, o.TaxIDLast4, o.CreatedAt); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO owner_preferences (owner_id, repair_approval_limit_cents, reserve_target_cents, statement_day)
			VALUES ($1, 50000, 25000, 10)`, o.ID)
		return err
	})
	return o, err
}

func (s *Service) Get(ctx context.Context, id string) (models.Owner, error) {
	var o models.Owner
	var payout sql.NullString
	err := s.conn.QueryRowContext(ctx, `SELECT id, legal_name, email, tax_id_last4, payout_method_ref, hold_payouts, created_at
		FROM owners WHERE id = $1`, id).Scan(&o.ID, &o.LegalName, &o.Email, &o.TaxIDLast4, &payout, &o.HoldPayouts, &o.CreatedAt)
	o.PayoutMethodID = payout.String
	return o, db.Check(err, "owner")
}

func (s *Service) ListActive(ctx context.Context) ([]models.Owner, error) {
	rows, err := s.conn.QueryContext(ctx, `SELECT DISTINCT o.id, o.legal_name, o.email, o.hold_payouts FROM owners o
		JOIN properties p ON p.owner_id = o.id WHERE p.active ORDER BY o.legal_name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Owner
	for rows.Next() {
		var o models.Owner
		if err := rows.Scan(&o.ID, &o.LegalName, &o.Email, &o.HoldPayouts); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

func (s *Service) Preferences(ctx context.Context, ownerID string) (Preferences, error) {
	var p Preferences
	err := s.conn.QueryRowContext(ctx, `SELECT repair_approval_limit_cents, reserve_target_cents, statement_day
		FROM owner_preferences WHERE owner_id = $1`, ownerID).Scan(&p.RepairApprovalLimit, &p.ReserveTarget, &p.StatementDay)
	return p, db.Check(err, "owner preferences")
}

func (s *Service) UpdatePreferences(ctx context.Context, ownerID string, p Preferences) error {
	if p.StatementDay < 1 || p.StatementDay > 28 {
		return errs.E(errs.Invalid, "statement day must be 1-28")
	}
	res, err := s.conn.ExecContext(ctx, `UPDATE owner_preferences SET repair_approval_limit_cents = $2, reserve_target_cents = $3, statement_day = $4
		WHERE owner_id = $1`, ownerID, p.RepairApprovalLimit, p.ReserveTarget, p.StatementDay)
	return db.MustAffect(res, err, "owner preferences")
}

// SetPayoutAccount stores the gateway bank token for distributions.
func (s *Service) SetPayoutAccount(ctx context.Context, ownerID, bankRef string) error {
	res, err := s.conn.ExecContext(ctx, `UPDATE owners SET payout_method_ref = $2 WHERE id = $1`, ownerID, bankRef)
	return db.MustAffect(res, err, "owner")
}

func (s *Service) HoldPayouts(ctx context.Context, ownerID string, hold bool) error {
	res, err := s.conn.ExecContext(ctx, `UPDATE owners SET hold_payouts = $2 WHERE id = $1`, ownerID, hold)
	return db.MustAffect(res, err, "owner")
}

func (s *Service) Portfolio(ctx context.Context, ownerID string) ([]models.Property, error) {
	return s.props.ListForOwner(ctx, ownerID)
}
