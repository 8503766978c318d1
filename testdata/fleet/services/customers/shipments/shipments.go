// Package shipments takes transport requests from customers, turns them
// into trips with dispatch, and keeps the customer-facing status.
package shipments

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"gitlab.com/roadrunner/fleet/entities"
	"gitlab.com/roadrunner/fleet/lib/clock"
	"gitlab.com/roadrunner/fleet/lib/dbx"
	"gitlab.com/roadrunner/fleet/lib/errs"
	"gitlab.com/roadrunner/fleet/lib/ids"
	"gitlab.com/roadrunner/fleet/lib/xlog"
	"gitlab.com/roadrunner/fleet/services/customers/account"
	"gitlab.com/roadrunner/fleet/services/customers/notify"
	"gitlab.com/roadrunner/fleet/services/dispatch/domain"
	"gitlab.com/roadrunner/fleet/services/dispatch/planner"
)

// Status as the customer sees it.
type Status string

const (
	Accepted  Status = "accepted"
	Rejected  Status = "rejected"
	InTransit Status = "in_transit"
	Delivered Status = "delivered"
	Cancelled Status = "cancelled"
)

// Request is a customer's transport order.
type Request struct {
	ID            string                `json:"id"`
	CustomerID    string                `json:"customer_id"`
	Reference     string                `json:"reference"`
	Pickup        domain.Stop           `json:"pickup"`
	Dropoff       domain.Stop           `json:"dropoff"`
	WeightKg      float64               `json:"weight_kg"`
	Chilled       bool                  `json:"chilled"`
	Class         entities.VehicleClass `json:"class"`
	Status        Status                `json:"status"`
	RejectReason  string                `json:"reject_reason,omitempty"`
	TripID        string                `json:"trip_id,omitempty"`
	PlannedPickup time.Time             `json:"planned_pickup,omitzero"`
}

// ClassFor picks the smallest vehicle class for a load.
func ClassFor(pallets int, weightKg float64, chilled bool) entities.VehicleClass {
	switch {
	case chilled:
		return entities.ClassReefer
	case pallets <= 6 && weightKg <= 1200:
		return entities.ClassVan
	case pallets <= 18 && weightKg <= 12000:
		return entities.ClassRigid
	}
	return entities.ClassTractor
}

// Service handles shipment requests.
type Service struct {
	db       *sql.DB
	accounts *account.Service
	planner  *planner.Planner
	outbox   *notify.Outbox
	clock    clock.Clock
}

// New wires the service.
func New(db *sql.DB, a *account.Service, p *planner.Planner, o *notify.Outbox, clk clock.Clock) *Service {
	return &Service{db: db, accounts: a, planner: p, outbox: o, clock: clk}
}

// Submit stores a request and asks dispatch to plan it. A request dispatch
// cannot plan is stored as rejected, not returned as an error.
func (s *Service) Submit(ctx context.Context, customerID string, r Request) (Request, error) {
	const op = "shipments.Submit"
	var v errs.Validation
	v.Check(r.Reference != "", "reference", "is required")
	v.Check(r.WeightKg > 0 && r.WeightKg <= 24000, "weight_kg", "must be 1..24000")
	v.Check(r.Pickup.Window.From.After(s.clock.Now().Add(2*time.Hour)), "pickup.window", "must start at least 2 hours from now")
	if err := v.Err(op); err != nil {
		return r, err
	}
	c, err := s.accounts.Get(ctx, customerID)
	if err != nil {
		return r, errs.Wrap(op, err)
	}
	if c.Status != account.Active {
		return r, errs.E(op, errs.KindForbidden, "account is "+string(c.Status)+": contact credit control")
	}
	r.ID, r.CustomerID = ids.New("req"), customerID
	r.Class = ClassFor(r.Pickup.Pallets, r.WeightKg, r.Chilled)
	r.Pickup.Seq, r.Pickup.Kind = 1, domain.Pickup
	r.Dropoff.Seq, r.Dropoff.Kind, r.Dropoff.Pallets = 2, domain.Dropoff, r.Pickup.Pallets

	trip, err := s.planner.CreateTrip(ctx, planner.NewTrip{CustomerID: customerID, Reference: r.Reference,
		Class: r.Class, KeepOrder: true, Stops: []domain.Stop{r.Pickup, r.Dropoff}})
	switch {
	case errs.Is(err, errs.KindInvalid):
		r.Status, r.RejectReason = Rejected, err.Error()
	case err != nil:
		return r, errs.Wrap(op, err)
	default:
		r.Status, r.TripID, r.PlannedPickup = Accepted, trip.ID, trip.Stops[0].ETA
	}
	doc, _ := json.Marshal(r)
	if _, err := s.db.ExecContext(ctx, `INSERT INTO shipment_requests (id, customer_id, reference, doc, status, trip_id,
		created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		r.ID, customerID, r.Reference, doc, r.Status, dbx.NullString(r.TripID), s.clock.Now()); err != nil {
		return r, errs.Wrap(op, err)
	}
	if r.Status == Accepted {
		err := s.outbox.Enqueue(ctx, customerID, notify.ShipmentAccepted, map[string]any{
			"Reference": r.Reference, "When": r.PlannedPickup.In(clock.Local).Format("Mon 2 Jan 15:04")})
		if err != nil {
			xlog.From(ctx).Warn("acceptance notification not queued", "request", r.ID, "err", err)
		}
	}
	return r, nil
}

// Get returns a request, scoped to a customer.
func (s *Service) Get(ctx context.Context, customerID, id string) (Request, error) {
	var (
		r   Request
		doc []byte
	)
	err := s.db.QueryRowContext(ctx, `SELECT doc, status FROM shipment_requests WHERE id = $1 AND customer_id = $2`,
		id, customerID).Scan(&doc, &r.Status)
	if err != nil {
		return r, dbx.NotFoundOr(err, "shipments.Get", "shipment", id)
	}
	status := r.Status
	err = json.Unmarshal(doc, &r)
	r.Status = status
	return r, err
}

// Track returns the request with live ETAs for its remaining stops.
func (s *Service) Track(ctx context.Context, customerID, id string) (Request, []domain.Stop, error) {
	r, err := s.Get(ctx, customerID, id)
	if err != nil || r.TripID == "" || r.Status == Delivered {
		return r, nil, err
	}
	stops, err := s.planner.ETA(ctx, r.TripID)
	return r, stops, errs.Wrap("shipments.Track", err)
}

// OnTripChange is registered as a planner listener: it moves the customer
// status along and notifies the customer.
func (s *Service) OnTripChange(ctx context.Context, t entities.TripSummary) {
	var (
		next Status
		tpl  notify.Template
	)
	switch t.Status {
	case entities.TripEnRoute:
		next, tpl = InTransit, notify.ShipmentInTransit
	case entities.TripCompleted:
		next, tpl = Delivered, notify.ShipmentDelivered
	case entities.TripCancelled:
		next = Cancelled
	default:
		return
	}
	var id string
	err := s.db.QueryRowContext(ctx, `UPDATE shipment_requests SET status = $1 WHERE trip_id = $2 AND status <> $1
		RETURNING id`, next, t.ID).Scan(&id)
	if err != nil {
		return // not a portal trip, or nothing changed
	}
	if tpl.Name != "" {
		err = s.outbox.Enqueue(ctx, t.CustomerID, tpl, map[string]any{"Reference": t.Reference,
			"Link": "https://portal.roadrunner.nl/shipments/" + id, "When": t.CompletedAt.In(clock.Local).Format("15:04")})
		if err != nil {
			xlog.From(ctx).Warn("notification not queued", "request", id, "err", err)
		}
	}
}
