// Package billing implements subscription lifecycle, seat metering, invoicing
// and dunning for Hirebase customers.
package billing

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/hirebase/ats/internal/app/billing/payclient"
	dbaccounts "github.com/hirebase/ats/internal/db/accounts"
	dbbilling "github.com/hirebase/ats/internal/db/billing"
	"github.com/hirebase/ats/internal/models"
	"github.com/hirebase/ats/internal/platform/errs"
	"github.com/hirebase/ats/internal/platform/events"
	"github.com/hirebase/ats/internal/platform/ids"
	"github.com/hirebase/ats/internal/platform/mailer"
	"github.com/hirebase/ats/internal/platform/money"
)

const (
	trialLength      = 14 * 24 * time.Hour
	trialSeatLimit   = 5
	maxFailedCharges = 3
	defaultPlan      = "growth"
)

type Service struct {
	store    *dbbilling.Store
	accounts *dbaccounts.Store
	pay      *payclient.Client
	bus      *events.Bus
	mail     mailer.Mailer
	log      *slog.Logger
}

func New(store *dbbilling.Store, accounts *dbaccounts.Store, pay *payclient.Client, bus *events.Bus, mail mailer.Mailer, log *slog.Logger) *Service {
	return &Service{store: store, accounts: accounts, pay: pay, bus: bus, mail: mail, log: log}
}

// StartTrial creates the provider customer and a trial subscription.
func (s *Service) StartTrial(ctx context.Context, tenant models.Tenant, billingEmail, planCode string) error {
	if planCode == "" {
		planCode = defaultPlan
	}
	if _, err := s.store.GetPlan(ctx, planCode); err != nil {
		return err
	}
	ref, err := s.pay.CreateCustomer(ctx, tenant.ID, tenant.Name, billingEmail)
	if err != nil {
		return errs.Wrap(err, "create payment customer")
	}
	now := time.Now().UTC()
	return s.store.UpsertSubscription(ctx, models.Subscription{TenantID: tenant.ID, PlanCode: planCode, Status: "trial",
		CustomerRef: ref, PeriodStart: now, PeriodEnd: now.Add(trialLength)})
}

func (s *Service) Subscription(ctx context.Context, tenantID string) (models.Subscription, error) {
	return s.store.GetSubscription(ctx, tenantID)
}

// CheckSeatAvailable is called before inviting a non-employee user.
func (s *Service) CheckSeatAvailable(ctx context.Context, tenantID string) error {
	sub, err := s.store.GetSubscription(ctx, tenantID)
	if err != nil {
		return err
	}
	switch sub.Status {
	case "suspended", "cancelled":
		return errs.PaymentRequired("subscription is " + sub.Status)
	case "trial":
		n, err := s.store.CountBillableSeats(ctx, tenantID)
		if err == nil && n >= trialSeatLimit {
			err = errs.PaymentRequired(fmt.Sprintf("trial accounts are limited to %d seats", trialSeatLimit))
		}
		return err
	}
	return nil
}

// CheckRequisitionQuota enforces the plan's open requisition limit.
func (s *Service) CheckRequisitionQuota(ctx context.Context, tenantID string) error {
	sub, err := s.store.GetSubscription(ctx, tenantID)
	if err != nil {
		return err
	}
	plan, err := s.store.GetPlan(ctx, sub.PlanCode)
	if err != nil || plan.MaxOpenReqs <= 0 {
		return err
	}
	n, err := s.store.CountOpenRequisitions(ctx, tenantID)
	if err == nil && n >= plan.MaxOpenReqs {
		err = errs.PaymentRequired(fmt.Sprintf("plan %s allows %d open requisitions", plan.Name, plan.MaxOpenReqs))
	}
	return err
}

// BuildInvoice prices one billing period. Seats above the plan's included
// seats are charged per seat at the peak daily count.
func BuildInvoice(tenantID string, plan models.Plan, peakSeats int, from, to, issued time.Time) models.Invoice {
	inv := models.Invoice{ID: ids.New(ids.Invoice), TenantID: tenantID, Status: "open", PeriodStart: from, PeriodEnd: to, IssuedAt: issued}
	inv.Lines = append(inv.Lines, models.InvoiceLine{
		Description: fmt.Sprintf("%s plan (%s – %s)", plan.Name, from.Format("Jan 2"), to.Format("Jan 2, 2006")),
		Quantity:    1, UnitPrice: plan.BasePrice, Total: plan.BasePrice,
	})
	if extra := peakSeats - plan.IncludedSeats; extra > 0 {
		inv.Lines = append(inv.Lines, models.InvoiceLine{
			Description: fmt.Sprintf("Additional seats (peak %d, %d included)", peakSeats, plan.IncludedSeats),
			Quantity:    int64(extra), UnitPrice: plan.SeatPrice, Total: plan.SeatPrice.Mul(int64(extra)),
		})
	}
	inv.Total = money.Zero(plan.BasePrice.Currency)
	for _, l := range inv.Lines {
		inv.Total = inv.Total.Add(l.Total)
	}
	return inv
}

// RunCycle invoices and charges every subscription whose period has ended.
func (s *Service) RunCycle(ctx context.Context) error {
	now := time.Now().UTC()
	due, err := s.store.DueSubscriptions(ctx, now)
	if err != nil {
		return err
	}
	for _, sub := range due {
		if err := s.renew(ctx, sub, now); err != nil {
			s.log.Error("billing: renew failed", "tenant_id", sub.TenantID, "err", err)
		}
	}
	return nil
}

func (s *Service) renew(ctx context.Context, sub models.Subscription, now time.Time) error {
	if sub.CancelAtPeriodEnd {
		sub.Status = "cancelled"
		return s.store.UpsertSubscription(ctx, sub)
	}
	plan, err := s.store.GetPlan(ctx, sub.PlanCode)
	if err != nil {
		return err
	}
	peak, err := s.store.PeakSeats(ctx, sub.TenantID, sub.PeriodStart, sub.PeriodEnd)
	if err != nil {
		return err
	}
	inv := BuildInvoice(sub.TenantID, plan, peak, sub.PeriodStart, sub.PeriodEnd, now)
	if sub.Status == "trial" { // the trial itself is free
		inv.Lines, inv.Total = nil, money.Zero(plan.BasePrice.Currency)
	}
	if err := s.store.CreateInvoice(ctx, &inv); err != nil {
		return err
	}
	res, err := s.pay.Charge(ctx, payclient.ChargeRequest{CustomerRef: sub.CustomerRef, Amount: inv.Total,
		Description: "Hirebase invoice " + inv.Number, IdempotencyKey: inv.ID})
	if err != nil || res.Status == "failed" {
		reason := res.FailureReason
		if err != nil {
			reason = err.Error()
		}
		_ = s.store.SetInvoiceOutcome(ctx, inv.ID, "payment_failed", res.Ref, reason, now)
		return s.recordFailure(ctx, sub)
	}
	status := "paid"
	if res.Status == "pending" {
		status = "pending" // settled by PayGate's nightly reconciliation import
	}
	if err := s.store.SetInvoiceOutcome(ctx, inv.ID, status, res.Ref, "", now); err != nil {
		return err
	}
	sub.Status, sub.FailedAttempts = "active", 0
	sub.PeriodStart, sub.PeriodEnd = sub.PeriodEnd, sub.PeriodEnd.AddDate(0, 1, 0)
	if err := s.store.UpsertSubscription(ctx, sub); err != nil {
		return err
	}
	return s.accounts.SetTenantStatus(ctx, sub.TenantID, models.TenantActive)
}

// recordFailure implements dunning: past_due after the first failure,
// suspension after maxFailedCharges.
func (s *Service) recordFailure(ctx context.Context, sub models.Subscription) error {
	sub.FailedAttempts++
	status := models.TenantPastDue
	sub.Status = "past_due"
	if sub.FailedAttempts >= maxFailedCharges {
		sub.Status, status = "suspended", models.TenantSuspended
	}
	if err := s.store.UpsertSubscription(ctx, sub); err != nil {
		return err
	}
	if err := s.accounts.SetTenantStatus(ctx, sub.TenantID, status); err != nil {
		return err
	}
	admins, err := s.accounts.UsersWithRole(ctx, sub.TenantID, models.RoleBillingManager)
	if err != nil {
		return err
	}
	for _, a := range admins {
		_ = s.mail.Send(ctx, mailer.Message{To: []string{a.Email}, Tag: "dunning",
			Subject: "Action required: your Hirebase payment failed",
			Body: fmt.Sprintf("We could not charge your card (attempt %d of %d). Please update your payment method to avoid suspension.",
				sub.FailedAttempts, maxFailedCharges)})
	}
	if status == models.TenantSuspended {
		s.bus.Publish(ctx, events.TenantSuspended, sub.TenantID, sub.TenantID, nil)
	}
	return nil
}

// MeterSeats records today's billable seat count for every live tenant.
func (s *Service) MeterSeats(ctx context.Context) error {
	tenants, err := s.store.ActiveTenantIDs(ctx)
	if err != nil {
		return err
	}
	for _, t := range tenants {
		n, err := s.store.CountBillableSeats(ctx, t)
		if err == nil {
			err = s.store.RecordSeatUsage(ctx, t, time.Now().UTC(), n)
		}
		if err != nil {
			return err
		}
	}
	return nil
}
