// Package dispatch plans daily routes, assigns drivers and releases routes.
package dispatch

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	apptracking "parcelgo.com/platform/application/tracking"
	dd "parcelgo.com/platform/domain/dispatch"
	"parcelgo.com/platform/domain/dispatch/routeplan"
	dt "parcelgo.com/platform/domain/tracking"
	"parcelgo.com/platform/infrastructure/events"
	pshipment "parcelgo.com/platform/infrastructure/persistence/shipment"
	"parcelgo.com/platform/shared/geo"
	"parcelgo.com/platform/shared/ids"
)

type Config struct {
	CapacityGrams int
	MaxStops      int
	StartHour     int
}

type Service struct {
	repo      dd.Repository
	shipments *pshipment.Store
	tracking  *apptracking.Service
	bus       events.Publisher
	log       *slog.Logger
	cfg       Config
	now       func() time.Time
}

func NewService(repo dd.Repository, shipments *pshipment.Store, tracking *apptracking.Service,
	bus events.Publisher, log *slog.Logger, cfg Config) *Service {
	if cfg.StartHour == 0 {
		cfg.StartHour = 9
	}
	return &Service{repo: repo, shipments: shipments, tracking: tracking, bus: bus, log: log, cfg: cfg, now: time.Now}
}

// PlanResult summarises a planning run.
type PlanResult struct {
	Routes     []*dd.Route `json:"routes"`
	Unroutable []string    `json:"unroutable"`
	LateStops  int         `json:"late_stops"`
}

// PlanDay replaces the depot's still-unassigned routes for day.
func (s *Service) PlanDay(ctx context.Context, depotID string, day time.Time) (PlanResult, error) {
	var res PlanResult
	depot, err := s.repo.Depot(ctx, depotID)
	if err != nil {
		return res, err
	}
	shipments, err := s.shipments.ReadyForRouting(ctx, depotID, day)
	if err != nil {
		return res, err
	}
	jobs := make([]routeplan.Job, 0, len(shipments))
	byID := map[string]int{}
	for i, sh := range shipments {
		p := geo.Point{Lat: sh.Recipient.Lat, Lng: sh.Recipient.Lng}
		if !p.Valid() {
			res.Unroutable = append(res.Unroutable, sh.TrackingNumber)
			continue
		}
		byID[sh.ID] = i
		jobs = append(jobs, routeplan.Job{ID: sh.ID, Point: p, Grams: sh.ChargeableGrams(), Deadline: sh.PromisedBy})
	}
	if err := s.repo.DeletePlanned(ctx, depotID, day); err != nil {
		return res, err
	}
	start := time.Date(day.Year(), day.Month(), day.Day(), s.cfg.StartHour, 0, 0, 0, day.Location())
	plans := routeplan.Plan(jobs, routeplan.Options{Depot: depot.Location, CapacityGrams: s.cfg.CapacityGrams,
		MaxStops: s.cfg.MaxStops, Start: start}, routeplan.RoadKM)
	if depot.Capacity > 0 && len(plans) > depot.Capacity {
		s.log.Warn("depot over capacity", "depot", depotID, "routes", len(plans), "capacity", depot.Capacity)
	}
	for _, p := range plans {
		r := &dd.Route{ID: ids.New("rte"), DepotID: depotID, Date: day, Status: dd.RoutePlanned,
			PlannedKM: p.KM, PlannedMinutes: p.Minutes}
		for i, j := range p.Jobs {
			sh := shipments[byID[j.ID]]
			r.Stops = append(r.Stops, dd.Stop{ID: ids.New("stp"), RouteID: r.ID, ShipmentID: sh.ID,
				TrackingNumber: sh.TrackingNumber, Sequence: i + 1, Location: j.Point, Address: sh.Recipient,
				RecipientName: sh.RecipientName, RecipientPhone: sh.RecipientPhone, RequiresPIN: sh.NeedsPIN(),
				Status: dd.StopPending, ETA: p.ETAs[i]})
		}
		res.LateStops += len(p.Late())
		res.Routes = append(res.Routes, r)
	}
	if err := s.repo.SaveRoutes(ctx, res.Routes); err != nil {
		return res, err
	}
	s.log.Info("planned routes", "depot", depotID, "day", day.Format("2006-01-02"), "routes", len(res.Routes),
		"unroutable", len(res.Unroutable))
	return res, nil
}

func (s *Service) Routes(ctx context.Context, depotID string, day time.Time) ([]*dd.Route, error) {
	return s.repo.Routes(ctx, depotID, day)
}

func (s *Service) AssignDriver(ctx context.Context, routeID, driverID string) error {
	r, err := s.repo.Route(ctx, routeID)
	if err != nil {
		return err
	}
	if err := r.Assign(driverID); err != nil {
		return err
	}
	return s.repo.UpdateRoute(ctx, r)
}

// Dispatch releases a route: parcels go out for delivery and recipients
// get their ETA window.
func (s *Service) Dispatch(ctx context.Context, routeID string) error {
	r, err := s.repo.Route(ctx, routeID)
	if err != nil {
		return err
	}
	now := s.now()
	if err := r.Dispatch(now); err != nil {
		return err
	}
	if err := s.repo.UpdateRoute(ctx, r); err != nil {
		return err
	}
	if err := s.shipments.MarkOutForDelivery(ctx, r.ShipmentIDs(), now); err != nil {
		return err
	}
	for _, st := range r.Stops {
		window := fmt.Sprintf("%s and %s", st.ETA.Add(-time.Hour).Format("15:04"), st.ETA.Add(time.Hour).Format("15:04"))
		if err := s.tracking.RecordWithETA(ctx, dt.Event{ShipmentID: st.ShipmentID, TrackingNumber: st.TrackingNumber,
			Code: dt.CodeOutForDelivery, Source: "system", OccurredAt: now}, window); err != nil {
			s.log.Warn("tracking event", "shipment", st.ShipmentID, "err", err)
		}
	}
	return s.bus.Publish(ctx, events.RouteDispatched, r.ID, events.RouteDispatchedPayload{
		RouteID: r.ID, DriverID: r.DriverID, ShipmentIDs: r.ShipmentIDs()})
}

// CompleteStop is the supported way to record a stop outcome.
func (s *Service) CompleteStop(ctx context.Context, routeID, stopID string, outcome dd.StopStatus) (*dd.Stop, error) {
	r, err := s.repo.Route(ctx, routeID)
	if err != nil {
		return nil, err
	}
	st, err := r.CompleteStop(stopID, outcome, s.now())
	if err != nil {
		return nil, err
	}
	if err := s.repo.UpdateStop(ctx, *st); err != nil {
		return nil, err
	}
	return st, s.repo.UpdateRoute(ctx, r)
}

func (s *Service) RouteForDriver(ctx context.Context, driverID string, day time.Time) (*dd.Route, error) {
	return s.repo.RouteForDriver(ctx, driverID, day)
}
