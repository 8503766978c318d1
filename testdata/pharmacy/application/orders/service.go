// Package orders implements ordering: basket validation, stock
// reservation, insurance adjudication and payment authorization.
package orders

import (
	"context"
	"log/slog"
	"time"

	catalogapp "rxnow.health/backend/application/catalog"
	customersapp "rxnow.health/backend/application/customers"
	insuranceapp "rxnow.health/backend/application/insurance"
	paymentsapp "rxnow.health/backend/application/payments"
	rxapp "rxnow.health/backend/application/prescriptions"
	"rxnow.health/backend/domain/models"
	"rxnow.health/backend/domain/orders"
	pginventory "rxnow.health/backend/infrastructure/postgres/inventory"
	pgorders "rxnow.health/backend/infrastructure/postgres/orders"
	"rxnow.health/backend/kernel/errs"
	"rxnow.health/backend/kernel/events"
	"rxnow.health/backend/kernel/money"
)

// Deps groups the collaborators of the service.
type Deps struct {
	Store         *pgorders.Store
	Catalog       *catalogapp.Service
	Customers     *customersapp.Service
	Prescriptions *rxapp.Service
	Insurance     *insuranceapp.Service
	Payments      *paymentsapp.Service
	// Stock is the inventory store. application/inventory.ReserveOrder
	// releases everything on failure, which we did not want for partial
	// baskets, so ordering reserves line by line itself.
	Stock          *pginventory.Store
	Bus            events.Publisher
	Log            *slog.Logger
	Shipping       orders.ShippingPolicy
	ReservationTTL time.Duration
}

// Service is the ordering API.
type Service struct {
	d   Deps
	now func() time.Time
}

// NewService builds the service.
func NewService(d Deps) *Service { return &Service{d: d, now: time.Now} }

// LineRequest is one requested line.
type LineRequest struct {
	ProductID      int64
	PrescriptionID *int64
	Quantity       int
}

// PlaceCommand is a checkout.
type PlaceCommand struct {
	CustomerID        int64
	ShippingAddressID int64
	Expedited         bool
	CardToken         string
	PaymentMethod     string
	Lines             []LineRequest
}

// Place runs checkout.
func (s *Service) Place(ctx context.Context, cmd PlaceCommand) (models.OrderView, error) {
	const op = "orders.Place"
	addr, err := s.d.Customers.ShippingAddress(ctx, cmd.CustomerID, cmd.ShippingAddressID)
	if err != nil {
		return models.OrderView{}, err
	}
	o := orders.Order{CustomerID: cmd.CustomerID, ShippingAddressID: addr.ID, Expedited: cmd.Expedited, Status: orders.StatusReadyToFill}
	var rxIDs, newRx []int64
	for _, lr := range cmd.Lines {
		p, err := s.d.Catalog.View(ctx, lr.ProductID)
		if err != nil {
			return models.OrderView{}, err
		}
		if !p.Active {
			return models.OrderView{}, errs.Conflictf(op, "%s is no longer sold", p.Name)
		}
		line := orders.Line{ProductID: p.ID, PrescriptionID: lr.PrescriptionID, Quantity: lr.Quantity, UnitPrice: p.UnitPrice,
			ColdChain: p.ColdChain, Controlled: p.Schedule > 0, RxVerified: true}
		if p.RequiresRx {
			if lr.PrescriptionID == nil {
				return models.OrderView{}, errs.Invalidf(op, "%s requires a prescription", p.Name)
			}
			rx, err := s.d.Prescriptions.FillableView(ctx, *lr.PrescriptionID, cmd.CustomerID)
			if err != nil {
				return models.OrderView{}, err
			}
			if rx.ProductID != p.ID {
				return models.OrderView{}, errs.Invalidf(op, "prescription %d is for a different product", rx.ID)
			}
			if lr.Quantity > rx.Quantity {
				return models.OrderView{}, errs.Invalidf(op, "quantity exceeds prescribed %d", rx.Quantity)
			}
			line.DaysSupply = rx.DaysSupply
			line.RxVerified = rx.Status == "verified"
			rxIDs = append(rxIDs, rx.ID)
			if rx.FillCount == 0 {
				newRx = append(newRx, rx.ID)
			}
		} else if lr.PrescriptionID != nil {
			return models.OrderView{}, errs.Invalidf(op, "%s is OTC; remove the prescription", p.Name)
		}
		o.Lines = append(o.Lines, line)
	}
	if err := o.Validate(); err != nil {
		return models.OrderView{}, err
	}
	if o.NeedsVerification() {
		o.Status = orders.StatusPendingVerification
	}
	o.ComputeTotals(s.d.Shipping)
	if err := s.d.Store.Create(ctx, &o); err != nil {
		return models.OrderView{}, errs.Wrap(op, err)
	}

	undo := func(cause error) (models.OrderView, error) {
		if err := s.d.Stock.ReleaseOrder(ctx, o.ID); err != nil {
			s.d.Log.Error("release stock", "order", o.ID, "err", err)
		}
		if err := s.d.Insurance.ReverseOrder(ctx, o.ID, o.CustomerID); err != nil {
			s.d.Log.Error("reverse claims", "order", o.ID, "err", err)
		}
		from := o.Status
		o.Status, o.HoldReason = orders.StatusCancelled, cause.Error()
		_ = s.d.Store.UpdateStatus(ctx, o, from, "system")
		return models.OrderView{}, cause
	}

	exp := s.now().Add(s.d.ReservationTTL)
	for _, l := range o.Lines {
		if err := s.d.Stock.Reserve(ctx, o.ID, l.ProductID, l.Quantity, exp); err != nil {
			return undo(err)
		}
	}
	for i := range o.Lines {
		l := &o.Lines[i]
		if !l.IsRx() {
			continue
		}
		res, err := s.d.Insurance.Adjudicate(ctx, insuranceapp.AdjudicateRequest{OrderID: o.ID, CustomerID: o.CustomerID,
			PrescriptionID: *l.PrescriptionID, ProductID: l.ProductID, Quantity: l.Quantity, DaysSupply: l.DaysSupply})
		if err != nil {
			return undo(err)
		}
		if res.Status == "rejected" {
			return undo(errs.Conflictf(op, "insurance rejected the claim: %s", res.RejectReason))
		}
		id := res.ClaimID
		l.ClaimID, l.Copay = &id, res.Copay
	}
	o.ComputeTotals(s.d.Shipping)
	if err := s.d.Store.UpdatePricing(ctx, o); err != nil {
		return undo(err)
	}
	if _, err := s.d.Payments.Authorize(ctx, paymentsapp.AuthorizeCommand{OrderID: o.ID, CustomerID: o.CustomerID, Amount: o.Total,
		CardToken: cmd.CardToken, Method: cmd.PaymentMethod}); err != nil {
		return undo(err)
	}
	s.d.Bus.Publish(ctx, models.EventOrderPlaced, models.OrderPlaced{OrderID: o.ID, CustomerID: o.CustomerID,
		PrescriptionIDs: rxIDs, NewPrescriptions: newRx, Total: o.Total})
	return ToView(o), nil
}

// Get loads an order.
func (s *Service) Get(ctx context.Context, id int64) (orders.Order, error) {
	return s.d.Store.Get(ctx, id)
}

// Cancel cancels an order that has not been filled.
func (s *Service) Cancel(ctx context.Context, id int64, by string) error {
	o, err := s.d.Store.Get(ctx, id)
	if err != nil {
		return err
	}
	if !o.Cancellable() {
		return errs.Conflictf("orders.Cancel", "order %d is %s and can no longer be cancelled", id, o.Status)
	}
	from := o.Status
	if err := o.Transition(orders.StatusCancelled, s.now()); err != nil {
		return err
	}
	if err := s.d.Payments.VoidOrder(ctx, id); err != nil {
		return err
	}
	if err := s.d.Insurance.ReverseOrder(ctx, id, o.CustomerID); err != nil {
		return err
	}
	if err := s.d.Stock.ReleaseOrder(ctx, id); err != nil {
		return err
	}
	if err := s.d.Store.UpdateStatus(ctx, o, from, by); err != nil {
		return err
	}
	s.d.Bus.Publish(ctx, models.EventOrderCancelled, models.OrderEvent{OrderID: id, CustomerID: o.CustomerID, Status: string(o.Status)})
	return nil
}

// Transition moves an order along its lifecycle (used by fulfilment).
func (s *Service) Transition(ctx context.Context, o *orders.Order, to orders.Status, by string) error {
	from := o.Status
	if err := o.Transition(to, s.now()); err != nil {
		return err
	}
	return s.d.Store.UpdateStatus(ctx, *o, from, by)
}

// ToView converts to the shared DTO.
func ToView(o orders.Order) models.OrderView {
	v := models.OrderView{ID: o.ID, CustomerID: o.CustomerID, Status: string(o.Status), PaymentStatus: o.PaymentStatus,
		ShippingAddressID: o.ShippingAddressID, Subtotal: o.Subtotal, InsurancePaid: o.InsurancePaid, ShippingFee: o.ShippingFee,
		Total: o.Total, CreatedAt: o.CreatedAt}
	for _, l := range o.Lines {
		v.Lines = append(v.Lines, models.OrderLineView{ID: l.ID, ProductID: l.ProductID, PrescriptionID: l.PrescriptionID,
			Quantity: l.Quantity, UnitPrice: l.UnitPrice, Copay: l.Copay, ClaimID: l.ClaimID})
	}
	return v
}

// DefaultShippingPolicy builds the policy from configured cents.
func DefaultShippingPolicy(freeOverCents, standardCents int64) orders.ShippingPolicy {
	return orders.ShippingPolicy{FreeOver: money.USD(freeOverCents), Standard: money.USD(standardCents),
		Expedited: money.USD(1499), ColdChain: money.USD(2499)}
}
