// Package calendar turns working hours, practitioner availability and
// existing bookings into bookable slots. It is pure: no I/O.
package calendar

import (
	"errors"
	"time"

	"github.com/acme/clinic/pkg/domain"
	"github.com/acme/clinic/pkg/timeutil"
)

var (
	ErrClosed       = errors.New("clinic is closed at that time")
	ErrHoliday      = errors.New("clinic is closed for a holiday")
	ErrUnavailable  = errors.New("practitioner is not working at that time")
	ErrDoubleBooked = errors.New("slot is already booked")
	ErrMisaligned   = errors.New("start is not on a slot boundary")
)

// WorkingHours are the clinic's opening hours in local time.
type WorkingHours struct {
	Open, Close int // hours, 0-24
	LunchStart  int // 0 means no lunch break
	LunchEnd    int
	Days        map[time.Weekday]bool
}

func DefaultHours() WorkingHours {
	return WorkingHours{
		Open: 8, Close: 17, LunchStart: 12, LunchEnd: 13,
		Days: map[time.Weekday]bool{
			time.Monday: true, time.Tuesday: true, time.Wednesday: true,
			time.Thursday: true, time.Friday: true,
		},
	}
}

// Slot is one bookable interval.
type Slot struct {
	Start time.Time
	End   time.Time
}

func (s Slot) Range() timeutil.Range { return timeutil.Range{Start: s.Start, End: s.End} }

// Planner computes slots for one clinic.
type Planner struct {
	hours    WorkingHours
	slot     time.Duration
	loc      *time.Location
	holidays map[string]string
}

// NewPlanner builds a planner; holidays maps YYYY-MM-DD to a name and
// closes the clinic on those dates.
func NewPlanner(hours WorkingHours, slot time.Duration, loc *time.Location, holidays map[string]string) *Planner {
	return &Planner{hours: hours, slot: slot, loc: loc, holidays: holidays}
}

func (p *Planner) Location() *time.Location { return p.loc }

// IsHoliday reports whether day is a configured holiday.
func (p *Planner) IsHoliday(day time.Time) (string, bool) {
	name, ok := p.holidays[day.In(p.loc).Format(timeutil.DateLayout)]
	return name, ok
}

// openRanges are the clinic's open hours on day, minus lunch.
func (p *Planner) openRanges(day time.Time) []timeutil.Range {
	d := day.In(p.loc)
	if !p.hours.Days[d.Weekday()] {
		return nil
	}
	if _, hol := p.IsHoliday(d); hol {
		return nil
	}
	at := func(h int) time.Time {
		y, m, dd := d.Date()
		return time.Date(y, m, dd, h, 0, 0, 0, p.loc)
	}
	if p.hours.LunchStart == 0 {
		return []timeutil.Range{{Start: at(p.hours.Open), End: at(p.hours.Close)}}
	}
	return []timeutil.Range{
		{Start: at(p.hours.Open), End: at(p.hours.LunchStart)},
		{Start: at(p.hours.LunchEnd), End: at(p.hours.Close)},
	}
}

// FreeSlots lists slots of length dur on day that are inside opening
// hours, inside the practitioner's availability, and not booked.
func (p *Planner) FreeSlots(day time.Time, dur time.Duration, availability, booked []timeutil.Range) []Slot {
	if dur <= 0 {
		dur = p.slot
	}
	var out []Slot
	for _, open := range p.openRanges(day) {
		for start := open.Start; !start.Add(dur).After(open.End); start = start.Add(p.slot) {
			cand := timeutil.Range{Start: start, End: start.Add(dur)}
			if !coveredBy(cand, availability) || overlapsAny(cand, booked) {
				continue
			}
			out = append(out, Slot{Start: cand.Start, End: cand.End})
		}
	}
	return out
}

// Fits explains why [start, start+dur) cannot be booked, or returns nil.
func (p *Planner) Fits(start time.Time, dur time.Duration, availability, booked []timeutil.Range) error {
	local := start.In(p.loc)
	if _, hol := p.IsHoliday(local); hol {
		return ErrHoliday
	}
	if local.Sub(timeutil.StartOfDay(local))%p.slot != 0 {
		return ErrMisaligned
	}
	cand := timeutil.Range{Start: start, End: start.Add(dur)}
	inOpen := false
	for _, o := range p.openRanges(local) {
		if o.Covers(cand) {
			inOpen = true
			break
		}
	}
	if !inOpen {
		return ErrClosed
	}
	if !coveredBy(cand, availability) {
		return ErrUnavailable
	}
	if overlapsAny(cand, booked) {
		return ErrDoubleBooked
	}
	return nil
}

// DurationFor is the default length of each visit type.
func DurationFor(vt domain.VisitType) time.Duration {
	switch vt {
	case domain.VisitConsult:
		return 30 * time.Minute
	case domain.VisitProcedure:
		return 45 * time.Minute
	case domain.VisitTelehealth, domain.VisitFollowUp:
		return 15 * time.Minute
	}
	return 15 * time.Minute
}

func coveredBy(r timeutil.Range, within []timeutil.Range) bool {
	for _, w := range within {
		if w.Covers(r) {
			return true
		}
	}
	return false
}

func overlapsAny(r timeutil.Range, others []timeutil.Range) bool {
	for _, o := range others {
		if r.Overlaps(o) {
			return true
		}
	}
	return false
}
