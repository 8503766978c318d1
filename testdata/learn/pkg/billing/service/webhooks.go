package service

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"quill.dev/academy/integrations/stripe"
	"quill.dev/academy/legacy/coupons"
	"quill.dev/academy/pkg/billing/domain"
	"quill.dev/academy/pkg/billing/repo"
	"quill.dev/academy/pkg/common/types"
	"quill.dev/academy/pkg/platform/db"
	"quill.dev/academy/pkg/platform/errs"
	"quill.dev/academy/pkg/platform/events"
	"quill.dev/academy/pkg/platform/ids"
	"quill.dev/academy/pkg/platform/log"
)

// HandleWebhook verifies and applies a Stripe webhook.
func (s *Service) HandleWebhook(ctx context.Context, payload []byte, sig string) error {
	ev, err := stripe.ParseWebhook(payload, sig, s.Webhook, s.Clock.Now())
	if err != nil {
		return errs.Wrap(errs.Unauthorized, "stripe.webhook", err)
	}
	log.From(ctx).Info("stripe webhook", "type", ev.Type, "id", ev.ID)
	switch ev.Type {
	case "checkout.session.completed":
		var obj stripe.CheckoutCompleted
		if err := json.Unmarshal(ev.Data.Object, &obj); err != nil {
			return errs.Wrap(errs.Invalid, "stripe.webhook", err)
		}
		return s.checkoutCompleted(ctx, obj)
	case "invoice.paid":
		var obj stripe.InvoiceObject
		if err := json.Unmarshal(ev.Data.Object, &obj); err != nil {
			return errs.Wrap(errs.Invalid, "stripe.webhook", err)
		}
		return s.subscriptionRenewed(ctx, obj)
	case "invoice.payment_failed":
		var obj stripe.InvoiceObject
		if err := json.Unmarshal(ev.Data.Object, &obj); err != nil {
			return errs.Wrap(errs.Invalid, "stripe.webhook", err)
		}
		return s.markPastDue(ctx, obj.Subscription)
	case "customer.subscription.deleted":
		var obj struct {
			ID string `json:"id"`
		}
		if err := json.Unmarshal(ev.Data.Object, &obj); err != nil {
			return errs.Wrap(errs.Invalid, "stripe.webhook", err)
		}
		return s.endSubscription(ctx, obj.ID)
	}
	return nil
}

func (s *Service) checkoutCompleted(ctx context.Context, obj stripe.CheckoutCompleted) error {
	now := s.Clock.Now()
	return db.WithTx(ctx, s.Pool, func(tx *sql.Tx) error {
		r := s.Repo.WithTx(tx)
		out := events.NewOutbox(tx)
		inv, err := r.Invoice(ctx, obj.ClientReference)
		if err != nil {
			return err
		}
		if inv.Status == domain.InvoicePaid {
			return nil // duplicate delivery
		}
		if err := r.SetInvoiceStatus(ctx, inv.ID, domain.InvoicePaid, &now); err != nil {
			return err
		}
		if inv.CouponCode != "" {
			if err := coupons.Redeem(ctx, tx, inv.CouponCode); err != nil {
				return err
			}
		}
		if obj.Subscription != "" {
			sub, err := s.activate(ctx, r, inv, obj, now)
			if err != nil {
				return err
			}
			if err := events.PublishJSON(ctx, out, types.EventSubscriptionActivated, types.SubscriptionChanged{
				UserID: sub.UserID, PlanID: sub.PlanID, Tier: sub.Tier, Status: string(sub.Status)}); err != nil {
				return err
			}
		}
		return events.PublishJSON(ctx, out, types.EventPaymentSucceeded, types.PaymentSucceeded{
			UserID: inv.UserID, InvoiceID: inv.ID, CourseID: inv.CourseID, Amount: inv.Amount})
	})
}

func (s *Service) activate(ctx context.Context, r *repo.Repo, inv domain.Invoice, obj stripe.CheckoutCompleted, now time.Time) (domain.Subscription, error) {
	plans, err := r.Plans(ctx)
	if err != nil {
		return domain.Subscription{}, err
	}
	var plan domain.Plan
	for _, p := range plans {
		if p.Price.Amount == inv.Amount.Amount+inv.Discount.Amount {
			plan = p
		}
	}
	if plan.ID == "" {
		return domain.Subscription{}, errs.E(errs.Internal, "activate", "no plan matches invoice %s", inv.ID)
	}
	end := domain.NextPeriodEnd(now, plan.Interval)
	if obj.CurrentPeriodEnd > 0 {
		end = time.Unix(obj.CurrentPeriodEnd, 0).UTC()
	}
	sub := domain.Subscription{ID: ids.New("sub"), UserID: inv.UserID, PlanID: plan.ID, Tier: plan.Tier, Status: domain.SubActive,
		CurrentPeriodEnd: end, StripeSubID: obj.Subscription, CreatedAt: now}
	return sub, r.CreateSubscription(ctx, sub)
}

func (s *Service) subscriptionRenewed(ctx context.Context, obj stripe.InvoiceObject) error {
	sub, err := s.Repo.SubscriptionByStripeID(ctx, obj.Subscription)
	if err != nil {
		return err
	}
	sub.Status = domain.SubActive
	sub.PastDueSince = nil
	sub.CurrentPeriodEnd = time.Unix(obj.PeriodEnd, 0).UTC()
	return s.Repo.UpdateSubscription(ctx, sub)
}

func (s *Service) markPastDue(ctx context.Context, stripeSubID string) error {
	sub, err := s.Repo.SubscriptionByStripeID(ctx, stripeSubID)
	if err != nil {
		return err
	}
	if sub.Status == domain.SubPastDue {
		return nil
	}
	now := s.Clock.Now()
	sub.Status = domain.SubPastDue
	sub.PastDueSince = &now
	return s.Repo.UpdateSubscription(ctx, sub)
}

func (s *Service) endSubscription(ctx context.Context, stripeSubID string) error {
	sub, err := s.Repo.SubscriptionByStripeID(ctx, stripeSubID)
	if err != nil {
		return err
	}
	return s.cancelNow(ctx, sub)
}

func (s *Service) cancelNow(ctx context.Context, sub domain.Subscription) error {
	return db.WithTx(ctx, s.Pool, func(tx *sql.Tx) error {
		sub.Status = domain.SubCancelled
		if err := s.Repo.WithTx(tx).UpdateSubscription(ctx, sub); err != nil {
			return err
		}
		return events.PublishJSON(ctx, events.NewOutbox(tx), types.EventSubscriptionCancelled, types.SubscriptionChanged{
			UserID: sub.UserID, PlanID: sub.PlanID, Tier: sub.Tier, Status: string(sub.Status)})
	})
}
