// Package dispatch auto-assigns unassigned work orders to vendors.
package dispatch

import (
	"context"
	"time"

	"github.com/keystoneprop/platform/internal/logging"
	"github.com/keystoneprop/platform/internal/maintenance/vendors"
	"github.com/keystoneprop/platform/internal/maintenance/workorders"
	"github.com/keystoneprop/platform/internal/models"
	"github.com/keystoneprop/platform/internal/notify"
)

// maxOpen is how many open work orders a vendor can carry before we skip them.
const maxOpen = 6

type Job struct {
	wos     *workorders.Service
	vendors *vendors.Service
	notify  *notify.Service
	now     func() time.Time
}

func NewJob(w *workorders.Service, v *vendors.Service, n *notify.Service) *Job {
	return &Job{wos: w, vendors: v, notify: n, now: time.Now}
}

func (j *Job) Name() string { return "dispatch.assign" }

// SlotFor picks a visit time: emergencies within 4 hours, urgent next
// business morning, routine within three business days.
func SlotFor(p models.Priority, now time.Time) time.Time {
	switch p {
	case models.PriorityEmergency:
		return now.Add(4 * time.Hour)
	case models.PriorityUrgent:
		return nextBusinessDay(now, 1)
	}
	return nextBusinessDay(now, 3)
}

func nextBusinessDay(t time.Time, n int) time.Time {
	d := time.Date(t.Year(), t.Month(), t.Day(), 9, 0, 0, 0, t.Location())
	for n > 0 {
		d = d.AddDate(0, 0, 1)
		if d.Weekday() != time.Saturday && d.Weekday() != time.Sunday {
			n--
		}
	}
	return d
}

func (j *Job) Run(ctx context.Context) error {
	open, err := j.wos.ListByStatus(ctx, models.WOUnassigned)
	if err != nil {
		return err
	}
	log := logging.From(ctx)
	for _, w := range open {
		cands, load, err := j.vendors.Eligible(ctx, w.Trade, w.PropertyID)
		if err != nil {
			return err
		}
		var pick *models.Vendor
		for i := range cands {
			if load[i] < maxOpen {
				pick = &cands[i]
				break
			}
		}
		if pick == nil {
			log.Warn("no vendor available", "work_order", w.ID, "trade", w.Trade)
			continue
		}
		when := SlotFor(w.Priority, j.now())
		if err := j.wos.Assign(ctx, w.ID, pick.ID, when); err != nil {
			log.Error("assign", "work_order", w.ID, "err", err)
			continue
		}
		_ = j.notify.Email(ctx, pick.Email, "workorder.assigned", map[string]string{
			"id": w.ID, "scope": w.Scope, "nte": w.NotToExceed.String(), "address": w.PropertyID,
		})
	}
	return nil
}
