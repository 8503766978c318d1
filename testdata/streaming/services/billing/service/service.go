// Package service implements subscription lifecycle and charging rules.
package service

import (
	"context"
	"database/sql"
	"errors"
	"log/slog"
	"time"

	"github.com/flickstream/api/models"
	"github.com/flickstream/api/pkg/errs"
	"github.com/flickstream/api/pkg/events"
	"github.com/flickstream/api/pkg/ids"
	"github.com/flickstream/api/pkg/money"
	"github.com/flickstream/api/services/billing/gateway"
	"github.com/flickstream/api/services/billing/store"
)

// Charger is the part of the payment gateway the service needs.
type Charger interface {
	Charge(ctx context.Context, req gateway.ChargeRequest) (gateway.Charge, error)
}

// Entitlement summarises what an account may do right now.
type Entitlement struct {
	Entitled     bool                `json:"entitled"`
	Plan         models.Plan         `json:"plan"`
	Subscription models.Subscription `json:"subscription"`
}

// Service is the billing API.
type Service struct {
	store   *store.Store
	charger Charger
	pub     events.Publisher
	log     *slog.Logger
	now     func() time.Time
}

// New returns the service.
func New(s *store.Store, c Charger, pub events.Publisher, log *slog.Logger) *Service {
	return &Service{store: s, charger: c, pub: pub, log: log, now: time.Now}
}

// Plans lists purchasable plans.
func (s *Service) Plans(ctx context.Context) ([]models.Plan, error) { return s.store.ListPlans(ctx) }

// Entitlement returns the account's current entitlement.
func (s *Service) Entitlement(ctx context.Context, accountID string) (Entitlement, error) {
	sub, err := s.store.CurrentSubscription(ctx, accountID)
	if errs.Is(err, errs.NotFound) {
		return Entitlement{}, nil
	}
	if err != nil {
		return Entitlement{}, err
	}
	plan, err := s.store.GetPlan(ctx, sub.PlanCode)
	if err != nil {
		return Entitlement{}, err
	}
	return Entitlement{Entitled: sub.Entitled(s.now()), Plan: plan, Subscription: sub}, nil
}

// Subscribe starts a subscription and takes the first payment.
func (s *Service) Subscribe(ctx context.Context, accountID, planCode string) (models.Subscription, error) {
	const op = "billing.Subscribe"
	if _, err := s.store.CurrentSubscription(ctx, accountID); err == nil {
		return models.Subscription{}, errs.E(errs.Conflict, op, "account already has a subscription; change plan instead")
	} else if !errs.Is(err, errs.NotFound) {
		return models.Subscription{}, err
	}
	plan, err := s.store.GetPlan(ctx, planCode)
	if err != nil {
		return models.Subscription{}, err
	}
	if !plan.Active {
		return models.Subscription{}, errs.E(errs.Invalid, op, "plan is no longer sold")
	}
	customer, err := s.store.CustomerRef(ctx, accountID)
	if err != nil {
		return models.Subscription{}, err
	}
	now := s.now().UTC()
	sub := models.Subscription{
		ID: ids.New(ids.Subscription), AccountID: accountID, PlanCode: plan.Code, Status: models.SubActive,
		CurrentPeriodStart: now, CurrentPeriodEnd: now.AddDate(0, 1, 0), CreatedAt: now,
	}
	inv := models.Invoice{
		ID: ids.New(ids.Invoice), AccountID: accountID, SubscriptionID: sub.ID, Amount: plan.Price, Status: "open",
		PeriodStart: sub.CurrentPeriodStart, PeriodEnd: sub.CurrentPeriodEnd, DueAt: now,
	}
	if err := s.store.DB().WithTx(ctx, func(tx *sql.Tx) error {
		if err := s.store.InsertSubscription(ctx, tx, sub); err != nil {
			return err
		}
		return s.store.InsertInvoice(ctx, tx, inv)
	}); err != nil {
		return sub, err
	}
	if err := s.collect(ctx, customer, inv); err != nil {
		var d *gateway.DeclineError
		if !errors.As(err, &d) {
			return sub, err
		}
		// first payment failed: do not grant access, leave the invoice for dunning
		sub.Status = models.SubPastDue
		sub.PastDueSince = &now
		if err := s.store.UpdateSubscription(ctx, s.store.DB(), sub); err != nil {
			return sub, err
		}
		next := now.Add(24 * time.Hour)
		_ = s.store.MarkAttemptFailed(ctx, s.store.DB(), inv.ID, d.Code, &next)
		return sub, errs.E(errs.PaymentRequired, op, d.Error())
	}
	s.publishChange(ctx, sub)
	return sub, nil
}

// ChangePlan switches plans immediately with proration.
func (s *Service) ChangePlan(ctx context.Context, accountID, newPlanCode string) (models.Subscription, error) {
	const op = "billing.ChangePlan"
	sub, err := s.store.CurrentSubscription(ctx, accountID)
	if err != nil {
		return sub, err
	}
	if sub.Status == models.SubPastDue {
		return sub, errs.E(errs.PaymentRequired, op, "settle the outstanding invoice first")
	}
	if sub.PlanCode == newPlanCode {
		return sub, nil
	}
	oldPlan, err := s.store.GetPlan(ctx, sub.PlanCode)
	if err != nil {
		return sub, err
	}
	newPlan, err := s.store.GetPlan(ctx, newPlanCode)
	if err != nil {
		return sub, err
	}
	if !newPlan.Active {
		return sub, errs.E(errs.Invalid, op, "plan is no longer sold")
	}
	delta, err := Prorate(oldPlan.Price, newPlan.Price, sub.CurrentPeriodStart, sub.CurrentPeriodEnd, s.now())
	if err != nil {
		return sub, errs.E(errs.Invalid, op, err.Error())
	}
	now := s.now().UTC()
	if delta.IsPositive() {
		customer, err := s.store.CustomerRef(ctx, accountID)
		if err != nil {
			return sub, err
		}
		inv := models.Invoice{ID: ids.New(ids.Invoice), AccountID: accountID, SubscriptionID: sub.ID, Amount: delta,
			Status: "open", PeriodStart: now, PeriodEnd: sub.CurrentPeriodEnd, DueAt: now}
		if err := s.store.InsertInvoice(ctx, s.store.DB(), inv); err != nil {
			return sub, err
		}
		if err := s.collect(ctx, customer, inv); err != nil {
			return sub, errs.E(errs.PaymentRequired, op, err.Error())
		}
	} else if delta.Cents < 0 {
		if err := s.store.AddCredit(ctx, s.store.DB(), accountID, delta.Neg(), "downgrade "+oldPlan.Code+"->"+newPlan.Code); err != nil {
			return sub, err
		}
	}
	sub.PlanCode = newPlan.Code
	sub.CancelAtPeriodEnd = false
	if err := s.store.UpdateSubscription(ctx, s.store.DB(), sub); err != nil {
		return sub, err
	}
	s.publishChange(ctx, sub)
	return sub, nil
}

// Cancel stops renewal at the end of the current period.
func (s *Service) Cancel(ctx context.Context, accountID string) (models.Subscription, error) {
	sub, err := s.store.CurrentSubscription(ctx, accountID)
	if err != nil {
		return sub, err
	}
	sub.CancelAtPeriodEnd = true
	if err := s.store.UpdateSubscription(ctx, s.store.DB(), sub); err != nil {
		return sub, err
	}
	_ = s.pub.Publish(ctx, events.New(events.SubscriptionCanceled, sub.ID, "account_id", accountID,
		"effective", sub.CurrentPeriodEnd.Format(time.RFC3339)))
	return sub, nil
}

// Invoices lists an account's invoices.
func (s *Service) Invoices(ctx context.Context, accountID string) ([]models.Invoice, error) {
	return s.store.ListInvoices(ctx, accountID, 24)
}

// RunRenewals renews subscriptions whose period ended and expires canceled ones.
func (s *Service) RunRenewals(ctx context.Context) error {
	now := s.now().UTC()
	expired, err := s.store.ExpireCanceled(ctx, now)
	if err != nil {
		return err
	}
	for _, sub := range expired {
		s.publishChange(ctx, sub)
	}
	due, err := s.store.DueForRenewal(ctx, now, 500)
	if err != nil {
		return err
	}
	for _, sub := range due {
		if err := s.renew(ctx, sub, now); err != nil {
			s.log.Warn("renewal failed", "subscription", sub.ID, "err", err)
		}
	}
	return nil
}

func (s *Service) renew(ctx context.Context, sub models.Subscription, now time.Time) error {
	plan, err := s.store.GetPlan(ctx, sub.PlanCode)
	if err != nil {
		return err
	}
	sub.CurrentPeriodStart = sub.CurrentPeriodEnd
	sub.CurrentPeriodEnd = sub.CurrentPeriodEnd.AddDate(0, 1, 0)
	inv := models.Invoice{ID: ids.New(ids.Invoice), AccountID: sub.AccountID, SubscriptionID: sub.ID, Amount: plan.Price,
		Status: "open", PeriodStart: sub.CurrentPeriodStart, PeriodEnd: sub.CurrentPeriodEnd, DueAt: now}
	if err := s.store.DB().WithTx(ctx, func(tx *sql.Tx) error {
		if err := s.store.InsertInvoice(ctx, tx, inv); err != nil {
			return err
		}
		return s.store.UpdateSubscription(ctx, tx, sub)
	}); err != nil {
		return err
	}
	customer, err := s.store.CustomerRef(ctx, sub.AccountID)
	if err == nil {
		err = s.collect(ctx, customer, inv)
	}
	if err != nil {
		sub.Status = models.SubPastDue
		sub.PastDueSince = &now
		next := now.Add(24 * time.Hour)
		code := "no_payment_method"
		var d *gateway.DeclineError
		if errors.As(err, &d) {
			code = d.Code
		}
		_ = s.store.MarkAttemptFailed(ctx, s.store.DB(), inv.ID, code, &next)
		if uerr := s.store.UpdateSubscription(ctx, s.store.DB(), sub); uerr != nil {
			return uerr
		}
	}
	s.publishChange(ctx, sub)
	return err
}

func (s *Service) collect(ctx context.Context, customer string, inv models.Invoice) error {
	ch, err := s.charger.Charge(ctx, gateway.ChargeRequest{
		CustomerRef: customer, Amount: inv.Amount, Description: "FlickStream " + inv.PeriodStart.Format("Jan 2006"),
		IdempotencyKey: inv.ID,
	})
	if err != nil {
		return err
	}
	return s.store.MarkPaid(ctx, s.store.DB(), inv.ID, ch.ID, inv.Amount, s.now().UTC())
}

func (s *Service) publishChange(ctx context.Context, sub models.Subscription) {
	_ = s.pub.Publish(ctx, events.New(events.SubscriptionChanged, sub.ID,
		"account_id", sub.AccountID, "plan", sub.PlanCode, "status", sub.Status))
}

// Prorate returns what to charge (positive) or credit (negative) when switching
// from oldPrice to newPrice at now within [start, end).
func Prorate(oldPrice, newPrice money.Amount, start, end, now time.Time) (money.Amount, error) {
	total := int64(end.Sub(start) / time.Hour)
	left := int64(end.Sub(now) / time.Hour)
	if total <= 0 {
		return money.Amount{}, errors.New("empty billing period")
	}
	if left <= 0 {
		return money.Zero(newPrice.Currency), nil
	}
	diff, err := newPrice.Sub(oldPrice)
	if err != nil {
		return money.Amount{}, err
	}
	return diff.Ratio(left, total), nil
}
