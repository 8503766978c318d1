// Package store persists plans, subscriptions, invoices and payments.
package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/flickstream/api/models"
	"github.com/flickstream/api/pkg/dbx"
	"github.com/flickstream/api/pkg/errs"
	"github.com/flickstream/api/pkg/money"
)

// Store is the Postgres-backed billing store.
type Store struct {
	db *dbx.DB
}

// New returns a Store.
func New(db *dbx.DB) *Store { return &Store{db: db} }

// DB exposes the pool for multi-statement transactions in the service layer.
func (s *Store) DB() *dbx.DB { return s.db }

const planColumns = `code, name, price_cents, currency, max_streams, max_quality, has_ads, active`

func scanPlan(row interface{ Scan(...any) error }) (models.Plan, error) {
	var p models.Plan
	err := row.Scan(&p.Code, &p.Name, &p.Price.Cents, &p.Price.Currency, &p.MaxStreams, &p.MaxQuality, &p.HasAds, &p.Active)
	return p, err
}

// GetPlan loads a plan by code.
func (s *Store) GetPlan(ctx context.Context, code string) (models.Plan, error) {
	p, err := scanPlan(s.db.QueryRowContext(ctx, `SELECT `+planColumns+` FROM plans WHERE code = $1`, code))
	if dbx.IsNoRows(err) {
		return p, errs.E(errs.NotFound, "billing.store.GetPlan", "plan "+code+" not found")
	}
	return p, errs.Wrap("billing.store.GetPlan", err)
}

// ListPlans lists purchasable plans.
func (s *Store) ListPlans(ctx context.Context) ([]models.Plan, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+planColumns+` FROM plans WHERE active = TRUE ORDER BY price_cents`)
	if err != nil {
		return nil, errs.Wrap("billing.store.ListPlans", err)
	}
	defer rows.Close()
	var out []models.Plan
	for rows.Next() {
		p, err := scanPlan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

const subColumns = `id, account_id, plan_code, status, current_period_start, current_period_end, cancel_at_period_end, past_due_since, created_at`

func scanSub(row interface{ Scan(...any) error }) (models.Subscription, error) {
	var s models.Subscription
	var pastDue sql.NullTime
	err := row.Scan(&s.ID, &s.AccountID, &s.PlanCode, &s.Status, &s.CurrentPeriodStart, &s.CurrentPeriodEnd,
		&s.CancelAtPeriodEnd, &pastDue, &s.CreatedAt)
	s.PastDueSince = dbx.TimePtr(pastDue)
	return s, err
}

// CurrentSubscription returns the account's live (non-terminal) subscription.
func (s *Store) CurrentSubscription(ctx context.Context, accountID string) (models.Subscription, error) {
	sub, err := scanSub(s.db.QueryRowContext(ctx, `SELECT `+subColumns+` FROM subscriptions
		WHERE account_id = $1 AND status IN ('trialing', 'active', 'past_due')
		ORDER BY created_at DESC LIMIT 1`, accountID))
	if dbx.IsNoRows(err) {
		return sub, errs.E(errs.NotFound, "billing.store.CurrentSubscription", "no subscription")
	}
	return sub, errs.Wrap("billing.store.CurrentSubscription", err)
}

// GetSubscription loads by id.
func (s *Store) GetSubscription(ctx context.Context, q dbx.Querier, id string) (models.Subscription, error) {
	sub, err := scanSub(q.QueryRowContext(ctx, `SELECT `+subColumns+` FROM subscriptions WHERE id = $1`, id))
	return sub, errs.Wrap("billing.store.GetSubscription", err)
}

// InsertSubscription inserts a subscription.
func (s *Store) InsertSubscription(ctx context.Context, q dbx.Querier, sub models.Subscription) error {
	_, err := q.ExecContext(ctx, `INSERT INTO subscriptions (`+subColumns+`) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		sub.ID, sub.AccountID, sub.PlanCode, sub.Status, sub.CurrentPeriodStart, sub.CurrentPeriodEnd,
		sub.CancelAtPeriodEnd, sub.PastDueSince, sub.CreatedAt)
	return errs.Wrap("billing.store.InsertSubscription", err)
}

// UpdateSubscription writes mutable subscription fields.
func (s *Store) UpdateSubscription(ctx context.Context, q dbx.Querier, sub models.Subscription) error {
	_, err := q.ExecContext(ctx, `UPDATE subscriptions SET plan_code = $2, status = $3, current_period_start = $4,
		current_period_end = $5, cancel_at_period_end = $6, past_due_since = $7, updated_at = now() WHERE id = $1`,
		sub.ID, sub.PlanCode, sub.Status, sub.CurrentPeriodStart, sub.CurrentPeriodEnd, sub.CancelAtPeriodEnd, sub.PastDueSince)
	return errs.Wrap("billing.store.UpdateSubscription", err)
}

// DueForRenewal lists active subscriptions whose period has ended.
func (s *Store) DueForRenewal(ctx context.Context, now time.Time, limit int) ([]models.Subscription, error) {
	return s.subs(ctx, `SELECT `+subColumns+` FROM subscriptions
		WHERE status = 'active' AND current_period_end <= $1 AND cancel_at_period_end = FALSE
		ORDER BY current_period_end LIMIT $2`, now, limit)
}

// ExpireCanceled ends subscriptions that were set to cancel and whose period is over.
func (s *Store) ExpireCanceled(ctx context.Context, now time.Time) ([]models.Subscription, error) {
	return s.subs(ctx, `UPDATE subscriptions SET status = 'canceled', updated_at = now()
		WHERE status IN ('active', 'trialing') AND cancel_at_period_end = TRUE AND current_period_end <= $1
		RETURNING `+subColumns, now)
}

func (s *Store) subs(ctx context.Context, q string, args ...any) ([]models.Subscription, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, errs.Wrap("billing.store.subs", err)
	}
	defer rows.Close()
	var out []models.Subscription
	for rows.Next() {
		sub, err := scanSub(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, sub)
	}
	return out, rows.Err()
}

const invoiceColumns = `id, account_id, subscription_id, amount_cents, currency, status, period_start, period_end, attempts, due_at, paid_at`

func scanInvoice(row interface{ Scan(...any) error }) (models.Invoice, error) {
	var inv models.Invoice
	var paid sql.NullTime
	err := row.Scan(&inv.ID, &inv.AccountID, &inv.SubscriptionID, &inv.Amount.Cents, &inv.Amount.Currency, &inv.Status,
		&inv.PeriodStart, &inv.PeriodEnd, &inv.Attempts, &inv.DueAt, &paid)
	inv.PaidAt = dbx.TimePtr(paid)
	return inv, err
}

// InsertInvoice inserts an open invoice.
func (s *Store) InsertInvoice(ctx context.Context, q dbx.Querier, inv models.Invoice) error {
	_, err := q.ExecContext(ctx, `INSERT INTO invoices (`+invoiceColumns+`, next_attempt_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $10)`,
		inv.ID, inv.AccountID, inv.SubscriptionID, inv.Amount.Cents, inv.Amount.Currency, inv.Status,
		inv.PeriodStart, inv.PeriodEnd, inv.Attempts, inv.DueAt, inv.PaidAt)
	return errs.Wrap("billing.store.InsertInvoice", err)
}

// MarkPaid settles an invoice and records the payment.
func (s *Store) MarkPaid(ctx context.Context, q dbx.Querier, invoiceID, providerRef string, amount money.Amount, at time.Time) error {
	if _, err := q.ExecContext(ctx, `UPDATE invoices SET status = 'paid', paid_at = $2, attempts = attempts + 1, next_attempt_at = NULL
		WHERE id = $1`, invoiceID, at); err != nil {
		return errs.Wrap("billing.store.MarkPaid", err)
	}
	_, err := q.ExecContext(ctx, `INSERT INTO payments (invoice_id, provider_ref, amount_cents, currency, status, created_at)
		VALUES ($1, $2, $3, $4, 'succeeded', $5)`, invoiceID, providerRef, amount.Cents, amount.Currency, at)
	return errs.Wrap("billing.store.MarkPaid", err)
}

// MarkAttemptFailed records a failed charge and schedules the next attempt (nil = give up).
func (s *Store) MarkAttemptFailed(ctx context.Context, q dbx.Querier, invoiceID, declineCode string, next *time.Time) error {
	status := "open"
	if next == nil {
		status = "uncollectible"
	}
	if _, err := q.ExecContext(ctx, `UPDATE invoices SET attempts = attempts + 1, status = $2, next_attempt_at = $3, last_decline_code = $4
		WHERE id = $1`, invoiceID, status, next, declineCode); err != nil {
		return errs.Wrap("billing.store.MarkAttemptFailed", err)
	}
	_, err := q.ExecContext(ctx, `INSERT INTO payments (invoice_id, provider_ref, amount_cents, currency, status, decline_code, created_at)
		SELECT id, '', amount_cents, currency, 'failed', $2, now() FROM invoices WHERE id = $1`, invoiceID, declineCode)
	return errs.Wrap("billing.store.MarkAttemptFailed", err)
}

// RetryableInvoices lists open invoices whose next attempt is due.
func (s *Store) RetryableInvoices(ctx context.Context, now time.Time, limit int) ([]models.Invoice, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+invoiceColumns+` FROM invoices
		WHERE status = 'open' AND next_attempt_at <= $1 ORDER BY next_attempt_at LIMIT $2`, now, limit)
	if err != nil {
		return nil, errs.Wrap("billing.store.RetryableInvoices", err)
	}
	defer rows.Close()
	var out []models.Invoice
	for rows.Next() {
		inv, err := scanInvoice(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, inv)
	}
	return out, rows.Err()
}

// ListInvoices returns an account's invoices, newest first.
func (s *Store) ListInvoices(ctx context.Context, accountID string, limit int) ([]models.Invoice, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+invoiceColumns+` FROM invoices WHERE account_id = $1 ORDER BY due_at DESC LIMIT $2`, accountID, limit)
	if err != nil {
		return nil, errs.Wrap("billing.store.ListInvoices", err)
	}
	defer rows.Close()
	var out []models.Invoice
	for rows.Next() {
		inv, err := scanInvoice(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, inv)
	}
	return out, rows.Err()
}

// CustomerRef returns the payment-provider customer reference for an account.
func (s *Store) CustomerRef(ctx context.Context, accountID string) (string, error) {
	var ref string
	err := s.db.QueryRowContext(ctx, `SELECT provider_customer_ref FROM payment_methods
		WHERE account_id = $1 AND is_default = TRUE`, accountID).Scan(&ref)
	if dbx.IsNoRows(err) {
		return "", errs.E(errs.PaymentRequired, "billing.store.CustomerRef", "no payment method on file")
	}
	return ref, errs.Wrap("billing.store.CustomerRef", err)
}

// AddCredit records account credit (e.g. from a downgrade).
func (s *Store) AddCredit(ctx context.Context, q dbx.Querier, accountID string, amount money.Amount, reason string) error {
	_, err := q.ExecContext(ctx, `INSERT INTO account_credits (account_id, amount_cents, currency, reason, created_at)
		VALUES ($1, $2, $3, $4, now())`, accountID, amount.Cents, amount.Currency, reason)
	return errs.Wrap("billing.store.AddCredit", err)
}
