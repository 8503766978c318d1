// Package calendar keeps the inventory calendar populated a rolling number of
// days ahead so that availability queries and OTA pushes always find rows.
package calendar

import (
	"context"
	"fmt"

	"github.com/staybright/platform/internal/pkg/clock"
	"github.com/staybright/platform/internal/pkg/log"
	"github.com/staybright/platform/internal/store/availability"
	"github.com/staybright/platform/internal/store/hotel"
	"github.com/staybright/platform/internal/store/roomtype"
)

// Job extends every active room type's calendar.
type Job struct {
	hotels *hotel.Store
	types  *roomtype.Store
	avail  *availability.Store
	days   int
	clock  clock.Clock
	log    *log.Logger
}

// New builds the job.
func New(h *hotel.Store, t *roomtype.Store, a *availability.Store, days int, c clock.Clock, l *log.Logger) *Job {
	if days <= 0 {
		days = 365
	}
	return &Job{hotels: h, types: t, avail: a, days: days, clock: c, log: l.Component("job.calendar")}
}

// Name implements the worker's Job interface.
func (j *Job) Name() string { return "inventory-calendar" }

// Run extends the calendar.
func (j *Job) Run(ctx context.Context) error {
	hotels, err := j.hotels.List(ctx, true, "")
	if err != nil {
		return fmt.Errorf("calendar: list hotels: %w", err)
	}
	today := clock.Day(j.clock.Now())
	through := today.AddDate(0, 0, j.days)
	var created int64
	for _, h := range hotels {
		types, err := j.types.ListByHotel(ctx, h.ID)
		if err != nil {
			return fmt.Errorf("calendar: room types of %s: %w", h.Code, err)
		}
		for _, rt := range types {
			n, err := j.avail.Extend(ctx, h.ID, rt.ID, rt.TotalRooms, today, through)
			if err != nil {
				j.log.Error("extend failed", "hotel", h.Code, "room_type", rt.Code, "err", err)
				continue
			}
			created += n
		}
	}
	j.log.Info("calendar extended", "hotels", len(hotels), "rows", created, "through", clock.FormatDate(through))
	return nil
}
