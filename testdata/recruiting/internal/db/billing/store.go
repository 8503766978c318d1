// Package billing persists plans, subscriptions, invoices and seat usage for
// the Hirebase SaaS itself.
package billing

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/hirebase/ats/internal/models"
	"github.com/hirebase/ats/internal/platform/dbx"
	"github.com/hirebase/ats/internal/platform/errs"
)

type Store struct{ db *sql.DB }

func New(db *sql.DB) *Store { return &Store{db: db} }

func (s *Store) GetPlan(ctx context.Context, code string) (models.Plan, error) {
	var p models.Plan
	var cur string
	err := s.db.QueryRowContext(ctx,
		`SELECT code, name, base_price_cents, seat_price_cents, currency, included_seats, max_open_reqs FROM plans WHERE code = $1`, code).
		Scan(&p.Code, &p.Name, &p.BasePrice.Cents, &p.SeatPrice.Cents, &cur, &p.IncludedSeats, &p.MaxOpenReqs)
	if dbx.NoRows(err) {
		return p, errs.NotFound("plan")
	}
	p.BasePrice.Currency, p.SeatPrice.Currency = cur, cur
	return p, err
}

const subCols = `tenant_id, plan_code, status, coalesce(customer_ref, ''), period_start, period_end, failed_attempts, cancel_at_period_end`

func scanSub(row dbx.Scanner) (models.Subscription, error) {
	var s models.Subscription
	err := row.Scan(&s.TenantID, &s.PlanCode, &s.Status, &s.CustomerRef, &s.PeriodStart, &s.PeriodEnd, &s.FailedAttempts, &s.CancelAtPeriodEnd)
	return s, err
}

func (s *Store) GetSubscription(ctx context.Context, tenantID string) (models.Subscription, error) {
	sub, err := scanSub(s.db.QueryRowContext(ctx, `SELECT `+subCols+` FROM subscriptions WHERE tenant_id = $1`, tenantID))
	if dbx.NoRows(err) {
		return sub, errs.NotFound("subscription")
	}
	return sub, err
}

func (s *Store) UpsertSubscription(ctx context.Context, sub models.Subscription) error {
	_, err := s.db.ExecContext(ctx,
		`INSERT INTO subscriptions (tenant_id, plan_code, status, customer_ref, period_start, period_end, failed_attempts, cancel_at_period_end)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
		 ON CONFLICT (tenant_id) DO UPDATE SET plan_code = EXCLUDED.plan_code, status = EXCLUDED.status,
		   customer_ref = EXCLUDED.customer_ref, period_start = EXCLUDED.period_start, period_end = EXCLUDED.period_end,
		   failed_attempts = EXCLUDED.failed_attempts, cancel_at_period_end = EXCLUDED.cancel_at_period_end`,
		sub.TenantID, sub.PlanCode, sub.Status, dbx.NullString(sub.CustomerRef), sub.PeriodStart, sub.PeriodEnd,
		sub.FailedAttempts, sub.CancelAtPeriodEnd)
	return err
}

// DueSubscriptions lists subscriptions whose current period has ended.
func (s *Store) DueSubscriptions(ctx context.Context, now time.Time) ([]models.Subscription, error) {
	return dbx.Collect(scanSub)(s.db.QueryContext(ctx,
		`SELECT `+subCols+` FROM subscriptions WHERE period_end <= $1 AND status IN ('active', 'trial', 'past_due')
		 ORDER BY period_end LIMIT 500`, now))
}

func (s *Store) ActiveTenantIDs(ctx context.Context) ([]string, error) {
	return dbx.Strings(s.db.QueryContext(ctx, `SELECT tenant_id FROM subscriptions WHERE status IN ('active', 'trial', 'past_due')`))
}

// CountBillableSeats counts active users who are not employee-only (referrers
// are free). Reads the users/user_roles tables directly because the seat count
// has to match what the invoice says, to the row.
func (s *Store) CountBillableSeats(ctx context.Context, tenantID string) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx,
		`SELECT count(DISTINCT u.id) FROM users u JOIN user_roles r ON r.user_id = u.id
		 WHERE u.tenant_id = $1 AND u.active AND r.role <> 'employee'`, tenantID).Scan(&n)
	return n, err
}

// CountOpenRequisitions is used for plan limits.
func (s *Store) CountOpenRequisitions(ctx context.Context, tenantID string) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx,
		`SELECT count(*) FROM requisitions WHERE tenant_id = $1 AND status IN ('pending_approval', 'approved', 'on_hold')`,
		tenantID).Scan(&n)
	return n, err
}

func (s *Store) RecordSeatUsage(ctx context.Context, tenantID string, day time.Time, seats int) error {
	_, err := s.db.ExecContext(ctx,
		`INSERT INTO seat_usage (tenant_id, day, seats) VALUES ($1, $2, $3)
		 ON CONFLICT (tenant_id, day) DO UPDATE SET seats = GREATEST(seat_usage.seats, EXCLUDED.seats)`,
		tenantID, day.Format("2006-01-02"), seats)
	return err
}

// PeakSeats returns the highest daily seat count in the period; we bill the peak.
func (s *Store) PeakSeats(ctx context.Context, tenantID string, from, to time.Time) (int, error) {
	var n sql.NullInt64
	err := s.db.QueryRowContext(ctx,
		`SELECT max(seats) FROM seat_usage WHERE tenant_id = $1 AND day >= $2 AND day < $3`,
		tenantID, from.Format("2006-01-02"), to.Format("2006-01-02")).Scan(&n)
	return int(n.Int64), err
}

// CreateInvoice inserts the invoice with its lines and assigns the next number.
func (s *Store) CreateInvoice(ctx context.Context, inv *models.Invoice) error {
	return dbx.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		var seq int
		if err := tx.QueryRowContext(ctx,
			`INSERT INTO billing_counters (tenant_id, last_invoice) VALUES ($1, 1)
			 ON CONFLICT (tenant_id) DO UPDATE SET last_invoice = billing_counters.last_invoice + 1 RETURNING last_invoice`,
			inv.TenantID).Scan(&seq); err != nil {
			return err
		}
		inv.Number = fmt.Sprintf("HB-%s-%05d", inv.IssuedAt.Format("2006"), seq)
		if _, err := tx.ExecContext(ctx,
			`INSERT INTO invoices (id, tenant_id, number, status, period_start, period_end, total_cents, currency, issued_at)
			 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
			inv.ID, inv.TenantID, inv.Number, inv.Status, inv.PeriodStart, inv.PeriodEnd, inv.Total.Cents, inv.Total.Currency, inv.IssuedAt); err != nil {
			return err
		}
		for i, l := range inv.Lines {
			if _, err := tx.ExecContext(ctx,
				`INSERT INTO invoice_lines (invoice_id, line_no, description, quantity, unit_cents, total_cents) VALUES ($1, $2, $3, $4, $5, $6)`,
				inv.ID, i+1, l.Description, l.Quantity, l.UnitPrice.Cents, l.Total.Cents); err != nil {
				return err
			}
		}
		return nil
	})
}

// SetInvoiceOutcome records the result of a charge attempt.
func (s *Store) SetInvoiceOutcome(ctx context.Context, id, status, chargeRef, reason string, at time.Time) error {
	_, err := s.db.ExecContext(ctx,
		`UPDATE invoices SET status = $2, charge_ref = coalesce($3, charge_ref), failure_reason = $4,
		   paid_at = CASE WHEN $2 = 'paid' THEN $5 ELSE paid_at END
		 WHERE id = $1 AND status <> 'paid'`, id, status, dbx.NullString(chargeRef), dbx.NullString(reason), at)
	return err
}

func (s *Store) ListInvoices(ctx context.Context, tenantID string, page dbx.Page) ([]models.Invoice, error) {
	page = page.Normalize()
	return dbx.Collect(func(row dbx.Scanner) (models.Invoice, error) {
		var inv models.Invoice
		var paid sql.NullTime
		err := row.Scan(&inv.ID, &inv.TenantID, &inv.Number, &inv.Status, &inv.PeriodStart, &inv.PeriodEnd,
			&inv.Total.Cents, &inv.Total.Currency, &inv.IssuedAt, &paid)
		if paid.Valid {
			inv.PaidAt = &paid.Time
		}
		return inv, err
	})(s.db.QueryContext(ctx,
		`SELECT id, tenant_id, number, status, period_start, period_end, total_cents, currency, issued_at, paid_at
		 FROM invoices WHERE tenant_id = $1 ORDER BY issued_at DESC LIMIT $2 OFFSET $3`, tenantID, page.Limit, page.Offset))
}
