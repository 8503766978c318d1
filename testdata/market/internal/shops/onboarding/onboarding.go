// Package onboarding runs the background job that activates shops once the
// payment provider has verified the seller's identity (KYC).
package onboarding

import (
	"context"
	"log/slog"
	"time"

	"loomly.com/api/internal/shops/shop"
	"loomly.com/api/internal/shops/store"
)

// KYCChecker is implemented by the payments gateway client.
type KYCChecker interface {
	AccountStatus(ctx context.Context, ownerID string) (accountID string, verified bool, err error)
}

type Job struct {
	store *store.Store
	kyc   KYCChecker
	log   *slog.Logger
	batch int
}

func NewJob(st *store.Store, kyc KYCChecker, log *slog.Logger) *Job {
	return &Job{store: st, kyc: kyc, log: log.With("job", "shop-onboarding"), batch: 200}
}

// RunOnce checks every onboarding shop and activates the verified ones.
func (j *Job) RunOnce(ctx context.Context) (activated int, err error) {
	shops, err := j.store.ListByStatus(ctx, shop.StatusOnboarding, j.batch)
	if err != nil {
		return 0, err
	}
	for _, s := range shops {
		acct, ok, err := j.kyc.AccountStatus(ctx, s.OwnerID)
		if err != nil {
			j.log.Warn("kyc lookup failed", "shop", s.ID, "err", err)
			continue
		}
		if !ok {
			continue
		}
		s.PayoutAccount = acct
		s.KYCVerifiedAt = time.Now().UTC()
		s.Status = shop.StatusActive
		if err := j.store.Update(ctx, s); err != nil {
			return activated, err
		}
		activated++
		j.log.Info("shop activated", "shop", s.ID)
	}
	return activated, nil
}

// Loop runs RunOnce every interval until ctx is cancelled.
func (j *Job) Loop(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if n, err := j.RunOnce(ctx); err != nil {
			j.log.Error("onboarding run failed", "err", err)
		} else if n > 0 {
			j.log.Info("onboarding run", "activated", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
