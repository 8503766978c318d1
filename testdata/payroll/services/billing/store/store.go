// Package store persists tenants, subscriptions, usage and invoices.
// Tables: tenants, subscriptions, usage_records, invoices, invoice_lines.
package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/ledgerly/people/pkg/dates"
	"github.com/ledgerly/people/pkg/db"
	"github.com/ledgerly/people/pkg/errs"
	"github.com/ledgerly/people/pkg/models"
	"github.com/ledgerly/people/pkg/money"
)

// Subscription is a tenant's commercial agreement.
type Subscription struct {
	TenantID         string
	Plan             models.Plan
	Status           string
	BasePrice        money.Money
	SeatPrice        money.Money
	VolumeFeeBps     int // basis points of gross payroll, enterprise only
	CurrentPeriodEnd dates.Date
}

// InvoiceLine is one charge.
type InvoiceLine struct {
	Description string
	Quantity    int64
	UnitPrice   money.Money
	Amount      money.Money
}

// Invoice is a monthly bill.
type Invoice struct {
	ID       string
	TenantID string
	Number   string
	Status   string
	Period   dates.Period
	Total    money.Money
	Lines    []InvoiceLine
	IssuedOn dates.Date
}

// Store is the billing database gateway.
type Store struct{ db *sql.DB }

// New builds a Store.
func New(pool *sql.DB) *Store { return &Store{db: pool} }

// ActiveTenantIDs implements jobs.TenantLister.
func (s *Store) ActiveTenantIDs(ctx context.Context) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id FROM tenants WHERE active ORDER BY id`)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "list tenants")
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// Subscription loads the tenant's subscription.
func (s *Store) Subscription(ctx context.Context, tenantID string) (Subscription, error) {
	var sub Subscription
	var base, seat int64
	var cur string
	var end time.Time
	err := s.db.QueryRowContext(ctx, `SELECT tenant_id, plan, status, base_price_cents, seat_price_cents, currency, volume_fee_bps, current_period_end
		FROM subscriptions WHERE tenant_id = $1`, tenantID).Scan(&sub.TenantID, &sub.Plan, &sub.Status, &base, &seat, &cur, &sub.VolumeFeeBps, &end)
	if err != nil {
		return sub, db.NotFound(err, "subscription", tenantID)
	}
	sub.BasePrice, sub.SeatPrice, sub.CurrentPeriodEnd = money.New(base, cur), money.New(seat, cur), dates.Of(end)
	return sub, nil
}

// RecordUsage stores a metered usage record, ignoring duplicates.
func (s *Store) RecordUsage(ctx context.Context, tenantID, metric string, qty int64, key string, at time.Time) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO usage_records (tenant_id, metric, quantity, idempotency_key, recorded_at)
		VALUES ($1, $2, $3, $4, $5) ON CONFLICT (tenant_id, idempotency_key) DO NOTHING`, tenantID, metric, qty, key, at)
	return errs.Wrap(err, errs.Internal, "record usage")
}

// UsageTotal sums a metric over p.
func (s *Store) UsageTotal(ctx context.Context, tenantID, metric string, p dates.Period) (int64, error) {
	var n sql.NullInt64
	err := s.db.QueryRowContext(ctx, `SELECT sum(quantity) FROM usage_records WHERE tenant_id = $1 AND metric = $2
		AND recorded_at >= $3 AND recorded_at < $4`, tenantID, metric, p.Start.Time, p.End.AddDays(1).Time).Scan(&n)
	return n.Int64, errs.Wrap(err, errs.Internal, "sum usage")
}

// PeakSeats returns the number of employees who were active at any point in p.
// Billing counts seats straight from the employees table.
func (s *Store) PeakSeats(ctx context.Context, tenantID string, p dates.Period) (int64, error) {
	var n int64
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM employees
		WHERE tenant_id = $1 AND employment_type <> 'contractor' AND hire_date <= $3
		AND (terminated_at IS NULL OR terminated_at >= $2)`, tenantID, p.Start.Time, p.End.Time).Scan(&n)
	return n, errs.Wrap(err, errs.Internal, "count seats")
}

// InsertInvoice stores an invoice and its lines, assigning a number.
func (s *Store) InsertInvoice(ctx context.Context, inv *Invoice) error {
	return db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		var seq int
		if err := tx.QueryRowContext(ctx, `UPDATE tenants SET invoice_seq = invoice_seq + 1 WHERE id = $1 RETURNING invoice_seq`,
			inv.TenantID).Scan(&seq); err != nil {
			return errs.Wrap(err, errs.Internal, "allocate invoice number")
		}
		inv.Number = fmt.Sprintf("LP-%s-%04d", inv.Period.Start.Format("200601"), seq)
		if _, err := tx.ExecContext(ctx, `INSERT INTO invoices (id, tenant_id, number, status, period_start, period_end, total_cents, currency, issued_on)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, inv.ID, inv.TenantID, inv.Number, inv.Status,
			inv.Period.Start.Time, inv.Period.End.Time, inv.Total.Cents, inv.Total.Currency, inv.IssuedOn.Time); err != nil {
			if isUnique(err) {
				return errs.E(errs.Conflict, "invoice for %s already issued", inv.Period.Start)
			}
			return errs.Wrap(err, errs.Internal, "insert invoice")
		}
		for i, l := range inv.Lines {
			if _, err := tx.ExecContext(ctx, `INSERT INTO invoice_lines (invoice_id, position, description, quantity, unit_price_cents, amount_cents)
				VALUES ($1, $2, $3, $4, $5, $6)`, inv.ID, i, l.Description, l.Quantity, l.UnitPrice.Cents, l.Amount.Cents); err != nil {
				return errs.Wrap(err, errs.Internal, "insert invoice line")
			}
		}
		return nil
	})
}

func isUnique(err error) bool {
	return err != nil && (strings.Contains(err.Error(), "duplicate key") || strings.Contains(err.Error(), "unique constraint"))
}

// BillingEmail returns where invoices are sent for a tenant.
func (s *Store) BillingEmail(ctx context.Context, tenantID string) string {
	var email sql.NullString
	if err := s.db.QueryRowContext(ctx, `SELECT billing_email FROM tenants WHERE id = $1`, tenantID).Scan(&email); err != nil {
		return ""
	}
	return email.String
}
