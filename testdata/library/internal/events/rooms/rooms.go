// Package rooms handles meeting-room and study-room booking. Rooms are
// booked by members (study rooms) and by the programs team (events).
package rooms

import (
	"context"
	"database/sql"
	"time"

	"citylib.org/ils/apperr"
	"citylib.org/ils/db"
	"citylib.org/ils/internal/platform/clock"
	branchrepo "citylib.org/ils/repositories/branches"
)

const (
	MaxMemberBooking = 3 * time.Hour
	MaxAdvanceDays   = 14
)

type Room struct {
	ID       int64  `json:"id"`
	BranchID int64  `json:"branch_id"`
	Name     string `json:"name"`
	Capacity int    `json:"capacity"`
	Kind     string `json:"kind"` // study, meeting, program
}

type Booking struct {
	ID       int64     `json:"id"`
	RoomID   int64     `json:"room_id"`
	MemberID *int64    `json:"member_id,omitempty"`
	Purpose  string    `json:"purpose"`
	StartsAt time.Time `json:"starts_at"`
	EndsAt   time.Time `json:"ends_at"`
	Status   string    `json:"status"`
}

type Service struct {
	db       *db.DB
	branches *branchrepo.Repo
}

func New(d *db.DB, b *branchrepo.Repo) *Service { return &Service{db: d, branches: b} }

func (s *Service) Room(ctx context.Context, id int64) (*Room, error) {
	var r Room
	err := s.db.QueryRowContext(ctx,
		`SELECT id, branch_id, name, capacity, kind FROM rooms WHERE id = $1 AND active`, id).
		Scan(&r.ID, &r.BranchID, &r.Name, &r.Capacity, &r.Kind)
	if db.IsNoRows(err) {
		return nil, apperr.NotFound("room", id)
	}
	return &r, err
}

// withinHours checks the booking fits inside the branch's opening hours.
func (s *Service) withinHours(ctx context.Context, branchID int64, start, end time.Time) error {
	hours, err := s.branches.OpeningHours(ctx, branchID)
	if err != nil {
		return err
	}
	ls, le := start.In(clock.Local), end.In(clock.Local)
	for _, h := range hours {
		if h.Weekday != ls.Weekday() {
			continue
		}
		if ls.Format("15:04") >= h.Opens && le.Format("15:04") <= h.Closes && ls.YearDay() == le.YearDay() {
			return nil
		}
	}
	return apperr.Invalid("outside_hours", "booking must be within branch opening hours")
}

// Book reserves a room. memberID is nil for staff/program bookings, which
// are not subject to the member length and advance limits.
func (s *Service) Book(ctx context.Context, roomID int64, memberID *int64, purpose string, start, end time.Time) (*Booking, error) {
	if !end.After(start) {
		return nil, apperr.Invalid("bad_range", "end must be after start")
	}
	room, err := s.Room(ctx, roomID)
	if err != nil {
		return nil, err
	}
	if memberID != nil {
		if room.Kind == "program" {
			return nil, apperr.Forbidden("program rooms are booked by staff")
		}
		if end.Sub(start) > MaxMemberBooking {
			return nil, apperr.Invalid("too_long", "member bookings are limited to 3 hours")
		}
		if start.After(time.Now().AddDate(0, 0, MaxAdvanceDays)) {
			return nil, apperr.Invalid("too_far", "rooms can be booked at most 14 days ahead")
		}
	}
	if err := s.withinHours(ctx, room.BranchID, start, end); err != nil {
		return nil, err
	}
	b := &Booking{RoomID: roomID, MemberID: memberID, Purpose: purpose, StartsAt: start, EndsAt: end, Status: "confirmed"}
	err = s.db.WithTx(ctx, func(tx *sql.Tx) error {
		// Serialise bookings per room, then check overlap.
		if _, err := tx.ExecContext(ctx, `SELECT id FROM rooms WHERE id = $1 FOR UPDATE`, roomID); err != nil {
			return err
		}
		var clash bool
		if err := tx.QueryRowContext(ctx,
			`SELECT EXISTS (SELECT 1 FROM room_bookings WHERE room_id = $1 AND status = 'confirmed'
			   AND tstzrange(starts_at, ends_at) && tstzrange($2, $3))`, roomID, start, end).Scan(&clash); err != nil {
			return err
		}
		if clash {
			return apperr.Conflict("room_taken", "room is already booked for that time")
		}
		if memberID != nil {
			var sameDay int
			if err := tx.QueryRowContext(ctx,
				`SELECT COUNT(*) FROM room_bookings WHERE member_id = $1 AND status = 'confirmed'
				 AND starts_at::date = $2::date`, *memberID, start).Scan(&sameDay); err != nil {
				return err
			}
			if sameDay > 0 {
				return apperr.Conflict("one_per_day", "members may book one room per day")
			}
		}
		return tx.QueryRowContext(ctx,
			`INSERT INTO room_bookings (room_id, member_id, purpose, starts_at, ends_at, status)
			 VALUES ($1, $2, $3, $4, $5, 'confirmed') RETURNING id`,
			roomID, db.NullInt64(memberID), purpose, start, end).Scan(&b.ID)
	})
	if err != nil {
		return nil, err
	}
	return b, nil
}

func (s *Service) Cancel(ctx context.Context, bookingID int64) error {
	_, err := s.db.ExecContext(ctx, `UPDATE room_bookings SET status = 'cancelled' WHERE id = $1`, bookingID)
	return err
}
