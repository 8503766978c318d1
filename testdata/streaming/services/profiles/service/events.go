package service

import (
	"context"

	"github.com/flickstream/api/models"
	"github.com/flickstream/api/pkg/events"
)

// OnSubscriptionChanged reactivates a suspended account once billing reports
// the subscription active again.
func OnSubscriptionChanged(s *Service) events.Handler {
	return func(ctx context.Context, e events.Event) error {
		if e.Attrs["status"] != models.SubActive {
			return nil
		}
		acc, err := s.Account(ctx, e.Attrs["account_id"])
		if err != nil {
			return err
		}
		if acc.Status != models.AccountSuspended {
			return nil
		}
		return s.SetAccountStatus(ctx, acc.ID, models.AccountActive)
	}
}
