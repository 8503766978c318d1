// Package repo persists billing data with database/sql.
package repo

import (
	"context"
	"database/sql"
	"time"

	"quill.dev/academy/pkg/billing/domain"
	"quill.dev/academy/pkg/common/types"
	"quill.dev/academy/pkg/platform/db"
	"quill.dev/academy/pkg/platform/errs"
)

// Repo is the billing repository.
type Repo struct{ q db.Querier }

func New(q db.Querier) *Repo { return &Repo{q: q} }

// WithTx returns a repo bound to tx.
func (r *Repo) WithTx(tx *sql.Tx) *Repo { return &Repo{q: tx} }

func (r *Repo) Plans(ctx context.Context) ([]domain.Plan, error) {
	rows, err := r.q.QueryContext(ctx, `SELECT id, name, tier, interval, price_cents, currency, stripe_price_id, active
		FROM billing_plans WHERE active ORDER BY price_cents`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.Plan
	for rows.Next() {
		p, err := scanPlan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

func (r *Repo) Plan(ctx context.Context, id types.PlanID) (domain.Plan, error) {
	p, err := scanPlan(r.q.QueryRowContext(ctx, `SELECT id, name, tier, interval, price_cents, currency, stripe_price_id, active
		FROM billing_plans WHERE id = $1`, id))
	if err != nil {
		return p, db.NotFound("billing.plan", err)
	}
	return p, nil
}

func scanPlan(row interface{ Scan(...any) error }) (domain.Plan, error) {
	var p domain.Plan
	err := row.Scan(&p.ID, &p.Name, &p.Tier, &p.Interval, &p.Price.Amount, &p.Price.Currency, &p.StripePriceID, &p.Active)
	return p, err
}

const subCols = `id, user_id, plan_id, tier, status, current_period_end, cancel_at_period_end, stripe_sub_id, past_due_since, created_at`

func scanSub(row interface{ Scan(...any) error }) (domain.Subscription, error) {
	var s domain.Subscription
	var pd sql.NullTime
	err := row.Scan(&s.ID, &s.UserID, &s.PlanID, &s.Tier, &s.Status, &s.CurrentPeriodEnd, &s.CancelAtPeriodEnd, &s.StripeSubID, &pd, &s.CreatedAt)
	s.PastDueSince = db.TimePtr(pd)
	return s, err
}

// CurrentSubscription returns the user's newest non-cancelled subscription.
func (r *Repo) CurrentSubscription(ctx context.Context, uid types.UserID) (domain.Subscription, error) {
	s, err := scanSub(r.q.QueryRowContext(ctx, `SELECT `+subCols+` FROM billing_subscriptions
		WHERE user_id = $1 AND status <> 'cancelled' ORDER BY created_at DESC LIMIT 1`, uid))
	if err != nil {
		return s, db.NotFound("billing.current_subscription", err)
	}
	return s, nil
}

func (r *Repo) SubscriptionByStripeID(ctx context.Context, stripeID string) (domain.Subscription, error) {
	s, err := scanSub(r.q.QueryRowContext(ctx, `SELECT `+subCols+` FROM billing_subscriptions WHERE stripe_sub_id = $1`, stripeID))
	if err != nil {
		return s, db.NotFound("billing.subscription_by_stripe", err)
	}
	return s, nil
}

func (r *Repo) CreateSubscription(ctx context.Context, s domain.Subscription) error {
	_, err := r.q.ExecContext(ctx, `INSERT INTO billing_subscriptions (`+subCols+`) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
		s.ID, s.UserID, s.PlanID, s.Tier, s.Status, s.CurrentPeriodEnd, s.CancelAtPeriodEnd, s.StripeSubID, db.NullTime(s.PastDueSince), s.CreatedAt)
	return err
}

func (r *Repo) UpdateSubscription(ctx context.Context, s domain.Subscription) error {
	res, err := r.q.ExecContext(ctx, `UPDATE billing_subscriptions SET status=$2, current_period_end=$3, cancel_at_period_end=$4,
		past_due_since=$5 WHERE id=$1`, s.ID, s.Status, s.CurrentPeriodEnd, s.CancelAtPeriodEnd, db.NullTime(s.PastDueSince))
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.E(errs.NotFound, "billing.update_subscription", "no subscription %s", s.ID)
	}
	return nil
}

// DueForRenewal lists active subscriptions whose period ends before cutoff.
func (r *Repo) DueForRenewal(ctx context.Context, cutoff time.Time, limit int) ([]domain.Subscription, error) {
	return r.listSubs(ctx, `SELECT `+subCols+` FROM billing_subscriptions
		WHERE status IN ('active','trialing') AND current_period_end < $1 ORDER BY current_period_end LIMIT $2`, cutoff, limit)
}

// PastDueBefore lists subscriptions past due since before cutoff.
func (r *Repo) PastDueBefore(ctx context.Context, cutoff time.Time) ([]domain.Subscription, error) {
	return r.listSubs(ctx, `SELECT `+subCols+` FROM billing_subscriptions WHERE status = 'past_due' AND past_due_since < $1`, cutoff)
}

func (r *Repo) listSubs(ctx context.Context, q string, args ...any) ([]domain.Subscription, error) {
	rows, err := r.q.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.Subscription
	for rows.Next() {
		s, err := scanSub(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
