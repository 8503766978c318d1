// Package adjust records goodwill credits and compensation. Credits are
// held as pending adjustments and land on the next bill.
package adjust

import (
	"context"
	"database/sql"
	"fmt"

	"gridline.energy/platform/core/accounts/sites"
	"gridline.energy/platform/core/models"
	"gridline.energy/platform/kit/events"

	"gridline.energy/platform/core/billing"
	"gridline.energy/platform/core/billing/invoice"
	"gridline.energy/platform/kit/errs"
	"gridline.energy/platform/kit/ids"
	"gridline.energy/platform/kit/money"
)

// Authority limits for goodwill credits by agent role.
var creditLimits = map[string]money.Pence{
	"agent":      5000,
	"supervisor": 25000,
	"manager":    100000,
}

type Service struct {
	db       *sql.DB
	invoices *invoice.Store
	sites    *sites.Service
}

func New(d *sql.DB, inv *invoice.Store, st *sites.Service) *Service {
	return &Service{db: d, invoices: inv, sites: st}
}

type CreditRequest struct {
	AccountID string      `json:"account_id"`
	Amount    money.Pence `json:"amount"`
	Reason    string      `json:"reason"`
	RaisedBy  string      `json:"raised_by"`
	Role      string      `json:"role"`
}

func (s *Service) Credit(ctx context.Context, req CreditRequest) (string, error) {
	const op = "adjust.Credit"
	if req.Amount <= 0 {
		return "", errs.Invalid(op, "credit must be positive")
	}
	if req.Reason == "" || req.RaisedBy == "" {
		return "", errs.Invalid(op, "reason and raised_by are required")
	}
	limit, ok := creditLimits[req.Role]
	if !ok {
		return "", errs.Forbidden(op, "role %q may not raise credits", req.Role)
	}
	if req.Amount > limit {
		return "", errs.Forbidden(op, "%s exceeds the %s limit of %s", req.Amount, req.Role, limit)
	}
	id := ids.New("adj")
	_, err := s.db.ExecContext(ctx, `
		INSERT INTO bill_adjustments (id, account_id, amount_pence, reason, raised_by, status, created_at)
		VALUES ($1, $2, $3, $4, $5, 'pending', now())`, id, req.AccountID, int64(req.Amount), req.Reason, req.RaisedBy)
	return id, err
}

func (s *Service) Pending(ctx context.Context, accountID string) ([]billing.Credit, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT id, amount_pence, reason FROM bill_adjustments
		WHERE account_id = $1 AND status = 'pending' ORDER BY created_at`, accountID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []billing.Credit
	for rows.Next() {
		var c billing.Credit
		var amt int64
		if err := rows.Scan(&c.ID, &amt, &c.Reason); err != nil {
			return nil, err
		}
		c.Amount = money.Pence(amt)
		out = append(out, c)
	}
	return out, rows.Err()
}

// MarkApplied links pending credits to the bill that carried them.
func (s *Service) MarkApplied(ctx context.Context, tx *sql.Tx, credits []billing.Credit, billID string) error {
	for _, c := range credits {
		if _, err := tx.ExecContext(ctx, `UPDATE bill_adjustments SET status = 'applied', bill_id = $2 WHERE id = $1`,
			c.ID, billID); err != nil {
			return err
		}
	}
	return nil
}

// OnOutageRestored raises Guaranteed Standards compensation as a credit on
// each affected account. The network operator reimburses us monthly.
func (s *Service) OnOutageRestored(ctx context.Context, e events.Event) error {
	var p models.OutageRestoredPayload
	if err := e.Decode(&p); err != nil {
		return err
	}
	if p.Compensation <= 0 {
		return nil
	}
	credited := map[string]bool{}
	for _, siteID := range p.SiteIDs {
		site, err := s.sites.Get(ctx, siteID)
		if err != nil {
			return err
		}
		if credited[site.AccountID] {
			continue
		}
		credited[site.AccountID] = true
		if _, err := s.db.ExecContext(ctx, `
			INSERT INTO bill_adjustments (id, account_id, amount_pence, reason, raised_by, status, created_at, source_ref)
			VALUES ($1, $2, $3, $4, 'system', 'pending', now(), $5)
			ON CONFLICT (source_ref, account_id) DO NOTHING`,
			ids.New("adj"), site.AccountID, int64(p.Compensation),
			fmt.Sprintf("Guaranteed Standards payment: %.0f hour supply interruption", p.Hours), p.OutageID); err != nil {
			return err
		}
	}
	return nil
}
