// Package booking takes reservations: availability, booking, seating,
// reminders and no-shows.
package booking

import (
	"context"
	"fmt"
	"time"

	"tablecraft.io/ops/internal/platform/errs"
	"tablecraft.io/ops/internal/platform/events"
	"tablecraft.io/ops/internal/platform/notify"
	"tablecraft.io/ops/internal/reservations/store"
	"tablecraft.io/ops/models"
	"tablecraft.io/ops/stores"
	"tablecraft.io/ops/util"
)

// TurnMinutes is the expected table turn by party size.
func TurnMinutes(party int) int {
	switch {
	case party <= 2:
		return 75
	case party <= 4:
		return 90
	default:
		return 120
	}
}

// Service books tables.
type Service struct {
	store  *store.Store
	stores *stores.Directory
	notify notify.Sender
	bus    *events.Bus
}

// New returns a Service.
func New(st *store.Store, dir *stores.Directory, n notify.Sender, bus *events.Bus) *Service {
	return &Service{store: st, stores: dir, notify: n, bus: bus}
}

// Availability returns bookable start times on date for a party, every 15
// minutes while the location is open, stopping an hour before close.
func (s *Service) Availability(ctx context.Context, locationID int64, date time.Time, party int) ([]time.Time, error) {
	tz, err := s.stores.TZ(ctx, locationID)
	if err != nil {
		return nil, err
	}
	day := time.Date(date.Year(), date.Month(), date.Day(), 0, 0, 0, 0, tz)
	var out []time.Time
	for t := day.Add(11 * time.Hour); t.Before(day.Add(23 * time.Hour)); t = t.Add(15 * time.Minute) {
		open, err := s.stores.IsOpen(ctx, locationID, t)
		if err != nil {
			return nil, err
		}
		stillOpen, _ := s.stores.IsOpen(ctx, locationID, t.Add(time.Hour))
		if !open || !stillOpen || t.Before(time.Now()) {
			continue
		}
		if tbl, err := s.freeTable(ctx, locationID, t, party); err != nil {
			return nil, err
		} else if tbl != nil {
			out = append(out, t)
		}
	}
	return out, nil
}

// freeTable returns the smallest table seating party free for the turn.
func (s *Service) freeTable(ctx context.Context, locationID int64, at time.Time, party int) (*models.Table, error) {
	tables, err := s.store.Tables(ctx, locationID)
	if err != nil {
		return nil, err
	}
	booked, err := s.store.Between(ctx, locationID, at, at.Add(time.Duration(TurnMinutes(party))*time.Minute))
	if err != nil {
		return nil, err
	}
	taken := map[int64]bool{}
	for _, r := range booked {
		taken[r.TableID] = true
	}
	for _, t := range tables {
		if t.Seats >= party && t.Seats <= party+2 && !taken[t.ID] {
			return &t, nil
		}
	}
	return nil, nil
}

// Book reserves a table.
func (s *Service) Book(ctx context.Context, r *models.Reservation) error {
	if r.PartySize < 1 || r.PartySize > 12 {
		return errs.Invalid("party size must be 1..12; call the restaurant for larger groups")
	}
	r.Phone = util.NormalizePhone(r.Phone)
	if r.GuestName == "" || len(r.Phone) < 11 {
		return errs.Invalid("name and phone are required")
	}
	r.Minutes = TurnMinutes(r.PartySize)
	tbl, err := s.freeTable(ctx, r.LocationID, r.StartsAt, r.PartySize)
	if err != nil {
		return err
	}
	if tbl == nil {
		return errs.Conflict("no table for %d at %s", r.PartySize, r.StartsAt.Format("15:04"))
	}
	r.TableID = tbl.ID
	if err := s.store.Insert(ctx, r); err != nil {
		return err
	}
	return s.notify.Send(ctx, notify.SMS(r.Phone,
		fmt.Sprintf("You're booked for %d on %s. Reply C to cancel.", r.PartySize, r.StartsAt.Format("Mon Jan 2 at 3:04pm"))))
}

// Cancel cancels a reservation.
func (s *Service) Cancel(ctx context.Context, id int64) error {
	return s.store.SetStatus(ctx, id, "cancelled", 0)
}

// Seat seats a reservation at a table. The table must not still have an
// open check from the previous party.
func (s *Service) Seat(ctx context.Context, id, tableID int64) error {
	r, err := s.store.Get(ctx, id)
	if err != nil {
		return err
	}
	if tableID == 0 {
		tableID = r.TableID
	}
	var openChecks int
	if err := s.store.DB.QueryRowContext(ctx,
		`SELECT count(*) FROM orders WHERE table_id = $1 AND status IN ('open', 'fired', 'paid')`, tableID).Scan(&openChecks); err != nil {
		return err
	}
	if openChecks > 0 {
		return errs.Conflict("table still has an open check")
	}
	if err := s.store.SetStatus(ctx, id, "seated", tableID); err != nil {
		return err
	}
	if err := s.store.SetTableStatus(ctx, tableID, "seated"); err != nil {
		return err
	}
	s.bus.Publish(ctx, events.Event{Topic: events.ReservationSeated, LocationID: r.LocationID,
		Payload: map[string]any{"reservation_id": id, "table_id": tableID, "party_size": r.PartySize}})
	return nil
}

// SendReminders texts guests booked 2-3 hours from now. Run by the worker.
func (s *Service) SendReminders(ctx context.Context) (int, error) {
	now := time.Now()
	due, err := s.store.NeedingReminder(ctx, now.Add(2*time.Hour), now.Add(3*time.Hour))
	if err != nil {
		return 0, err
	}
	sent := 0
	for _, r := range due {
		msg := fmt.Sprintf("Reminder: table for %d today at %s. Reply C to cancel.", r.PartySize, r.StartsAt.Format("3:04pm"))
		if err := s.notify.Send(ctx, notify.SMS(r.Phone, msg)); err != nil {
			continue
		}
		if err := s.store.SetStatus(ctx, r.ID, "reminded", 0); err != nil {
			return sent, err
		}
		sent++
	}
	return sent, nil
}

// SweepNoShows marks parties 20 minutes late as no-shows.
func (s *Service) SweepNoShows(ctx context.Context) (int64, error) {
	return s.store.MarkNoShows(ctx, 20*time.Minute)
}
