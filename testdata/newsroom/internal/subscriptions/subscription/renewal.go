package subscription

import (
	"context"

	"github.com/dailyherald/newsroom/internal/models"
	"github.com/dailyherald/newsroom/pkg/money"
	"github.com/dailyherald/newsroom/pkg/pricing"
)

// RenewalJob rolls subscriptions into their next period, ends trials and
// expires subscriptions that were cancelled at period end.
type RenewalJob struct{ S *Service }

func (j RenewalJob) Name() string { return "subscriptions.renew" }

func (j RenewalJob) Run(ctx context.Context) error {
	due, err := j.S.store().dueForRenewal(ctx, j.S.Clock.Now(), 200)
	if err != nil {
		return err
	}
	for i := range due {
		if err := j.renew(ctx, &due[i]); err != nil {
			j.S.Log.Error("renewal failed", "subscription", due[i].ID, "err", err)
		}
	}
	return nil
}

func (j RenewalJob) renew(ctx context.Context, sub *models.Subscription) error {
	if sub.CancelAtPeriodEnd {
		return j.S.store().setStatus(ctx, sub.ID, models.SubExpired)
	}
	p, err := j.S.Plans.Get(ctx, sub.PlanID)
	if err != nil {
		return err
	}
	reader, err := j.S.Accounts.Reader(ctx, sub.ReaderID)
	if err != nil {
		return err
	}
	start := sub.CurrentPeriodEnd
	end := pricing.AddBillingPeriod(start, p.Interval)
	if err := j.S.store().advance(ctx, sub.ID, p.ID, start, end, models.SubActive); err != nil {
		return err
	}
	sub.CurrentPeriodStart, sub.CurrentPeriodEnd, sub.Status = start, end, models.SubActive
	return j.S.chargePeriod(ctx, sub, p, reader.Country, money.Zero(p.Price.Currency))
}
