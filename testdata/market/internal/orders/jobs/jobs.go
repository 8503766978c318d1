// Package jobs contains the periodic order maintenance tasks run by the worker:
// cancelling unpaid orders and polling carriers for deliveries.
package jobs

import (
	"context"
	"log/slog"
	"time"

	"loomly.com/api/internal/models"
	"loomly.com/api/internal/orders/repo"
	"loomly.com/api/internal/orders/service"
	"loomly.com/api/internal/orders/shipping"
)

const unpaidTTL = 2 * time.Hour

type Runner struct {
	repo    *repo.Repo
	svc     *service.Service
	tracker *shipping.Tracker
	log     *slog.Logger
}

func New(r *repo.Repo, svc *service.Service, tr *shipping.Tracker, log *slog.Logger) *Runner {
	return &Runner{repo: r, svc: svc, tracker: tr, log: log.With("job", "orders")}
}

// CancelUnpaid cancels orders still pending payment after unpaidTTL.
func (j *Runner) CancelUnpaid(ctx context.Context, now time.Time) (int, error) {
	idList, err := j.repo.StaleIDs(ctx, models.OrderPending, now.Add(-unpaidTTL), 500)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, id := range idList {
		if err := j.svc.Cancel(ctx, id, "payment timeout"); err != nil {
			j.log.Warn("cancel unpaid", "order", id, "err", err)
			continue
		}
		n++
	}
	return n, nil
}

// PollDeliveries checks in-transit shipments with the carrier.
func (j *Runner) PollDeliveries(ctx context.Context) (int, error) {
	ships, err := j.repo.InTransitShipments(ctx, 300)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, s := range ships {
		ev, err := j.tracker.Track(ctx, s.Carrier, s.TrackingNo)
		if err != nil {
			j.log.Warn("track", "shipment", s.ID, "err", err)
			continue
		}
		if ev.Status != shipping.StatusDelivered {
			continue
		}
		if err := j.repo.MarkShipmentDelivered(ctx, s.ID, ev.Timestamp); err != nil {
			return n, err
		}
		if err := j.svc.MarkDelivered(ctx, s.OrderID, ev.Timestamp); err != nil {
			j.log.Warn("mark delivered", "order", s.OrderID, "err", err)
			continue
		}
		n++
	}
	return n, nil
}

func (j *Runner) Loop(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			c, err := j.CancelUnpaid(ctx, now)
			if err != nil {
				j.log.Error("cancel unpaid run", "err", err)
			}
			d, err := j.PollDeliveries(ctx)
			if err != nil {
				j.log.Error("poll deliveries run", "err", err)
			}
			j.log.Info("orders maintenance", "cancelled", c, "delivered", d)
		}
	}
}
