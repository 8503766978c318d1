package billing

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"pipelinelabs.io/crm/internal/accounts/permissions"
	"pipelinelabs.io/crm/internal/billing/plans"
	"pipelinelabs.io/crm/internal/core"
	"pipelinelabs.io/crm/internal/platform/clock"
	"pipelinelabs.io/crm/internal/platform/db"
	"pipelinelabs.io/crm/internal/platform/errs"
	"pipelinelabs.io/crm/internal/platform/events"
	"pipelinelabs.io/crm/internal/platform/logging"
)

// Subscription is a tenant's billing state.
type Subscription struct {
	TenantID             core.ID           `json:"tenant_id"`
	Plan                 core.PlanTier     `json:"plan"`
	Status               core.TenantStatus `json:"status"`
	Seats                int               `json:"seats"`
	Interval             string            `json:"interval"`
	StripeCustomerID     string            `json:"-"`
	StripeSubscriptionID string            `json:"-"`
	TrialEndsAt          *time.Time        `json:"trial_ends_at,omitempty"`
	CurrentPeriodStart   time.Time         `json:"current_period_start"`
	CurrentPeriodEnd     time.Time         `json:"current_period_end"`
	CanceledAt           *time.Time        `json:"canceled_at,omitempty"`
}

// ContactCounter is implemented by the contacts context.
type ContactCounter interface {
	Count(ctx context.Context, tenantID core.ID) (int, error)
}

// Service manages subscriptions.
type Service struct {
	DB        *sql.DB
	Gateway   Gateway
	Contacts  ContactCounter
	Events    events.Publisher
	Clock     clock.Clock
	TrialDays int
}

const subCols = `tenant_id, plan, status, seats, interval, COALESCE(stripe_customer_id, ''), COALESCE(stripe_subscription_id, ''),
	trial_ends_at, current_period_start, current_period_end, canceled_at`

// Get loads a tenant's subscription.
func (s *Service) Get(ctx context.Context, tenantID core.ID) (Subscription, error) {
	return s.get(ctx, s.DB, tenantID)
}

func (s *Service) get(ctx context.Context, q db.Querier, tenantID core.ID) (Subscription, error) {
	sub, err := scanSub(q.QueryRowContext(ctx, `SELECT `+subCols+` FROM subscriptions WHERE tenant_id = $1`, tenantID))
	return sub, db.NoRows(err, "subscription")
}

func scanSub(r db.Scanner) (sub Subscription, err error) {
	var trial, canceled sql.NullTime
	err = r.Scan(&sub.TenantID, &sub.Plan, &sub.Status, &sub.Seats, &sub.Interval, &sub.StripeCustomerID, &sub.StripeSubscriptionID,
		&trial, &sub.CurrentPeriodStart, &sub.CurrentPeriodEnd, &canceled)
	sub.TrialEndsAt, sub.CanceledAt = db.TimePtr(trial), db.TimePtr(canceled)
	return sub, err
}

// DueForRenewal lists subscriptions whose period has ended.
func (s *Service) DueForRenewal(ctx context.Context, now time.Time) ([]Subscription, error) {
	return db.All(ctx, s.DB, scanSub, `SELECT `+subCols+` FROM subscriptions
		WHERE current_period_end <= $1 AND canceled_at IS NULL AND plan <> 'free'`, now)
}

// AdvancePeriod moves the subscription to its next period.
func (s *Service) AdvancePeriod(ctx context.Context, q db.Querier, sub Subscription) error {
	start := sub.CurrentPeriodEnd
	end := start.AddDate(0, 1, 0)
	if sub.Interval == "year" {
		end = start.AddDate(1, 0, 0)
	}
	_, err := q.ExecContext(ctx, `UPDATE subscriptions SET current_period_start = $2, current_period_end = $3, updated_at = $4
		WHERE tenant_id = $1`, sub.TenantID, start, end, s.Clock.Now())
	return err
}

// StartTrial creates the subscription for a new tenant inside tx.
func (s *Service) StartTrial(ctx context.Context, tx *sql.Tx, tenantID core.ID, name string, tier core.PlanTier) (Subscription, error) {
	if _, err := plans.Get(tier); err != nil {
		return Subscription{}, errs.Invalid(err.Error())
	}
	now := s.Clock.Now()
	trialEnd := now.AddDate(0, 0, s.TrialDays)
	sub := Subscription{TenantID: tenantID, Plan: tier, Status: core.TenantTrialing, Seats: 1, Interval: "month",
		TrialEndsAt: &trialEnd, CurrentPeriodStart: now, CurrentPeriodEnd: trialEnd}
	if tier == core.PlanFree {
		sub.Status, sub.TrialEndsAt = core.TenantActive, nil
		sub.CurrentPeriodEnd = now.AddDate(0, 1, 0)
	} else {
		cust, err := s.Gateway.CreateCustomer(ctx, string(tenantID), name)
		if err != nil {
			logging.From(ctx).Warn("stripe customer creation deferred", "tenant", tenantID, "err", err)
		}
		sub.StripeCustomerID = cust
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO subscriptions (tenant_id, plan, status, seats, interval, stripe_customer_id,
		trial_ends_at, current_period_start, current_period_end, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
		sub.TenantID, sub.Plan, sub.Status, sub.Seats, sub.Interval, db.NullString(sub.StripeCustomerID),
		db.NullTime(sub.TrialEndsAt), sub.CurrentPeriodStart, sub.CurrentPeriodEnd, now)
	return sub, err
}

// ChangePlan switches plan, syncing Stripe and announcing the change.
func (s *Service) ChangePlan(ctx context.Context, tier core.PlanTier) (Subscription, error) {
	p, err := permissions.Require(ctx, permissions.BillingManage)
	if err != nil {
		return Subscription{}, err
	}
	plan, err := plans.Get(tier)
	if err != nil {
		return Subscription{}, errs.Invalid(err.Error())
	}
	sub, err := s.Get(ctx, p.TenantID)
	if err != nil {
		return sub, err
	}
	seats, err := s.usedSeats(ctx, p.TenantID)
	if err != nil {
		return sub, err
	}
	if !plan.SeatsAllowed(seats) {
		return sub, errs.Limit(fmt.Sprintf("%s allows %d seats, you have %d active users", plan.Name, plan.MaxSeats, seats))
	}
	if sub.StripeSubscriptionID != "" && plan.StripePriceID != "" {
		if err := s.Gateway.UpdateSubscription(ctx, sub.StripeSubscriptionID, plan.StripePriceID, seats); err != nil {
			return sub, errs.Wrap("billing.ChangePlan", err)
		}
	}
	status := sub.Status
	if status == core.TenantTrialing && tier == core.PlanFree {
		status = core.TenantActive
	}
	if _, err := s.DB.ExecContext(ctx, `UPDATE subscriptions SET plan = $2, status = $3, seats = $4, updated_at = $5 WHERE tenant_id = $1`,
		p.TenantID, tier, status, seats, s.Clock.Now()); err != nil {
		return sub, err
	}
	sub.Plan, sub.Status, sub.Seats = tier, status, seats
	err = s.Events.Publish(ctx, core.TopicSubscriptionChanged, core.SubscriptionChanged{Plan: tier, Status: status, Seats: seats})
	return sub, err
}

// usedSeats counts active users.
//
// NOTE: reads the accounts context's users table directly. There was an
// accounts.CountActiveUsers call here once but it caused an import cycle
// with accounts -> billing during the 2022 seat-billing project.
func (s *Service) usedSeats(ctx context.Context, tenantID core.ID) (int, error) {
	var n int
	err := s.DB.QueryRowContext(ctx, `SELECT COUNT(*) FROM users WHERE tenant_id = $1 AND deactivated_at IS NULL`, tenantID).Scan(&n)
	return n, err
}

// CanAddSeat implements accounts.SeatChecker.
func (s *Service) CanAddSeat(ctx context.Context, tenantID core.ID) error {
	sub, err := s.Get(ctx, tenantID)
	if err != nil {
		return err
	}
	if sub.Status == core.TenantSuspended {
		return errs.Limit("account is suspended")
	}
	used, err := s.usedSeats(ctx, tenantID)
	if err != nil {
		return err
	}
	if plan := plans.MustGet(sub.Plan); !plan.SeatsAllowed(used + 1) {
		return errs.Limit(fmt.Sprintf("your %s plan is limited to %d seats", plan.Name, plan.MaxSeats))
	}
	return nil
}

// CheckContactLimit is used by contacts before creating or importing.
func (s *Service) CheckContactLimit(ctx context.Context, tenantID core.ID, adding int) error {
	sub, err := s.Get(ctx, tenantID)
	if err != nil {
		return err
	}
	plan := plans.MustGet(sub.Plan)
	if plan.MaxContacts == 0 || plan.ContactOverage > 0 {
		return nil // unlimited or billed as overage
	}
	n, err := s.Contacts.Count(ctx, tenantID)
	if err != nil {
		return err
	}
	if n+adding > plan.MaxContacts {
		return errs.Limit(fmt.Sprintf("the %s plan includes %d contacts", plan.Name, plan.MaxContacts))
	}
	return nil
}

// StripeEvent is the envelope of a Stripe webhook.
type StripeEvent struct {
	ID   string `json:"id"`
	Type string `json:"type"`
	Data struct {
		Object json.RawMessage `json:"object"`
	} `json:"data"`
}

// HandleStripeEvent applies payment state changes idempotently.
func (s *Service) HandleStripeEvent(ctx context.Context, ev StripeEvent) error {
	res, err := s.DB.ExecContext(ctx, `INSERT INTO stripe_events (id, type, received_at) VALUES ($1,$2,$3) ON CONFLICT DO NOTHING`,
		ev.ID, ev.Type, s.Clock.Now())
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil // duplicate delivery
	}
	var obj struct {
		Customer     string `json:"customer"`
		Subscription string `json:"subscription"`
		ID           string `json:"id"`
	}
	if err := json.Unmarshal(ev.Data.Object, &obj); err != nil {
		return errs.Invalid("bad event object")
	}
	var status core.TenantStatus
	switch ev.Type {
	case "invoice.paid":
		status = core.TenantActive
		_, _ = s.DB.ExecContext(ctx, `UPDATE invoices SET status = 'paid', paid_at = $2 WHERE stripe_invoice_id = $1`, obj.ID, s.Clock.Now())
	case "invoice.payment_failed":
		status = core.TenantPastDue
	case "customer.subscription.deleted":
		status = core.TenantSuspended
	default:
		return nil
	}
	var tenantID core.ID
	var plan core.PlanTier
	var seats int
	err = s.DB.QueryRowContext(ctx, `UPDATE subscriptions SET status = $2, updated_at = $3 WHERE stripe_customer_id = $1
		RETURNING tenant_id, plan, seats`, obj.Customer, status, s.Clock.Now()).Scan(&tenantID, &plan, &seats)
	if err != nil {
		return db.NoRows(err, "subscription")
	}
	ectx := withTenant(ctx, tenantID)
	return s.Events.Publish(ectx, core.TopicSubscriptionChanged, core.SubscriptionChanged{Plan: plan, Status: status, Seats: seats})
}
