// Package postgres implements inventory persistence with sqlx.
// Tables owned: seats, ga_pools, holds, hold_items.
package postgres

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/jmoiron/sqlx"

	"gatehouse.events/platform/internal/inventory/domain"
	"gatehouse.events/platform/internal/inventory/ports"
	"gatehouse.events/platform/internal/platform/db"
	"gatehouse.events/platform/internal/platform/errs"
	"gatehouse.events/platform/internal/platform/ids"
)

// SeatStore implements ports.SeatRepository and ports.GARepository.
type SeatStore struct{ db *sqlx.DB }

// NewSeatStore returns a store.
func NewSeatStore(d *sqlx.DB) *SeatStore { return &SeatStore{db: d} }

var (
	_ ports.SeatRepository = (*SeatStore)(nil)
	_ ports.GARepository   = (*SeatStore)(nil)
	_ ports.Transactor     = (*SeatStore)(nil)
)

// InTx implements ports.Transactor using the shared tx-on-context helper.
func (s *SeatStore) InTx(ctx context.Context, fn func(ctx context.Context) error) error {
	return db.WithTx(ctx, s.db.DB, func(ctx context.Context, _ *sql.Tx) error { return fn(ctx) })
}

// SectionSpec describes how to provision a section for an event.
type SectionSpec struct {
	Code             string
	Rows             int
	SeatsPerRow      int
	GeneralAdmission bool
	GACapacity       int
	PriceTierID      string
}

// ProvisionEvent creates seats and GA pools for a newly published event.
// It is idempotent: re-provisioning an event is a no-op.
func (s *SeatStore) ProvisionEvent(ctx context.Context, eventID string, specs []SectionSpec) error {
	return s.InTx(ctx, func(ctx context.Context) error {
		conn := db.Conn(ctx, s.db.DB)
		var existing int
		if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM seats WHERE event_id=$1`, eventID).Scan(&existing); err != nil {
			return errs.Wrap(err, "inventory.ProvisionEvent")
		}
		if existing > 0 {
			return nil
		}
		for _, sp := range specs {
			if sp.GeneralAdmission {
				if _, err := conn.ExecContext(ctx, `
					INSERT INTO ga_pools (event_id, section, price_tier_id, capacity, held, sold)
					VALUES ($1,$2,$3,$4,0,0)`, eventID, sp.Code, sp.PriceTierID, sp.GACapacity); err != nil {
					return errs.Wrap(err, "inventory.ProvisionEvent")
				}
				continue
			}
			for r := 0; r < sp.Rows; r++ {
				for n := 1; n <= sp.SeatsPerRow; n++ {
					if _, err := conn.ExecContext(ctx, `
						INSERT INTO seats (id, event_id, section, row_label, seat_number, price_tier_id, state)
						VALUES ($1,$2,$3,$4,$5,$6,'available')`,
						ids.New("seat"), eventID, sp.Code, domain.RowLabel(r), n, sp.PriceTierID); err != nil {
						return errs.Wrap(err, "inventory.ProvisionEvent")
					}
				}
			}
		}
		return nil
	})
}

// ByIDs loads seats by id.
func (s *SeatStore) ByIDs(ctx context.Context, eventID string, seatIDs []string) ([]domain.Seat, error) {
	if len(seatIDs) == 0 {
		return nil, nil
	}
	q, args, err := sqlx.In(`SELECT id, event_id, section, row_label, seat_number, price_tier_id, state, hold_id
		FROM seats WHERE event_id = ? AND id IN (?)`, eventID, seatIDs)
	if err != nil {
		return nil, err
	}
	var out []domain.Seat
	if err := s.db.SelectContext(ctx, &out, s.db.Rebind(q), args...); err != nil {
		return nil, errs.Wrap(err, "inventory.SeatStore.ByIDs")
	}
	return out, nil
}

// BestAvailable picks n adjacent available seats in a section, front rows first.
func (s *SeatStore) BestAvailable(ctx context.Context, eventID, section string, n int) ([]domain.Seat, error) {
	var seats []domain.Seat
	err := s.db.SelectContext(ctx, &seats, `
		SELECT id, event_id, section, row_label, seat_number, price_tier_id, state, hold_id
		FROM seats WHERE event_id=$1 AND section=$2 AND state='available'
		ORDER BY length(row_label), row_label, seat_number
		FOR UPDATE SKIP LOCKED`, eventID, section)
	if err != nil {
		return nil, errs.Wrap(err, "inventory.SeatStore.BestAvailable")
	}
	// find the first run of n consecutive seat numbers in one row
	for i := 0; i+n <= len(seats); i++ {
		ok := true
		for j := 1; j < n; j++ {
			a, b := seats[i+j-1], seats[i+j]
			if a.Row != b.Row || b.Number != a.Number+1 {
				ok = false
				break
			}
		}
		if ok {
			return seats[i : i+n], nil
		}
	}
	return nil, nil
}

// Transition moves seats between states; returns how many moved.
func (s *SeatStore) Transition(ctx context.Context, seatIDs []string, from, to domain.SeatState, holdID string) (int, error) {
	if len(seatIDs) == 0 {
		return 0, nil
	}
	args := []any{string(to), db.NullString(holdID), string(from)}
	for _, id := range seatIDs {
		args = append(args, id)
	}
	res, err := db.Conn(ctx, s.db.DB).ExecContext(ctx, fmt.Sprintf(`
		UPDATE seats SET state=$1, hold_id=$2, updated_at=now()
		WHERE state=$3 AND id IN (%s)`, db.Placeholders(4, len(seatIDs))), args...)
	if err != nil {
		return 0, errs.Wrap(err, "inventory.SeatStore.Transition")
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// Availability counts remaining seats and GA places per section.
func (s *SeatStore) Availability(ctx context.Context, eventID string) ([]domain.SectionAvailability, error) {
	var out []domain.SectionAvailability
	err := s.db.SelectContext(ctx, &out, `
		SELECT section, price_tier_id,
		       count(*) FILTER (WHERE state='available') AS available, count(*) AS total
		FROM seats WHERE event_id=$1 GROUP BY section, price_tier_id
		UNION ALL
		SELECT section, price_tier_id, capacity-held-sold AS available, capacity AS total
		FROM ga_pools WHERE event_id=$1
		ORDER BY section`, eventID)
	return out, errs.Wrap(err, "inventory.SeatStore.Availability")
}

// Pool loads a GA pool, locking it for the surrounding transaction.
func (s *SeatStore) Pool(ctx context.Context, eventID, section string) (domain.GAPool, error) {
	var p domain.GAPool
	err := db.Conn(ctx, s.db.DB).QueryRowContext(ctx, `
		SELECT event_id, section, price_tier_id, capacity, held, sold
		FROM ga_pools WHERE event_id=$1 AND section=$2 FOR UPDATE`, eventID, section).
		Scan(&p.EventID, &p.Section, &p.PriceTierID, &p.Capacity, &p.Held, &p.Sold)
	if err != nil {
		return p, db.NotFound(err, "inventory.SeatStore.Pool", "ga pool", section)
	}
	return p, nil
}

// Adjust changes held/sold counters of a GA pool.
func (s *SeatStore) Adjust(ctx context.Context, eventID, section string, heldDelta, soldDelta int) error {
	res, err := db.Conn(ctx, s.db.DB).ExecContext(ctx, `
		UPDATE ga_pools SET held = held + $3, sold = sold + $4
		WHERE event_id=$1 AND section=$2 AND held + $3 >= 0 AND held + $3 + sold + $4 <= capacity`,
		eventID, section, heldDelta, soldDelta)
	if err != nil {
		return errs.Wrap(err, "inventory.SeatStore.Adjust")
	}
	return db.ExpectOne(res, "inventory.SeatStore.Adjust")
}
