// Package fulfilment runs the pharmacy floor: the pick queue, the final
// pharmacist check when a basket is filled, and dispatch to the carrier.
package fulfilment

import (
	"context"
	"strings"

	customersapp "rxnow.health/backend/application/customers"
	inventoryapp "rxnow.health/backend/application/inventory"
	ordersapp "rxnow.health/backend/application/orders"
	paymentsapp "rxnow.health/backend/application/payments"
	rxapp "rxnow.health/backend/application/prescriptions"
	shippingapp "rxnow.health/backend/application/shipping"
	"rxnow.health/backend/domain/models"
	"rxnow.health/backend/domain/orders"
	pgorders "rxnow.health/backend/infrastructure/postgres/orders"
	"rxnow.health/backend/kernel/errs"
	"rxnow.health/backend/kernel/events"
)

// Service coordinates fulfilment.
type Service struct {
	orders    *ordersapp.Service
	store     *pgorders.Store
	rx        *rxapp.Service
	inventory *inventoryapp.Service
	shipping  *shippingapp.Service
	payments  *paymentsapp.Service
	customers *customersapp.Service
	bus       events.Publisher
}

// New builds the service.
func New(o *ordersapp.Service, store *pgorders.Store, rx *rxapp.Service, inv *inventoryapp.Service, ship *shippingapp.Service,
	pay *paymentsapp.Service, cust *customersapp.Service, bus events.Publisher) *Service {
	return &Service{orders: o, store: store, rx: rx, inventory: inv, shipping: ship, payments: pay, customers: cust, bus: bus}
}

// Queue returns pick tickets for the pharmacy floor.
func (s *Service) Queue(ctx context.Context, limit int) ([]models.PickTicket, error) {
	if limit <= 0 || limit > 100 {
		limit = 25
	}
	return s.store.PickQueue(ctx, limit)
}

// FillResult reports what was dispensed.
type FillResult struct {
	OrderID int64              `json:"order_id"`
	Lots    map[int64][]string `json:"lots"`
	Status  string             `json:"status"`
}

// Fill dispenses every line of an order. Only a pharmacist may perform the
// final check; technicians prepare the basket but cannot call this.
func (s *Service) Fill(ctx context.Context, orderID int64, pharmacist string) (FillResult, error) {
	const op = "fulfilment.Fill"
	o, err := s.orders.Get(ctx, orderID)
	if err != nil {
		return FillResult{}, err
	}
	if o.Status != orders.StatusReadyToFill {
		return FillResult{}, errs.Conflictf(op, "order %d is %s", orderID, o.Status)
	}
	res := FillResult{OrderID: orderID, Lots: map[int64][]string{}}
	for _, l := range o.Lines {
		lots, err := s.inventory.Dispense(ctx, orderID, l.ProductID, max(l.DaysSupply, 30), pharmacist)
		if err != nil {
			return res, errs.Wrap(op, err)
		}
		res.Lots[l.ID] = lots
		if l.IsRx() {
			if err := s.rx.RecordFill(ctx, *l.PrescriptionID, orderID, l.Quantity, pharmacist, strings.Join(lots, ",")); err != nil {
				return res, errs.Wrap(op, err)
			}
		}
	}
	if err := s.orders.Transition(ctx, &o, orders.StatusFilled, pharmacist); err != nil {
		return res, err
	}
	res.Status = string(o.Status)
	s.bus.Publish(ctx, models.EventOrderFilled, models.OrderEvent{OrderID: orderID, CustomerID: o.CustomerID, Status: res.Status})
	return res, nil
}

// Dispatch buys a label, captures payment and hands the parcel over.
func (s *Service) Dispatch(ctx context.Context, orderID int64, by string) (models.ShipmentView, error) {
	const op = "fulfilment.Dispatch"
	o, err := s.orders.Get(ctx, orderID)
	if err != nil {
		return models.ShipmentView{}, err
	}
	if o.Status != orders.StatusFilled {
		return models.ShipmentView{}, errs.Conflictf(op, "order %d is %s, not filled", orderID, o.Status)
	}
	addr, err := s.customers.ShippingAddress(ctx, o.CustomerID, o.ShippingAddressID)
	if err != nil {
		return models.ShipmentView{}, err
	}
	who, err := s.customers.Summary(ctx, o.CustomerID)
	if err != nil {
		return models.ShipmentView{}, err
	}
	cmd := shippingapp.CreateCommand{OrderID: o.ID, CustomerID: o.CustomerID, Recipient: who.FullName(), Address: addr,
		Expedited: o.Expedited, Items: len(o.Lines)}
	for _, l := range o.Lines {
		cmd.ColdChain = cmd.ColdChain || l.ColdChain
		cmd.Controlled = cmd.Controlled || l.Controlled
	}
	sh, err := s.shipping.Create(ctx, cmd)
	if err != nil {
		return sh, err
	}
	if err := s.payments.CaptureOrder(ctx, o.ID, o.Total); err != nil {
		return sh, errs.Wrap(op, err)
	}
	if err := s.orders.Transition(ctx, &o, orders.StatusDispatched, by); err != nil {
		return sh, err
	}
	return sh, nil
}
