// Package driver is the application service behind the driver app.
package driver

import (
	"context"
	"log/slog"
	"time"

	appshipment "parcelgo.com/platform/application/shipment"
	apptracking "parcelgo.com/platform/application/tracking"
	dd "parcelgo.com/platform/domain/dispatch"
	ddrv "parcelgo.com/platform/domain/driver"
	"parcelgo.com/platform/domain/model"
	dt "parcelgo.com/platform/domain/tracking"
	pdispatch "parcelgo.com/platform/infrastructure/persistence/dispatch"
	"parcelgo.com/platform/shared/errs"
	"parcelgo.com/platform/shared/geo"
	"parcelgo.com/platform/shared/ids"
)

type Service struct {
	repo      ddrv.Repository
	routes    *pdispatch.Store
	shipments *appshipment.Service
	tracking  *apptracking.Service
	log       *slog.Logger
	now       func() time.Time
}

func NewService(repo ddrv.Repository, routes *pdispatch.Store, shipments *appshipment.Service,
	tracking *apptracking.Service, log *slog.Logger) *Service {
	return &Service{repo: repo, routes: routes, shipments: shipments, tracking: tracking, log: log, now: time.Now}
}

func (s *Service) Get(ctx context.Context, id string) (ddrv.Driver, error) {
	return s.repo.Get(ctx, id)
}

// ActiveDrivers is used by payouts and the ops console.
func (s *Service) ActiveDrivers(ctx context.Context) ([]ddrv.Driver, error) {
	return s.repo.Active(ctx)
}

func (s *Service) StartShift(ctx context.Context, driverID string, odometer int) (*ddrv.Shift, error) {
	d, err := s.repo.Get(ctx, driverID)
	if err != nil {
		return nil, err
	}
	if d.Status != ddrv.StatusActive {
		return nil, errs.Forbidden("driver is %s", d.Status)
	}
	open, err := s.repo.OpenShift(ctx, driverID)
	if err != nil {
		return nil, err
	}
	if open != nil {
		return nil, errs.Conflict("shift %s is still open", open.ID)
	}
	sh := &ddrv.Shift{ID: ids.New("sft"), DriverID: driverID, StartedAt: s.now(), StartOdometer: odometer}
	return sh, s.repo.SaveShift(ctx, sh)
}

func (s *Service) EndShift(ctx context.Context, driverID string, odometer int) (*ddrv.Shift, error) {
	sh, err := s.repo.OpenShift(ctx, driverID)
	if err != nil {
		return nil, err
	}
	if sh == nil {
		return nil, errs.Conflict("no open shift")
	}
	if err := sh.End(s.now(), odometer); err != nil {
		return nil, err
	}
	return sh, s.repo.SaveShift(ctx, sh)
}

func today(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// TodayRoute returns the stops for the driver's current route.
func (s *Service) TodayRoute(ctx context.Context, driverID string) ([]model.StopView, error) {
	r, err := s.routes.RouteForDriver(ctx, driverID, today(s.now()))
	if err != nil {
		return nil, err
	}
	out := make([]model.StopView, 0, len(r.Stops))
	for _, st := range r.Stops {
		out = append(out, st.View())
	}
	return out, nil
}

func (s *Service) stopOnRoute(ctx context.Context, driverID, stopID string) (dd.Stop, error) {
	r, err := s.routes.RouteForDriver(ctx, driverID, today(s.now()))
	if err != nil {
		return dd.Stop{}, err
	}
	for _, st := range r.Stops {
		if st.ID == stopID {
			return st, nil
		}
	}
	return dd.Stop{}, errs.Forbidden("stop %s is not on your route", stopID)
}

type DeliverCommand struct {
	DriverID      string       `json:"-"`
	StopID        string       `json:"-"`
	Kind          ddrv.PODKind `json:"kind"`
	RecipientName string       `json:"recipient_name"`
	PhotoRef      string       `json:"photo_ref"`
	SignatureSVG  string       `json:"signature_svg"`
	PIN           string       `json:"pin"`
	Location      geo.Point    `json:"location"`
	Note          string       `json:"note"`
}

// Deliver validates and stores proof of delivery and completes the stop.
func (s *Service) Deliver(ctx context.Context, cmd DeliverCommand) error {
	stop, err := s.stopOnRoute(ctx, cmd.DriverID, cmd.StopID)
	if err != nil {
		return err
	}
	sh, err := s.shipments.Get(ctx, "", stop.ShipmentID)
	if err != nil {
		return err
	}
	pod := ddrv.ProofOfDelivery{ID: ids.New("pod"), ShipmentID: stop.ShipmentID, StopID: stop.ID, DriverID: cmd.DriverID,
		Kind: cmd.Kind, RecipientName: cmd.RecipientName, PhotoRef: cmd.PhotoRef, SignatureSVG: cmd.SignatureSVG,
		PIN: cmd.PIN, Location: cmd.Location, Note: cmd.Note, CapturedAt: s.now()}
	if err := pod.Validate(stop.Location, sh.NeedsPIN(), sh.DeliveryPIN); err != nil {
		return err
	}
	if err := s.repo.SavePOD(ctx, pod); err != nil {
		return err
	}
	if _, err := s.routes.MarkStop(ctx, stop.ID, dd.StopDelivered, pod.CapturedAt); err != nil {
		return err
	}
	if err := s.shipments.RecordDeliveryOutcome(ctx, sh.ID, cmd.DriverID, true, 0, ""); err != nil {
		return err
	}
	detail := string(pod.Kind)
	if pod.Kind == ddrv.PODNeighbour {
		detail = "left with neighbour " + pod.RecipientName
	}
	return s.tracking.Record(ctx, dt.Event{ShipmentID: sh.ID, TrackingNumber: sh.TrackingNumber, Code: dt.CodeDelivered,
		Detail: detail, Source: "driver", OccurredAt: pod.CapturedAt})
}

type FailCommand struct {
	DriverID string             `json:"-"`
	StopID   string             `json:"-"`
	Reason   ddrv.FailureReason `json:"reason"`
	Note     string             `json:"note"`
	PhotoRef string             `json:"photo_ref"`
}

// FailAttempt records an unsuccessful delivery.
func (s *Service) FailAttempt(ctx context.Context, cmd FailCommand) error {
	if !cmd.Reason.Valid() {
		return errs.Invalid("unknown failure reason %q", cmd.Reason)
	}
	if cmd.Reason == ddrv.FailNoAnswer && cmd.PhotoRef == "" {
		return errs.Invalid("a photo of the door is required for no_answer")
	}
	stop, err := s.stopOnRoute(ctx, cmd.DriverID, cmd.StopID)
	if err != nil {
		return err
	}
	now := s.now()
	attempts, err := s.repo.RecordFailure(ctx, cmd.DriverID, stop.ShipmentID, stop.ID, cmd.Reason, cmd.Note, now)
	if err != nil {
		return err
	}
	if _, err := s.routes.MarkStop(ctx, stop.ID, dd.StopFailed, now); err != nil {
		return err
	}
	if err := s.shipments.RecordDeliveryOutcome(ctx, stop.ShipmentID, cmd.DriverID, false, attempts, string(cmd.Reason)); err != nil {
		return err
	}
	return s.tracking.Record(ctx, dt.Event{ShipmentID: stop.ShipmentID, TrackingNumber: stop.TrackingNumber,
		Code: dt.CodeFailed, Detail: cmd.Reason.Describe(), Source: "driver", OccurredAt: now})
}
