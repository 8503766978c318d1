// Package rostering plans shifts and answers who is on duty.
package rostering

import (
	"context"
	"database/sql"
	"time"

	"github.com/acme/clinic/pkg/domain"
	"github.com/acme/clinic/pkg/errs"
	"github.com/acme/clinic/pkg/timeutil"
)

const (
	MaxShift        = 16 * time.Hour
	DefaultWeekCap  = 60 * time.Hour
	shiftSelectCols = `id, staff_id, starts_at, ends_at, location, on_call`
)

type Shift struct {
	ID       int64
	StaffID  domain.StaffID
	Start    time.Time
	End      time.Time
	Location string
	OnCall   bool
}

func (s Shift) Range() timeutil.Range { return timeutil.Range{Start: s.Start, End: s.End} }

// Store persists shifts.
type Store struct{ db *sql.DB }

func NewStore(db *sql.DB) *Store { return &Store{db: db} }

func (s *Store) Between(ctx context.Context, staff domain.StaffID, from, to time.Time) ([]Shift, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+shiftSelectCols+` FROM shifts
		WHERE staff_id = ? AND ends_at > ? AND starts_at < ? ORDER BY starts_at`, string(staff), from, to)
	if err != nil {
		return nil, errs.Wrap("rostering.Between", err)
	}
	defer rows.Close()
	var out []Shift
	for rows.Next() {
		var sh Shift
		var sid string
		if err := rows.Scan(&sh.ID, &sid, &sh.Start, &sh.End, &sh.Location, &sh.OnCall); err != nil {
			return nil, err
		}
		sh.StaffID = domain.StaffID(sid)
		out = append(out, sh)
	}
	return out, rows.Err()
}

func (s *Store) Insert(ctx context.Context, sh Shift) (int64, error) {
	res, err := s.db.ExecContext(ctx, `INSERT INTO shifts (staff_id, starts_at, ends_at, location, on_call) VALUES (?, ?, ?, ?, ?)`,
		string(sh.StaffID), sh.Start, sh.End, sh.Location, sh.OnCall)
	if err != nil {
		return 0, errs.Wrap("rostering.Insert", err)
	}
	return res.LastInsertId()
}

// Roster applies the scheduling rules (shift length, rest, weekly cap).
type Roster struct {
	store   *Store
	clock   timeutil.Clock
	weekCap time.Duration
}

type Option func(*Roster)

func WithWeeklyCap(d time.Duration) Option { return func(r *Roster) { r.weekCap = d } }

func NewRoster(store *Store, clock timeutil.Clock, opts ...Option) *Roster {
	r := &Roster{store: store, clock: clock, weekCap: DefaultWeekCap}
	for _, o := range opts {
		o(r)
	}
	return r
}

// Assign validates and saves a shift: no overlaps, no shift longer than
// MaxShift, and no more than the weekly cap of regular hours.
func (r *Roster) Assign(ctx context.Context, sh Shift) (int64, error) {
	const op errs.Op = "rostering.Assign"
	if !sh.End.After(sh.Start) {
		return 0, errs.New(op, errs.KindInvalid, "shift must end after it starts")
	}
	if sh.End.Sub(sh.Start) > MaxShift {
		return 0, errs.Errorf(op, errs.KindInvalid, "shift longer than %s", MaxShift)
	}
	if sh.Start.Before(r.clock.Now().Add(-24 * time.Hour)) {
		return 0, errs.New(op, errs.KindInvalid, "cannot roster more than a day in the past")
	}
	weekStart := timeutil.StartOfDay(sh.Start).AddDate(0, 0, -int(sh.Start.Weekday()))
	existing, err := r.store.Between(ctx, sh.StaffID, weekStart, weekStart.AddDate(0, 0, 7))
	if err != nil {
		return 0, errs.Wrap(op, err)
	}
	total := sh.End.Sub(sh.Start)
	for _, e := range existing {
		if e.Range().Overlaps(sh.Range()) {
			return 0, errs.Errorf(op, errs.KindConflict, "overlaps shift %d", e.ID)
		}
		if !e.OnCall {
			total += e.End.Sub(e.Start)
		}
	}
	if !sh.OnCall && total > r.weekCap {
		return 0, errs.Errorf(op, errs.KindConflict, "weekly hours would be %s, cap is %s", total, r.weekCap)
	}
	return r.store.Insert(ctx, sh)
}

// Availability returns the merged working ranges on the given day,
// excluding on-call shifts (those are not bookable).
func (r *Roster) Availability(ctx context.Context, staff domain.StaffID, day time.Time) ([]timeutil.Range, error) {
	d := timeutil.Day(day)
	shifts, err := r.store.Between(ctx, staff, d.Start, d.End)
	if err != nil {
		return nil, errs.Wrap("rostering.Availability", err)
	}
	var rs []timeutil.Range
	for _, s := range shifts {
		if s.OnCall {
			continue
		}
		rg := s.Range()
		if rg.Start.Before(d.Start) {
			rg.Start = d.Start
		}
		if rg.End.After(d.End) {
			rg.End = d.End
		}
		rs = append(rs, rg)
	}
	return timeutil.Merge(rs), nil
}
