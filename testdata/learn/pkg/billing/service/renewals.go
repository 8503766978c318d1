package service

import (
	"context"
	"time"

	"quill.dev/academy/pkg/billing/domain"
	"quill.dev/academy/pkg/platform/log"
)

// ExpireEnded cancels subscriptions whose period ended and that were set to
// cancel at period end, or that Stripe never renewed.
func (s *Service) ExpireEnded(ctx context.Context, now time.Time) (int, error) {
	subs, err := s.Repo.DueForRenewal(ctx, now.Add(-48*time.Hour), 500)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, sub := range subs {
		if !sub.CancelAtPeriodEnd && sub.StripeSubID != "" {
			// Stripe will send invoice.paid / payment_failed; give it time.
			continue
		}
		if err := s.cancelNow(ctx, sub); err != nil {
			log.From(ctx).Error("expire subscription", "sub", sub.ID, "err", err)
			continue
		}
		n++
	}
	return n, nil
}

// Dunning cancels subscriptions that stayed past due beyond the grace period.
func (s *Service) Dunning(ctx context.Context, now time.Time) (int, error) {
	subs, err := s.Repo.PastDueBefore(ctx, now.Add(-domain.GracePeriod))
	if err != nil {
		return 0, err
	}
	n := 0
	for _, sub := range subs {
		if err := s.cancelNow(ctx, sub); err != nil {
			log.From(ctx).Error("dunning cancel", "sub", sub.ID, "err", err)
			continue
		}
		n++
	}
	return n, nil
}
