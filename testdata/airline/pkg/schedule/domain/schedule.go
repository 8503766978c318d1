// Package domain holds the schedule model: airports, aircraft types, the
// seasonal schedule and dated flights.
package domain

import (
	"fmt"
	"time"

	"skyhop.aero/backend/pkg/models"
	"skyhop.aero/backend/pkg/platform/errs"
)

type Airport struct {
	IATA     string
	Name     string
	TimeZone string
	Country  string
}

// Location returns the airport's time zone.
func (a Airport) Location() (*time.Location, error) {
	return time.LoadLocation(a.TimeZone)
}

type AircraftType struct {
	Code          string // e.g. "AT7", "E95"
	Name          string
	SeatsBusiness int
	SeatsEconomy  int
}

// ScheduleLine is one line of the seasonal schedule (one SSIM type-3 record).
type ScheduleLine struct {
	ID           int64
	Carrier      string
	Number       int
	Origin       string
	Destination  string
	DepartLocal  string // "HH:MM" in origin local time
	BlockMinutes int
	DaysOfWeek   string // "1234567" with '.' for non-operating days, Monday first
	ValidFrom    time.Time
	ValidTo      time.Time
	AircraftType string
}

// OperatesOn reports whether the line operates on the given local date.
func (l ScheduleLine) OperatesOn(d time.Time) bool {
	if d.Before(l.ValidFrom) || d.After(l.ValidTo) {
		return false
	}
	idx := (int(d.Weekday()) + 6) % 7 // Monday == 0
	return len(l.DaysOfWeek) == 7 && l.DaysOfWeek[idx] != '.'
}

// Validate checks the line before it is stored.
func (l ScheduleLine) Validate() error {
	if l.Number <= 0 || l.Number > 9999 {
		return errs.Invalid("schedule.validate", "flight number %d out of range", l.Number)
	}
	if l.Origin == l.Destination {
		return errs.Invalid("schedule.validate", "origin equals destination %s", l.Origin)
	}
	if _, err := time.Parse("15:04", l.DepartLocal); err != nil {
		return errs.Invalid("schedule.validate", "bad departure time %q", l.DepartLocal)
	}
	if l.BlockMinutes < 20 || l.BlockMinutes > 600 {
		return errs.Invalid("schedule.validate", "block time %d implausible", l.BlockMinutes)
	}
	if l.ValidTo.Before(l.ValidFrom) {
		return errs.Invalid("schedule.validate", "period ends before it starts")
	}
	return nil
}

// Flight is a dated, operated flight.
type Flight struct {
	ID             int64
	ScheduleLineID int64
	Carrier        string
	Number         int
	Origin         string
	Destination    string
	ServiceDate    time.Time
	STD, STA       time.Time // scheduled, UTC
	ETD            time.Time // estimated, UTC, zero if on time
	AircraftType   string
	Tail           string
	Status         models.FlightStatus
	Gate           string
}

// Materialize builds the dated flight for one local service date.
func Materialize(l ScheduleLine, date time.Time, origin Airport) (Flight, error) {
	loc, err := origin.Location()
	if err != nil {
		return Flight{}, fmt.Errorf("airport %s: %w", origin.IATA, err)
	}
	hm, _ := time.Parse("15:04", l.DepartLocal)
	std := time.Date(date.Year(), date.Month(), date.Day(), hm.Hour(), hm.Minute(), 0, 0, loc).UTC()
	return Flight{
		ScheduleLineID: l.ID,
		Carrier:        l.Carrier,
		Number:         l.Number,
		Origin:         l.Origin,
		Destination:    l.Destination,
		ServiceDate:    date,
		STD:            std,
		STA:            std.Add(time.Duration(l.BlockMinutes) * time.Minute),
		AircraftType:   l.AircraftType,
		Status:         models.FlightScheduled,
	}, nil
}

var transitions = map[models.FlightStatus][]models.FlightStatus{
	models.FlightScheduled: {models.FlightDelayed, models.FlightBoarding, models.FlightCancelled},
	models.FlightDelayed:   {models.FlightDelayed, models.FlightBoarding, models.FlightCancelled},
	models.FlightBoarding:  {models.FlightDeparted, models.FlightDelayed},
	models.FlightDeparted:  {models.FlightArrived},
}

// Transition moves the flight to a new status if allowed.
func (f *Flight) Transition(to models.FlightStatus) error {
	for _, s := range transitions[f.Status] {
		if s == to {
			f.Status = to
			return nil
		}
	}
	return errs.Conflict("flight.transition", "flight %s%d cannot go from %s to %s", f.Carrier, f.Number, f.Status, to)
}

// Delay sets a new estimated departure and returns the delay in minutes.
func (f *Flight) Delay(etd time.Time) (int, error) {
	if !etd.After(f.STD) {
		return 0, errs.Invalid("flight.delay", "new ETD must be after STD")
	}
	if err := f.Transition(models.FlightDelayed); err != nil {
		return 0, err
	}
	f.ETD = etd
	return int(etd.Sub(f.STD).Minutes()), nil
}

// Summary converts the flight to the shared DTO.
func (f Flight) Summary() models.FlightSummary {
	dep := f.STD
	if !f.ETD.IsZero() {
		dep = f.ETD
	}
	return models.FlightSummary{
		FlightID: f.ID, Carrier: f.Carrier, Number: f.Number,
		Origin: f.Origin, Destination: f.Destination,
		DepartureUTC: dep, ArrivalUTC: f.STA.Add(dep.Sub(f.STD)),
		AircraftType: f.AircraftType, Status: f.Status, Gate: f.Gate,
	}
}
