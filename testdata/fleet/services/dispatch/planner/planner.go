// Package planner is dispatch's application service: it creates trips,
// puts a vehicle and a driver on them, and follows them to completion.
package planner

import (
	"context"
	"sort"
	"time"

	"gitlab.com/roadrunner/fleet/entities"
	"gitlab.com/roadrunner/fleet/lib/clock"
	"gitlab.com/roadrunner/fleet/lib/errs"
	"gitlab.com/roadrunner/fleet/lib/geo"
	"gitlab.com/roadrunner/fleet/lib/ids"
	"gitlab.com/roadrunner/fleet/lib/xlog"
	"gitlab.com/roadrunner/fleet/services/crew/hos"
	"gitlab.com/roadrunner/fleet/services/crew/roster"
	"gitlab.com/roadrunner/fleet/services/dispatch/domain"
	"gitlab.com/roadrunner/fleet/services/dispatch/routing"
	"gitlab.com/roadrunner/fleet/services/dispatch/store"
	"gitlab.com/roadrunner/fleet/services/fleet/vehicle"
	"gitlab.com/roadrunner/fleet/services/telematics/positions"
)

// Inspector tells whether a vehicle passed its walk-around today.
// Implemented by fleet's inspections service; nil disables the check.
type Inspector interface {
	InspectedToday(ctx context.Context, vehicleID string) (bool, error)
}

// Listener is called after every status change. The API binary uses it to
// notify customers; keep it fast.
type Listener func(ctx context.Context, t entities.TripSummary)

// Deps groups the constructor arguments.
type Deps struct {
	Trips     *store.TripStore
	Vehicles  *vehicle.Service
	Drivers   *roster.Service
	Hours     *hos.Service
	Positions *positions.Store
	Inspector Inspector
	Depot     geo.Point
	Routing   routing.Options
	Clock     clock.Clock
}

// Planner coordinates trips.
type Planner struct {
	Deps
	listeners []Listener
}

// New builds a Planner.
func New(d Deps) *Planner { return &Planner{Deps: d} }

// OnChange registers a listener.
func (p *Planner) OnChange(l Listener) { p.listeners = append(p.listeners, l) }

func (p *Planner) save(ctx context.Context, t domain.Trip, prev domain.Status) error {
	if err := p.Trips.Save(ctx, t, prev); err != nil {
		return err
	}
	for _, l := range p.listeners {
		l(ctx, t.Summary())
	}
	return nil
}

// NewTrip is the input to CreateTrip.
type NewTrip struct {
	CustomerID   string                `json:"customer_id"`
	Reference    string                `json:"reference"`
	Class        entities.VehicleClass `json:"class"`
	PlannedStart time.Time             `json:"planned_start"`
	Stops        []domain.Stop         `json:"stops"`
	KeepOrder    bool                  `json:"keep_order"`
}

// CreateTrip validates, orders and stores a new trip.
func (p *Planner) CreateTrip(ctx context.Context, in NewTrip) (domain.Trip, error) {
	t := domain.Trip{ID: ids.New(ids.Trip), CustomerID: in.CustomerID, Reference: in.Reference, Class: in.Class,
		Status: domain.Planned, Stops: in.Stops, PlannedStart: in.PlannedStart}
	if err := t.Validate(); err != nil {
		return t, err
	}
	if t.PlannedStart.IsZero() {
		t.PlannedStart = t.Stops[0].Window.From.Add(-p.Routing.Drive(p.Depot, t.Stops[0].Address.Loc))
	}
	if !in.KeepOrder {
		t.Stops = routing.Optimise(p.Depot, t.Stops)
	}
	r := routing.Plan(p.Depot, t.Stops, t.PlannedStart, p.Routing)
	t.Stops, t.PlannedKm, t.PlannedHours = r.Stops, r.Km, r.Duration.Hours()
	return t, p.Trips.Create(ctx, t)
}

// Assign puts a specific vehicle and driver on a trip.
func (p *Planner) Assign(ctx context.Context, tripID, vehicleID, driverID string) (domain.Trip, error) {
	const op = "planner.Assign"
	t, err := p.Trips.Get(ctx, tripID)
	if err != nil {
		return t, err
	}
	prev := t.Status
	if err := t.Move(domain.Assigned); err != nil {
		return t, err
	}
	v, err := p.Vehicles.Get(ctx, vehicleID)
	if err != nil {
		return t, errs.Wrap(op, err)
	}
	if !v.Dispatchable() || v.Class != t.Class {
		return t, errs.Conflict(op, "vehicle %s (%s, %s) cannot take a %s trip", v.Plate, v.Class, v.Status, t.Class)
	}
	if err := p.checkDriver(ctx, driverID, t); err != nil {
		return t, err
	}
	if err := p.Vehicles.Reserve(ctx, v.ID); err != nil {
		return t, errs.Wrap(op, err)
	}
	t.VehicleID, t.DriverID = v.ID, driverID
	if err := p.save(ctx, t, prev); err != nil {
		_ = p.Vehicles.Release(ctx, v.ID)
		return t, err
	}
	return t, nil
}

func (p *Planner) checkDriver(ctx context.Context, driverID string, t domain.Trip) error {
	ok, why, err := p.Drivers.Eligible(ctx, driverID, t.Class, t.PlannedStart)
	if err != nil {
		return errs.Wrap("planner.checkDriver", err)
	}
	if !ok {
		return errs.Conflict("planner.checkDriver", "driver %s not eligible: %s", driverID, why)
	}
	need := time.Duration(t.PlannedHours * float64(time.Hour))
	enough, rem, err := p.Hours.CanDriveFor(ctx, driverID, need)
	if err != nil {
		return errs.Wrap("planner.checkDriver", err)
	}
	if !enough {
		return errs.Conflict("planner.checkDriver", "driver %s has %s of driving left, trip needs %s",
			driverID, rem.Drivable().Truncate(time.Minute), need.Truncate(time.Minute))
	}
	return nil
}

// AutoAssign picks the available vehicle of the right class closest to the
// first stop and the first eligible driver with enough hours.
func (p *Planner) AutoAssign(ctx context.Context, tripID string) (domain.Trip, error) {
	const op = "planner.AutoAssign"
	t, err := p.Trips.Get(ctx, tripID)
	if err != nil {
		return t, err
	}
	vs, err := p.Vehicles.Available(ctx, t.Class)
	if err != nil || len(vs) == 0 {
		return t, errs.E(op, errs.KindUnavailable, "no "+string(t.Class)+" available")
	}
	first := t.Stops[0].Address.Loc
	dist := func(v vehicle.Vehicle) float64 {
		if last, err := p.Positions.Last(ctx, v.ID); err == nil && last.Pos.Valid() {
			return geo.DistanceKm(last.Pos, first)
		}
		return geo.DistanceKm(p.Depot, first)
	}
	sort.Slice(vs, func(i, j int) bool { return dist(vs[i]) < dist(vs[j]) })

	busy, err := p.Trips.BusyDrivers(ctx)
	if err != nil {
		return t, err
	}
	drivers, err := p.Drivers.Active(ctx, vs[0].DepotID)
	if err != nil {
		return t, errs.Wrap(op, err)
	}
	for _, d := range drivers {
		if busy[d.ID] {
			continue
		}
		if err := p.checkDriver(ctx, d.ID, t); err != nil {
			xlog.From(ctx).Debug("driver skipped", "trip", t.ID, "driver", d.EmployeeNo, "why", err)
			continue
		}
		return p.Assign(ctx, t.ID, vs[0].ID, d.ID)
	}
	return t, errs.E(op, errs.KindUnavailable, "no eligible driver available")
}

// Start marks a trip as en route, once the vehicle passed its inspection.
func (p *Planner) Start(ctx context.Context, tripID string) (domain.Trip, error) {
	t, err := p.Trips.Get(ctx, tripID)
	if err != nil {
		return t, err
	}
	if p.Inspector != nil {
		if ok, err := p.Inspector.InspectedToday(ctx, t.VehicleID); err != nil || !ok {
			return t, errs.Conflict("planner.Start", "vehicle %s has no passed inspection today", t.VehicleID)
		}
	}
	prev, now := t.Status, p.Clock.Now()
	if err := t.Move(domain.EnRoute); err != nil {
		return t, err
	}
	t.StartedAt = &now
	return t, p.save(ctx, t, prev)
}

// Complete closes a trip. actualKm <= 0 means "work it out from telematics".
func (p *Planner) Complete(ctx context.Context, tripID string, actualKm float64) (domain.Trip, error) {
	t, err := p.Trips.Get(ctx, tripID)
	if err != nil {
		return t, err
	}
	prev, now := t.Status, p.Clock.Now()
	if err := t.Move(domain.Completed); err != nil {
		return t, err
	}
	if actualKm <= 0 && t.StartedAt != nil {
		if actualKm, err = p.Positions.DistanceKm(ctx, t.VehicleID, *t.StartedAt, now); err != nil {
			xlog.From(ctx).Warn("no telematics distance", "trip", t.ID, "err", err)
		}
	}
	t.CompletedAt, t.ActualKm = &now, actualKm
	if err := p.save(ctx, t, prev); err != nil {
		return t, err
	}
	return t, p.Vehicles.Release(ctx, t.VehicleID)
}

// Cancel abandons a trip that has not started.
func (p *Planner) Cancel(ctx context.Context, tripID string) (domain.Trip, error) {
	t, err := p.Trips.Get(ctx, tripID)
	if err != nil {
		return t, err
	}
	prev := t.Status
	if err := t.Move(domain.Cancelled); err != nil {
		return t, err
	}
	if err := p.save(ctx, t, prev); err != nil {
		return t, err
	}
	if t.VehicleID != "" {
		_ = p.Vehicles.Release(ctx, t.VehicleID)
	}
	return t, nil
}

// ETA re-estimates arrival times at the remaining stops from the vehicle's
// last known position. Positions older than 15 minutes are ignored in
// favour of the plan.
func (p *Planner) ETA(ctx context.Context, tripID string) ([]domain.Stop, error) {
	t, err := p.Trips.Get(ctx, tripID)
	if err != nil {
		return nil, err
	}
	rem := t.Remaining()
	if t.Status != domain.EnRoute || len(rem) == 0 {
		return rem, nil
	}
	now := p.Clock.Now()
	last, err := p.Positions.Last(ctx, t.VehicleID)
	if err != nil || now.Sub(last.At) > 15*time.Minute {
		return rem, nil
	}
	return routing.Plan(last.Pos, rem, now, p.Routing).Stops, nil
}
