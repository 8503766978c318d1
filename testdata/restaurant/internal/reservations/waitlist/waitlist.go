// Package waitlist manages walk-in parties waiting for a table.
package waitlist

import (
	"context"
	"fmt"
	"time"

	"tablecraft.io/ops/internal/platform/errs"
	"tablecraft.io/ops/internal/platform/notify"
	"tablecraft.io/ops/internal/reservations/booking"
	"tablecraft.io/ops/internal/reservations/store"
	"tablecraft.io/ops/models"
	"tablecraft.io/ops/util"
)

// Service runs the host stand waitlist.
type Service struct {
	store  *store.Store
	notify notify.Sender
}

// New returns a Service.
func New(st *store.Store, n notify.Sender) *Service { return &Service{store: st, notify: n} }

// Quote estimates the wait for a party: fitting tables that are occupied
// turn over at roughly the booking turn time, spread across those tables.
func (s *Service) Quote(ctx context.Context, locationID int64, party int) (int, error) {
	tables, err := s.store.Tables(ctx, locationID)
	if err != nil {
		return 0, err
	}
	fitting, busy := 0, 0
	for _, t := range tables {
		if t.Seats >= party {
			fitting++
			if t.Status != "free" {
				busy++
			}
		}
	}
	if fitting == 0 {
		return 0, errs.Invalid("no table seats %d", party)
	}
	if busy < fitting {
		return 0, nil
	}
	var ahead int
	if err := s.store.DB.QueryRowContext(ctx,
		`SELECT count(*) FROM waitlist_entries WHERE location_id = $1 AND status = 'waiting' AND party_size >= $2`,
		locationID, party).Scan(&ahead); err != nil {
		return 0, err
	}
	turn := booking.TurnMinutes(party)
	return (ahead + 1) * turn / fitting, nil
}

// Add puts a party on the list and texts them the quote.
func (s *Service) Add(ctx context.Context, e *models.WaitlistEntry) error {
	e.Phone = util.NormalizePhone(e.Phone)
	q, err := s.Quote(ctx, e.LocationID, e.PartySize)
	if err != nil {
		return err
	}
	e.QuotedMins, e.Status, e.AddedAt = q, "waiting", time.Now()
	if err := s.store.DB.QueryRowContext(ctx,
		`INSERT INTO waitlist_entries (location_id, guest_name, phone, party_size, quoted_mins, status, added_at)
		 VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
		e.LocationID, e.GuestName, e.Phone, e.PartySize, e.QuotedMins, e.Status, e.AddedAt).Scan(&e.ID); err != nil {
		return err
	}
	return s.notify.Send(ctx, notify.SMS(e.Phone, fmt.Sprintf("You're on the list! About %d minutes.", q)))
}

// List returns waiting and notified parties.
func (s *Service) List(ctx context.Context, locationID int64) ([]models.WaitlistEntry, error) {
	rows, err := s.store.DB.QueryContext(ctx,
		`SELECT id, location_id, guest_name, phone, party_size, quoted_mins, status, added_at FROM waitlist_entries
		 WHERE location_id = $1 AND status IN ('waiting', 'notified') ORDER BY added_at`, locationID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.WaitlistEntry
	for rows.Next() {
		var e models.WaitlistEntry
		if err := rows.Scan(&e.ID, &e.LocationID, &e.GuestName, &e.Phone, &e.PartySize, &e.QuotedMins, &e.Status, &e.AddedAt); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// Notify texts the party that their table is ready.
func (s *Service) Notify(ctx context.Context, id int64) error {
	var phone string
	if err := s.store.DB.QueryRowContext(ctx,
		`UPDATE waitlist_entries SET status = 'notified', notified_at = now() WHERE id = $1 AND status = 'waiting' RETURNING phone`,
		id).Scan(&phone); err != nil {
		return errs.NotFound("waiting party %d not found", id)
	}
	return s.notify.Send(ctx, notify.SMS(phone, "Your table is ready! Please see the host within 10 minutes."))
}

// Resolve marks the party seated (at tableID) or left.
func (s *Service) Resolve(ctx context.Context, id, tableID int64, seated bool) error {
	status := "left"
	if seated {
		status = "seated"
		if err := s.store.SetTableStatus(ctx, tableID, "seated"); err != nil {
			return err
		}
	}
	_, err := s.store.DB.ExecContext(ctx, `UPDATE waitlist_entries SET status = $2, resolved_at = now() WHERE id = $1`, id, status)
	return err
}
