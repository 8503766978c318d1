// Package timetable generates the weekly class timetable from recurring templates.
package timetable

import (
	"context"
	"database/sql"
	"time"

	"github.com/pulsefit/clubs/internal/classes/store"
	"github.com/pulsefit/clubs/internal/models"
	"github.com/pulsefit/clubs/pkg/db"
	"github.com/pulsefit/clubs/pkg/errs"
	"github.com/pulsefit/clubs/pkg/events"
	"github.com/pulsefit/clubs/pkg/ids"
)

// Template is a recurring slot, e.g. "Spin, Mondays 18:30, Studio 2, 45 minutes".
type Template struct {
	ID           string
	ClubID       string
	ClassTypeID  string
	InstructorID string
	StudioID     string
	Weekday      time.Weekday
	StartMinute  int // minutes after midnight local time
	Minutes      int
	Capacity     int
	ValidFrom    time.Time
	ValidTo      *time.Time
}

// Occurrences returns the start times a template produces in [from, to).
func (t Template) Occurrences(from, to time.Time, loc *time.Location) []time.Time {
	var out []time.Time
	d := time.Date(from.Year(), from.Month(), from.Day(), 0, 0, 0, 0, loc)
	for ; d.Before(to); d = d.AddDate(0, 0, 1) {
		if d.Weekday() != t.Weekday || d.Before(t.ValidFrom) || (t.ValidTo != nil && d.After(*t.ValidTo)) {
			continue
		}
		out = append(out, d.Add(time.Duration(t.StartMinute)*time.Minute))
	}
	return out
}

type Planner struct {
	db    *sql.DB
	store *store.Store
	bus   *events.Bus
}

func New(conn *sql.DB, st *store.Store, bus *events.Bus) *Planner {
	return &Planner{db: conn, store: st, bus: bus}
}

func (p *Planner) templates(ctx context.Context, clubID string) ([]Template, string, error) {
	var tz string
	if err := p.db.QueryRowContext(ctx, `SELECT timezone FROM clubs WHERE id = $1`, clubID).Scan(&tz); err != nil {
		return nil, "", db.NotFound(err, "club")
	}
	rows, err := p.db.QueryContext(ctx, `SELECT id, club_id, class_type_id, instructor_id, studio_id, weekday, start_minute,
		minutes, capacity, valid_from, valid_to FROM class_templates WHERE club_id = $1 AND active`, clubID)
	if err != nil {
		return nil, "", err
	}
	defer rows.Close()
	var out []Template
	for rows.Next() {
		var t Template
		var to sql.NullTime
		if err := rows.Scan(&t.ID, &t.ClubID, &t.ClassTypeID, &t.InstructorID, &t.StudioID, &t.Weekday, &t.StartMinute,
			&t.Minutes, &t.Capacity, &t.ValidFrom, &to); err != nil {
			return nil, "", err
		}
		t.ValidTo = db.TimePtr(to)
		out = append(out, t)
	}
	return out, tz, rows.Err()
}

// Generate materialises sessions for the given week; existing sessions are left alone.
func (p *Planner) Generate(ctx context.Context, clubID string, weekStart time.Time) (int, error) {
	ts, tz, err := p.templates(ctx, clubID)
	if err != nil {
		return 0, err
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return 0, errs.Invalid("club timezone %q: %v", tz, err)
	}
	n := 0
	err = db.WithTx(ctx, p.db, func(tx *sql.Tx) error {
		for _, t := range ts {
			for _, start := range t.Occurrences(weekStart, weekStart.AddDate(0, 0, 7), loc) {
				c := models.ClassSession{ID: ids.New(ids.Session), ClubID: clubID, ClassTypeID: t.ClassTypeID,
					InstructorID: t.InstructorID, StudioID: t.StudioID, StartsAt: start.UTC(),
					EndsAt: start.Add(time.Duration(t.Minutes) * time.Minute).UTC(), Capacity: t.Capacity}
				if err := p.store.InsertSession(ctx, tx, c); err != nil {
					return err
				}
				n++
			}
		}
		return nil
	})
	return n, err
}

// Cancel cancels a session and tells booked members.
func (p *Planner) Cancel(ctx context.Context, sessionID string) error {
	if err := p.store.CancelSession(ctx, sessionID); err != nil {
		return err
	}
	bs, err := p.store.BookingsForSession(ctx, sessionID)
	if err != nil {
		return err
	}
	for _, b := range bs {
		if err := p.store.SetBookingStatus(ctx, p.db, b.ID, "cancelled"); err != nil {
			return err
		}
		_ = p.bus.Publish(ctx, events.BookingCancelled, b.MemberID, map[string]any{"session_id": sessionID, "by": "club"})
	}
	return nil
}

// GenerateAll is the weekly worker job: next week's timetable for every club.
func (p *Planner) GenerateAll(ctx context.Context) error {
	rows, err := p.db.QueryContext(ctx, `SELECT id FROM clubs WHERE open`)
	if err != nil {
		return err
	}
	var clubs []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		clubs = append(clubs, id)
	}
	rows.Close()
	now := time.Now().UTC()
	next := now.AddDate(0, 0, 7-int(now.Weekday())+1)
	for _, c := range clubs {
		if _, err := p.Generate(ctx, c, next); err != nil {
			return err
		}
	}
	return nil
}
