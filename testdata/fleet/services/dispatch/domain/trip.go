// Package domain has dispatch's core types: trips, stops and their
// lifecycle. No I/O in here.
package domain

import (
	"fmt"
	"slices"
	"time"

	"gitlab.com/roadrunner/fleet/entities"
	"gitlab.com/roadrunner/fleet/lib/clock"
	"gitlab.com/roadrunner/fleet/lib/errs"
)

// Status of a trip. Values match entities.TripStatus on purpose.
type Status string

const (
	Planned   Status = "planned"
	Assigned  Status = "assigned"
	EnRoute   Status = "en_route"
	Completed Status = "completed"
	Cancelled Status = "cancelled"
)

var transitions = map[Status][]Status{
	Planned:  {Assigned, Cancelled},
	Assigned: {Planned, EnRoute, Cancelled},
	EnRoute:  {Completed},
}

// StopKind is pickup or drop-off.
type StopKind string

const (
	Pickup  StopKind = "pickup"
	Dropoff StopKind = "dropoff"
)

// Stop is one place a trip visits.
type Stop struct {
	Seq       int              `json:"seq"`
	Kind      StopKind         `json:"kind"`
	Address   entities.Address `json:"address"`
	Window    clock.Period     `json:"window"`
	Pallets   int              `json:"pallets"`
	ETA       time.Time        `json:"eta,omitzero"`
	ArrivedAt *time.Time       `json:"arrived_at,omitempty"`
}

// Late reports whether the stop was (or will be) reached after its window.
func (s Stop) Late() bool {
	if s.ArrivedAt != nil {
		return s.ArrivedAt.After(s.Window.To)
	}
	return s.ETA.After(s.Window.To)
}

// Trip is one vehicle+driver run through a list of stops.
type Trip struct {
	ID           string                `json:"id"`
	CustomerID   string                `json:"customer_id"`
	Reference    string                `json:"reference"`
	Class        entities.VehicleClass `json:"class"`
	VehicleID    string                `json:"vehicle_id,omitempty"`
	DriverID     string                `json:"driver_id,omitempty"`
	Status       Status                `json:"status"`
	Stops        []Stop                `json:"stops"`
	PlannedStart time.Time             `json:"planned_start"`
	PlannedKm    float64               `json:"planned_km"`
	PlannedHours float64               `json:"planned_hours"`
	ActualKm     float64               `json:"actual_km"`
	StartedAt    *time.Time            `json:"started_at,omitempty"`
	CompletedAt  *time.Time            `json:"completed_at,omitempty"`
}

// Move changes status or returns a conflict.
func (t *Trip) Move(to Status) error {
	if !slices.Contains(transitions[t.Status], to) {
		return errs.Conflict("trip.Move", "trip %s is %s, cannot become %s", t.ID, t.Status, to)
	}
	t.Status = to
	return nil
}

// Remaining returns stops not yet reached.
func (t Trip) Remaining() []Stop {
	var out []Stop
	for _, s := range t.Stops {
		if s.ArrivedAt == nil {
			out = append(out, s)
		}
	}
	return out
}

// Validate checks a new trip.
func (t Trip) Validate() error {
	var v errs.Validation
	v.Check(t.CustomerID != "", "customer_id", "is required")
	v.Check(len(t.Stops) >= 2, "stops", "a trip needs at least two stops")
	v.Check(len(t.Stops) == 0 || t.Stops[0].Kind == Pickup, "stops[0].kind", "first stop must be a pickup")
	_, ok := entities.ParseClass(string(t.Class))
	v.Check(ok, "class", "is unknown")
	load := 0
	for i, s := range t.Stops {
		f := fmt.Sprintf("stops[%d]", i)
		v.Check(s.Address.Loc.Valid(), f+".address.loc", "is not geocoded")
		v.Check(s.Window.To.After(s.Window.From), f+".window", "is empty")
		if s.Kind == Pickup {
			load += s.Pallets
		} else {
			load -= s.Pallets
		}
		v.Check(load <= 33, f+".pallets", "more than 33 pallets on board")
	}
	return v.Err("trip.Validate")
}

// Summary converts to the cross-module view.
func (t Trip) Summary() entities.TripSummary {
	s := entities.TripSummary{
		ID: t.ID, CustomerID: t.CustomerID, Reference: t.Reference, VehicleCls: t.Class,
		Status: entities.TripStatus(t.Status), Stops: len(t.Stops), PlannedKm: t.PlannedKm, ActualKm: t.ActualKm,
	}
	if t.CompletedAt != nil {
		s.CompletedAt = *t.CompletedAt
	}
	return s
}
