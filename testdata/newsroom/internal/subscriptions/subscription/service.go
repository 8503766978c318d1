// Package subscription manages the reader subscription lifecycle: sign-up,
// trials, renewals, plan changes and cancellation.
package subscription

import (
	"context"
	"database/sql"
	"log/slog"

	"github.com/dailyherald/newsroom/internal/accounts"
	"github.com/dailyherald/newsroom/internal/billing/invoice"
	"github.com/dailyherald/newsroom/internal/models"
	"github.com/dailyherald/newsroom/internal/subscriptions/plan"
	"github.com/dailyherald/newsroom/internal/subscriptions/promo"
	"github.com/dailyherald/newsroom/pkg/clock"
	"github.com/dailyherald/newsroom/pkg/db"
	"github.com/dailyherald/newsroom/pkg/errs"
	"github.com/dailyherald/newsroom/pkg/events"
	"github.com/dailyherald/newsroom/pkg/ids"
	"github.com/dailyherald/newsroom/pkg/money"
	"github.com/dailyherald/newsroom/pkg/pricing"
)

const statusIncomplete models.SubscriptionStatus = "incomplete"

type Service struct {
	DB       *sql.DB
	Plans    *plan.Service
	Promos   *promo.Service
	Invoices *invoice.Service
	Accounts *accounts.Service
	Bus      events.Publisher
	Clock    clock.Clock
	Log      *slog.Logger

	st *store
}

func (s *Service) store() *store {
	if s.st == nil {
		s.st = &store{db: s.DB}
	}
	return s.st
}

func (s *Service) Current(ctx context.Context, readerID string) (*models.Subscription, error) {
	return s.store().current(ctx, readerID)
}

type StartInput struct {
	PlanCode  string `json:"plan_code"`
	PromoCode string `json:"promo_code"`
}

func (s *Service) Start(ctx context.Context, readerID string, in StartInput) (*models.Subscription, error) {
	reader, err := s.Accounts.Reader(ctx, readerID)
	if err != nil {
		return nil, err
	}
	if existing, err := s.store().current(ctx, readerID); err == nil {
		return nil, errs.Conflictf("reader already has subscription %s (%s)", existing.ID, existing.Status)
	} else if !errs.Is(err, errs.NotFound) {
		return nil, err
	}
	p, err := s.Plans.ByCode(ctx, in.PlanCode)
	if err != nil {
		return nil, err
	}
	if !p.Active {
		return nil, errs.Invalidf("plan %s is no longer on sale", p.Code)
	}
	var pr *promo.Promo
	if in.PromoCode != "" {
		if pr, err = s.Promos.Validate(ctx, in.PromoCode, p.ID, readerID); err != nil {
			return nil, err
		}
	}
	had, err := s.store().hadAny(ctx, readerID)
	if err != nil {
		return nil, err
	}
	now := s.Clock.Now()
	sub := &models.Subscription{ID: ids.New("sub"), ReaderID: readerID, PlanID: p.ID, CurrentPeriodStart: now, CreatedAt: now}
	if pr != nil {
		sub.PromoCode = pr.Code
	}
	trial := p.TrialDays > 0 && !had // one trial per reader, ever
	if trial {
		sub.Status = models.SubTrialing
		sub.CurrentPeriodEnd = now.AddDate(0, 0, p.TrialDays)
	} else {
		sub.Status = statusIncomplete
		sub.CurrentPeriodEnd = pricing.AddBillingPeriod(now, p.Interval)
	}
	err = db.WithTx(ctx, s.DB, func(tx *sql.Tx) error {
		if err := s.store().insert(ctx, tx, sub); err != nil {
			return err
		}
		if pr != nil {
			return s.Promos.Redeem(ctx, tx, pr, readerID, sub.ID)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if !trial {
		if err := s.chargePeriod(ctx, sub, p, reader.Country, money.Zero(p.Price.Currency)); err != nil {
			return sub, err
		}
		sub.Status = models.SubActive
	}
	_ = s.Bus.Publish(ctx, models.TopicSubscriptionStarted, models.SubscriptionEvent{SubscriptionID: sub.ID, ReaderID: readerID, PlanID: p.ID})
	return sub, nil
}

// chargePeriod invoices the current period through billing and activates on success.
func (s *Service) chargePeriod(ctx context.Context, sub *models.Subscription, p *models.Plan, country string, credit money.Money) error {
	discount, err := s.Promos.NextPeriodDiscount(ctx, sub.ID, p.Price)
	if err != nil {
		return err
	}
	inv, err := s.Invoices.CreateForSubscription(ctx, invoice.SubscriptionCharge{
		ReaderID: sub.ReaderID, SubscriptionID: sub.ID, Description: "The Daily Herald – " + p.Name,
		Price: p.Price, Discount: discount, Credit: credit, Country: country,
		PeriodStart: sub.CurrentPeriodStart, PeriodEnd: sub.CurrentPeriodEnd,
	})
	if err != nil {
		return err
	}
	out, err := s.Invoices.Collect(ctx, inv.ID, 1)
	if err != nil {
		return err
	}
	if !out.Paid {
		if sub.Status == statusIncomplete {
			return errs.E(errs.PaymentRequired, "payment failed: %s", out.FailureCode)
		}
		return nil // renewal failures are handled by dunning
	}
	return s.store().setStatus(ctx, sub.ID, models.SubActive)
}

// Cancel stops renewal; access continues to the end of the paid period.
func (s *Service) Cancel(ctx context.Context, readerID string) (*models.Subscription, error) {
	sub, err := s.store().current(ctx, readerID)
	if err != nil {
		return nil, err
	}
	if sub.Status == models.SubTrialing || sub.Status == statusIncomplete {
		if err := s.store().setStatus(ctx, sub.ID, models.SubCancelled); err != nil {
			return nil, err
		}
		sub.Status = models.SubCancelled
	} else {
		if err := s.store().setCancelAtPeriodEnd(ctx, sub.ID, true); err != nil {
			return nil, err
		}
		sub.CancelAtPeriodEnd = true
	}
	_ = s.Bus.Publish(ctx, models.TopicSubscriptionCanceled, models.SubscriptionEvent{SubscriptionID: sub.ID, ReaderID: readerID, PlanID: sub.PlanID})
	return sub, nil
}

// ChangePlan switches immediately, crediting unused time on the old plan.
func (s *Service) ChangePlan(ctx context.Context, readerID, planCode string) (*models.Subscription, error) {
	sub, err := s.store().current(ctx, readerID)
	if err != nil {
		return nil, err
	}
	if sub.Status != models.SubActive {
		return nil, errs.Conflictf("only active subscriptions can change plan")
	}
	oldPlan, err := s.Plans.Get(ctx, sub.PlanID)
	if err != nil {
		return nil, err
	}
	newPlan, err := s.Plans.ByCode(ctx, planCode)
	if err != nil {
		return nil, err
	}
	if newPlan.ID == oldPlan.ID {
		return nil, errs.Invalidf("already on %s", newPlan.Name)
	}
	if newPlan.Price.Currency != oldPlan.Price.Currency {
		return nil, errs.Invalidf("cannot change between currencies")
	}
	reader, err := s.Accounts.Reader(ctx, readerID)
	if err != nil {
		return nil, err
	}
	now := s.Clock.Now()
	credit := pricing.Prorate(oldPlan.Price, sub.CurrentPeriodStart, sub.CurrentPeriodEnd, now)
	sub.PlanID, sub.CurrentPeriodStart, sub.CurrentPeriodEnd = newPlan.ID, now, pricing.AddBillingPeriod(now, newPlan.Interval)
	if err := s.store().advance(ctx, sub.ID, sub.PlanID, sub.CurrentPeriodStart, sub.CurrentPeriodEnd, models.SubActive); err != nil {
		return nil, err
	}
	return sub, s.chargePeriod(ctx, sub, newPlan, reader.Country, credit)
}
