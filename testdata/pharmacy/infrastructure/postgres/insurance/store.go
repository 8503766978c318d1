// Package insurance is the PostgreSQL store for coverage and claims.
// Tables: insurance_coverages, insurance_claims, copay_accumulators.
package insurance

import (
	"context"
	"database/sql"

	"rxnow.health/backend/domain/insurance"
	"rxnow.health/backend/infrastructure/postgres"
	"rxnow.health/backend/kernel/money"
)

// Store persists insurance data.
type Store struct{ db *sql.DB }

// NewStore wraps db.
func NewStore(db *sql.DB) *Store { return &Store{db: db} }

func (s *Store) AddCoverage(ctx context.Context, c *insurance.Coverage) error {
	return s.db.QueryRowContext(ctx, `
		INSERT INTO insurance_coverages (customer_id, bin, pcn, group_id, member_id, cardholder, priority, oop_max_cents, active, effective_on, term_on)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, true, $9, $10) RETURNING id`,
		c.CustomerID, c.BIN, c.PCN, c.GroupID, c.MemberID, c.Cardholder, c.Priority, c.OOPMax.Cents, c.EffectiveOn, postgres.NullTime(c.TermOn)).Scan(&c.ID)
}

func (s *Store) Coverages(ctx context.Context, customerID int64) ([]insurance.Coverage, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT id, customer_id, bin, pcn, group_id, member_id, cardholder, priority, oop_max_cents, active, effective_on, term_on
		FROM insurance_coverages WHERE customer_id = $1 ORDER BY active DESC, priority`, customerID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []insurance.Coverage
	for rows.Next() {
		var c insurance.Coverage
		var oop int64
		var term sql.NullTime
		if err := rows.Scan(&c.ID, &c.CustomerID, &c.BIN, &c.PCN, &c.GroupID, &c.MemberID, &c.Cardholder, &c.Priority, &oop, &c.Active, &c.EffectiveOn, &term); err != nil {
			return nil, err
		}
		c.OOPMax, c.TermOn = money.USD(oop), postgres.TimePtr(term)
		out = append(out, c)
	}
	return out, rows.Err()
}

func (s *Store) SaveClaim(ctx context.Context, c *insurance.Claim) error {
	return s.db.QueryRowContext(ctx, `
		INSERT INTO insurance_claims (order_id, coverage_id, prescription_id, ndc, quantity, days_supply, fill_number,
		       billed_cents, plan_paid_cents, copay_cents, status, reject_code, auth_number, submitted_at)
		VALUES ($1, NULLIF($2, 0), $3, $4, $5, $6, $7, $8, $9, $10, $11, NULLIF($12, ''), NULLIF($13, ''), $14) RETURNING id`,
		c.OrderID, c.CoverageID, c.PrescriptionID, c.NDC, c.Quantity, c.DaysSupply, c.FillNumber,
		c.Billed.Cents, c.PlanPaid.Cents, c.Copay.Cents, c.Status, c.RejectCode, c.AuthNumber, c.SubmittedAt).Scan(&c.ID)
}

func (s *Store) ClaimsForOrder(ctx context.Context, orderID int64) ([]insurance.Claim, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT id, order_id, COALESCE(coverage_id, 0), prescription_id, ndc, quantity, days_supply, fill_number,
		       billed_cents, plan_paid_cents, copay_cents, status, COALESCE(reject_code, ''), COALESCE(auth_number, ''), submitted_at
		FROM insurance_claims WHERE order_id = $1 ORDER BY id`, orderID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []insurance.Claim
	for rows.Next() {
		var c insurance.Claim
		var billed, paid, copay int64
		if err := rows.Scan(&c.ID, &c.OrderID, &c.CoverageID, &c.PrescriptionID, &c.NDC, &c.Quantity, &c.DaysSupply, &c.FillNumber,
			&billed, &paid, &copay, &c.Status, &c.RejectCode, &c.AuthNumber, &c.SubmittedAt); err != nil {
			return nil, err
		}
		c.Billed, c.PlanPaid, c.Copay = money.USD(billed), money.USD(paid), money.USD(copay)
		out = append(out, c)
	}
	return out, rows.Err()
}

func (s *Store) MarkReversed(ctx context.Context, claimID int64) error {
	_, err := s.db.ExecContext(ctx, `UPDATE insurance_claims SET status = 'reversed', reversed_at = now() WHERE id = $1 AND status = 'paid'`, claimID)
	return err
}

func (s *Store) Accumulator(ctx context.Context, coverageID int64, year int) (insurance.Accumulator, error) {
	a := insurance.Accumulator{CoverageID: coverageID, PlanYear: year, Spent: money.Zero}
	var spent int64
	err := s.db.QueryRowContext(ctx, `SELECT spent_cents FROM copay_accumulators WHERE coverage_id = $1 AND plan_year = $2`, coverageID, year).Scan(&spent)
	if err == sql.ErrNoRows {
		return a, nil
	}
	a.Spent = money.USD(spent)
	return a, err
}

func (s *Store) AddToAccumulator(ctx context.Context, coverageID int64, year int, amount money.Money) error {
	_, err := s.db.ExecContext(ctx, `
		INSERT INTO copay_accumulators (coverage_id, plan_year, spent_cents) VALUES ($1, $2, $3)
		ON CONFLICT (coverage_id, plan_year) DO UPDATE SET spent_cents = copay_accumulators.spent_cents + EXCLUDED.spent_cents`,
		coverageID, year, amount.Cents)
	return err
}
