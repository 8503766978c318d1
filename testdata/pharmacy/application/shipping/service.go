// Package shipping creates labels and tracks parcels. It has no domain
// package of its own: shipments are represented by models.ShipmentView.
package shipping

import (
	"context"
	"fmt"
	"time"

	"rxnow.health/backend/domain/models"
	"rxnow.health/backend/infrastructure/carrier"
	pgshipping "rxnow.health/backend/infrastructure/postgres/shipping"
	"rxnow.health/backend/kernel/errs"
	"rxnow.health/backend/kernel/events"
)

// Shipment statuses.
const (
	StatusLabelled  = "labelled"
	StatusHeld      = "held"
	StatusInTransit = "in_transit"
	StatusDelivered = "delivered"
	StatusException = "exception"
	StatusReturned  = "returned"
)

// Services.
const (
	ServiceGround    = "ground"
	ServiceTwoDay    = "two_day"
	ServiceOvernight = "overnight"
)

// Labeler buys labels.
type Labeler interface {
	CreateLabel(ctx context.Context, req carrier.LabelRequest) (carrier.Label, error)
}

// Service is the shipping API.
type Service struct {
	store   *pgshipping.Store
	labeler Labeler
	bus     events.Publisher
	now     func() time.Time
}

// NewService builds the service.
func NewService(store *pgshipping.Store, labeler Labeler, bus events.Publisher) *Service {
	return &Service{store: store, labeler: labeler, bus: bus, now: time.Now}
}

// CreateCommand describes a parcel to send.
type CreateCommand struct {
	OrderID    int64
	CustomerID int64
	Recipient  string
	Address    models.AddressView
	ColdChain  bool
	Controlled bool
	Expedited  bool
	Items      int
}

// ChooseService picks the carrier service level for a parcel.
func ChooseService(cmd CreateCommand) string {
	switch {
	case cmd.ColdChain:
		return ServiceOvernight
	case cmd.Expedited:
		return ServiceTwoDay
	}
	return ServiceGround
}

// ColdChainHold returns when a cold-chain parcel may leave: refrigerated
// parcels must not sit in a depot over the weekend, so anything packed
// Thursday after cut-off, Friday or Saturday waits until Monday.
func ColdChainHold(now time.Time) *time.Time {
	wd := now.Weekday()
	if wd == time.Friday || wd == time.Saturday || (wd == time.Thursday && now.Hour() >= 15) {
		days := (int(time.Monday) - int(wd) + 7) % 7
		t := time.Date(now.Year(), now.Month(), now.Day()+days, 8, 0, 0, 0, now.Location())
		return &t
	}
	return nil
}

// Create buys a label and records the shipment.
func (s *Service) Create(ctx context.Context, cmd CreateCommand) (models.ShipmentView, error) {
	const op = "shipping.Create"
	if cmd.Address.Line1 == "" {
		return models.ShipmentView{}, errs.Invalidf(op, "shipping address missing")
	}
	svc := ChooseService(cmd)
	label, err := s.labeler.CreateLabel(ctx, carrier.LabelRequest{
		Reference: fmt.Sprintf("RX-%d", cmd.OrderID), Service: svc, ToName: cmd.Recipient,
		ToLine1: cmd.Address.Line1, ToLine2: cmd.Address.Line2, ToCity: cmd.Address.City, ToState: cmd.Address.State, ToZip: cmd.Address.Zip,
		WeightOz: 2 + 1.5*float64(cmd.Items), SignatureRequired: cmd.Controlled, Insulated: cmd.ColdChain,
	})
	if err != nil {
		return models.ShipmentView{}, errs.Wrap(op, err)
	}
	sh := models.ShipmentView{OrderID: cmd.OrderID, Carrier: label.Carrier, Service: svc, TrackingNumber: label.TrackingNumber,
		Status: StatusLabelled, ColdChain: cmd.ColdChain}
	var hold *time.Time
	if cmd.ColdChain {
		if hold = ColdChainHold(s.now()); hold != nil {
			sh.Status = StatusHeld
		}
	}
	if err := s.store.Create(ctx, &sh, label.LabelURL, label.CostCents, hold); err != nil {
		return sh, err
	}
	if sh.Status == StatusLabelled {
		s.bus.Publish(ctx, models.EventShipmentDispatched, models.ShipmentEvent{ShipmentID: sh.ID, OrderID: sh.OrderID,
			CustomerID: cmd.CustomerID, TrackingNumber: sh.TrackingNumber, Status: sh.Status})
	}
	return sh, nil
}

// TrackingUpdate is a carrier webhook event.
type TrackingUpdate struct {
	TrackingNumber string
	Status         string
	Detail         string
	OccurredAt     time.Time
}

// ApplyTracking records a carrier event and propagates delivery.
func (s *Service) ApplyTracking(ctx context.Context, u TrackingUpdate) error {
	sh, err := s.store.ByTracking(ctx, u.TrackingNumber)
	if err != nil {
		return err
	}
	switch u.Status {
	case StatusInTransit, StatusDelivered, StatusException, StatusReturned:
	default:
		return errs.Invalidf("shipping.ApplyTracking", "unknown status %q", u.Status)
	}
	if sh.Status == StatusDelivered {
		return nil // carriers resend the final event
	}
	if err := s.store.ApplyEvent(ctx, sh.ID, u.Status, u.Detail, u.OccurredAt); err != nil {
		return err
	}
	orderStatus := map[string]string{StatusInTransit: "shipped", StatusDelivered: "delivered", StatusReturned: "returned"}[u.Status]
	if orderStatus == "" {
		return nil
	}
	customerID, err := s.store.MarkOrderShippingStatus(ctx, sh.OrderID, orderStatus)
	if err != nil {
		return err
	}
	if u.Status == StatusDelivered {
		s.bus.Publish(ctx, models.EventShipmentDelivered, models.ShipmentEvent{ShipmentID: sh.ID, OrderID: sh.OrderID,
			CustomerID: customerID, TrackingNumber: sh.TrackingNumber, Status: u.Status})
	}
	return nil
}

// ForOrder returns the latest shipment of an order.
func (s *Service) ForOrder(ctx context.Context, orderID int64) (models.ShipmentView, error) {
	return s.store.ForOrder(ctx, orderID)
}
