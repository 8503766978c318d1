// Package docexpiry reminds drivers about expiring documents and takes drivers
// offline when a required document has lapsed. It also nudges onboarding
// background checks along.
package docexpiry

import (
	"context"
	"time"

	"github.com/zipcab/backend/app/driver/repository"
	"github.com/zipcab/backend/app/driver/service"
	"github.com/zipcab/backend/modules/onboarding"
	"github.com/zipcab/backend/pkg/log"
)

// ReminderWindow is how far ahead drivers are warned.
const ReminderWindow = 14 * 24 * time.Hour

// Worker runs the daily compliance sweep.
type Worker struct {
	repo       *repository.DriverRepository
	drivers    *service.DriverService
	onboarding *onboarding.Service
	now        func() time.Time
}

// New returns the worker.
func New(repo *repository.DriverRepository, drivers *service.DriverService, ob *onboarding.Service) *Worker {
	return &Worker{repo: repo, drivers: drivers, onboarding: ob, now: time.Now}
}

// Run sweeps every interval until ctx is done.
func (w *Worker) Run(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		w.sweep(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func (w *Worker) sweep(ctx context.Context) {
	l := log.From(ctx).With("worker", "docexpiry")
	now := w.now()
	docs, err := w.repo.ExpiringBefore(ctx, now.Add(ReminderWindow))
	if err != nil {
		l.Error("list expiring documents", "err", err)
		return
	}
	var reminded, suspended int
	for _, d := range docs {
		if d.Expired(now) {
			if err := w.repo.MarkDocumentExpired(ctx, d.ID); err != nil {
				l.Error("mark expired", "doc_id", d.ID, "err", err)
				continue
			}
			if err := w.drivers.Suspend(ctx, d.DriverID, "document expired: "+string(d.Type)); err == nil {
				suspended++
			}
			continue
		}
		// remind at 14, 7 and 1 days out
		days := int(d.ExpiresAt.Sub(now).Hours() / 24)
		if days == 14 || days == 7 || days == 1 {
			if err := w.drivers.NotifyDocumentExpiring(ctx, d); err == nil {
				reminded++
			}
		}
	}
	moved, err := w.onboarding.PollBackgroundChecks(ctx)
	if err != nil {
		l.Error("poll background checks", "err", err)
	}
	l.Info("sweep done", "reminded", reminded, "suspended", suspended, "applications_advanced", moved)
}
