// Package dispatch models depots, delivery routes and their stops.
package dispatch

import (
	"context"
	"time"

	"parcelgo.com/platform/domain/model"
	"parcelgo.com/platform/shared/errs"
	"parcelgo.com/platform/shared/geo"
)

type RouteStatus string

const (
	RoutePlanned    RouteStatus = "planned"
	RouteAssigned   RouteStatus = "assigned"
	RouteDispatched RouteStatus = "dispatched"
	RouteInProgress RouteStatus = "in_progress"
	RouteCompleted  RouteStatus = "completed"
)

type StopStatus string

const (
	StopPending   StopStatus = "pending"
	StopArrived   StopStatus = "arrived"
	StopDelivered StopStatus = "delivered"
	StopFailed    StopStatus = "failed"
	StopSkipped   StopStatus = "skipped"
)

func (s StopStatus) Done() bool { return s == StopDelivered || s == StopFailed || s == StopSkipped }

type Depot struct {
	ID       string
	Name     string
	Location geo.Point
	Timezone string
	Capacity int // routes per day
}

type Route struct {
	ID             string
	DepotID        string
	DriverID       string
	Date           time.Time
	Status         RouteStatus
	Stops          []Stop
	PlannedKM      float64
	PlannedMinutes int
	DispatchedAt   *time.Time
	CompletedAt    *time.Time
}

type Stop struct {
	ID             string
	RouteID        string
	ShipmentID     string
	TrackingNumber string
	Sequence       int
	Location       geo.Point
	Address        model.Address
	RecipientName  string
	RecipientPhone string
	RequiresPIN    bool
	Status         StopStatus
	ETA            time.Time
	CompletedAt    *time.Time
}

func (s Stop) View() model.StopView {
	return model.StopView{StopID: s.ID, ShipmentID: s.ShipmentID, TrackingNumber: s.TrackingNumber, Sequence: s.Sequence,
		Address: s.Address, RecipientName: s.RecipientName, RecipientPhone: s.RecipientPhone, Status: string(s.Status),
		ETA: s.ETA, RequiresPIN: s.RequiresPIN}
}

// Assign sets the driver; allowed until dispatch.
func (r *Route) Assign(driverID string) error {
	if r.Status != RoutePlanned && r.Status != RouteAssigned {
		return errs.Conflict("route %s already %s", r.ID, r.Status)
	}
	if driverID == "" {
		return errs.Invalid("driver id required")
	}
	r.DriverID = driverID
	r.Status = RouteAssigned
	return nil
}

// Dispatch releases the route to the driver.
func (r *Route) Dispatch(at time.Time) error {
	if r.Status != RouteAssigned {
		return errs.Conflict("route %s must be assigned before dispatch (is %s)", r.ID, r.Status)
	}
	if len(r.Stops) == 0 {
		return errs.Conflict("route %s has no stops", r.ID)
	}
	r.Status = RouteDispatched
	r.DispatchedAt = &at
	return nil
}

// CompleteStop records the outcome of a stop and closes the route when done.
func (r *Route) CompleteStop(stopID string, outcome StopStatus, at time.Time) (*Stop, error) {
	if r.Status != RouteDispatched && r.Status != RouteInProgress {
		return nil, errs.Conflict("route %s is %s", r.ID, r.Status)
	}
	if !outcome.Done() {
		return nil, errs.Invalid("outcome %s is not final", outcome)
	}
	var stop *Stop
	for i := range r.Stops {
		if r.Stops[i].ID == stopID {
			stop = &r.Stops[i]
		}
	}
	if stop == nil {
		return nil, errs.NotFound("stop %s not on route %s", stopID, r.ID)
	}
	if stop.Status.Done() {
		return nil, errs.Conflict("stop %s already %s", stopID, stop.Status)
	}
	stop.Status = outcome
	stop.CompletedAt = &at
	r.Status = RouteInProgress
	if done, total := r.Progress(); done == total {
		r.Status = RouteCompleted
		r.CompletedAt = &at
	}
	return stop, nil
}

func (r Route) Progress() (done, total int) {
	for _, s := range r.Stops {
		if s.Status.Done() {
			done++
		}
	}
	return done, len(r.Stops)
}

func (r Route) ShipmentIDs() []string {
	out := make([]string, len(r.Stops))
	for i, s := range r.Stops {
		out[i] = s.ShipmentID
	}
	return out
}

type Repository interface {
	Depot(ctx context.Context, id string) (Depot, error)
	DeletePlanned(ctx context.Context, depotID string, day time.Time) error
	SaveRoutes(ctx context.Context, rs []*Route) error
	Route(ctx context.Context, id string) (*Route, error)
	Routes(ctx context.Context, depotID string, day time.Time) ([]*Route, error)
	RouteForDriver(ctx context.Context, driverID string, day time.Time) (*Route, error)
	UpdateRoute(ctx context.Context, r *Route) error
	UpdateStop(ctx context.Context, s Stop) error
}
