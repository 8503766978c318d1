// Package domain models crew members, their qualifications and the roster.
package domain

import (
	"time"

	"skyhop.aero/backend/pkg/platform/errs"
)

type Rank string

const (
	Captain        Rank = "CPT"
	FirstOfficer   Rank = "FO"
	Purser         Rank = "PUR"
	CabinAttendant Rank = "CA"
)

// IsFlightDeck reports whether the rank is a pilot rank.
func (r Rank) IsFlightDeck() bool { return r == Captain || r == FirstOfficer }

type Member struct {
	EmployeeID string
	Name       string
	Rank       Rank
	Base       string // home airport
	Email      string
	Active     bool
}

type Qualification struct {
	EmployeeID   string
	AircraftType string
	ValidUntil   time.Time
}

// Assignment puts one crew member on one flight.
type Assignment struct {
	ID         int64
	EmployeeID string
	FlightID   int64
	Rank       Rank
	ReportAt   time.Time // UTC
	ReleaseAt  time.Time // UTC
	BlockStart time.Time
	BlockEnd   time.Time
	Published  bool
}

// Duty returns the duty period length (report to release).
func (a Assignment) Duty() time.Duration { return a.ReleaseAt.Sub(a.ReportAt) }

// Block returns the block time of the sector.
func (a Assignment) Block() time.Duration { return a.BlockEnd.Sub(a.BlockStart) }

// Report and release buffers around a sector.
const (
	ReportBefore = 60 * time.Minute
	ReleaseAfter = 30 * time.Minute
)

// NewAssignment derives report/release from the flight times.
func NewAssignment(m Member, flightID int64, std, sta time.Time) Assignment {
	return Assignment{
		EmployeeID: m.EmployeeID, FlightID: flightID, Rank: m.Rank,
		ReportAt: std.Add(-ReportBefore), ReleaseAt: sta.Add(ReleaseAfter),
		BlockStart: std, BlockEnd: sta,
	}
}

// Complement is the minimum crew per aircraft type.
var Complement = map[string]map[Rank]int{
	"AT7": {Captain: 1, FirstOfficer: 1, Purser: 1, CabinAttendant: 1},
	"DH4": {Captain: 1, FirstOfficer: 1, Purser: 1, CabinAttendant: 2},
	"E95": {Captain: 1, FirstOfficer: 1, Purser: 1, CabinAttendant: 2},
}

// Missing returns the ranks still unfilled for a flight.
func Missing(aircraft string, have []Assignment) (map[Rank]int, error) {
	need, ok := Complement[aircraft]
	if !ok {
		return nil, errs.Invalid("crew.complement", "no crew complement for %s", aircraft)
	}
	out := map[Rank]int{}
	for r, n := range need {
		out[r] = n
	}
	for _, a := range have {
		if out[a.Rank] > 0 {
			out[a.Rank]--
		}
	}
	for r, n := range out {
		if n == 0 {
			delete(out, r)
		}
	}
	return out, nil
}

// Qualified reports whether the member holds a valid type rating on date.
// Cabin crew are qualified on any type in the fleet.
func Qualified(m Member, qs []Qualification, aircraft string, on time.Time) bool {
	if !m.Rank.IsFlightDeck() {
		return true
	}
	for _, q := range qs {
		if q.AircraftType == aircraft && !on.After(q.ValidUntil) {
			return true
		}
	}
	return false
}
