// Package pos is the point-of-sale: opening checks, ringing in items,
// comps and voids, firing to the kitchen and closing.
package pos

import (
	"context"
	"database/sql"
	"time"

	"tablecraft.io/ops/db"
	"tablecraft.io/ops/internal/platform/errs"
	"tablecraft.io/ops/internal/platform/events"
	"tablecraft.io/ops/internal/platform/money"
	"tablecraft.io/ops/internal/staff/employees"
	"tablecraft.io/ops/logging"
	"tablecraft.io/ops/menu"
	"tablecraft.io/ops/menu/pricing"
	"tablecraft.io/ops/models"
	"tablecraft.io/ops/pos/posdb"
	"tablecraft.io/ops/pos/tickets"
	"tablecraft.io/ops/stores"
)

// MaxCompPercent a manager may comp without the GM.
const MaxCompPercent = 50

// Service is the POS.
type Service struct {
	Store     *posdb.Store
	menu      *menu.Service
	pricing   *pricing.Engine
	stores    *stores.Directory
	employees *employees.Service
	tickets   *tickets.Router
	bus       *events.Bus
	log       *logging.Logger
}

// NewService wires the POS.
func NewService(st *posdb.Store, m *menu.Service, p *pricing.Engine, s *stores.Directory, e *employees.Service,
	t *tickets.Router, bus *events.Bus, log *logging.Logger) *Service {
	return &Service{Store: st, menu: m, pricing: p, stores: s, employees: e, tickets: t, bus: bus, log: log}
}

// Open starts a new check.
func (s *Service) Open(ctx context.Context, o *models.Order) error {
	if o.Channel == "" {
		o.Channel = models.ChannelDineIn
	}
	if o.Channel == models.ChannelDineIn && o.TableID == 0 {
		return errs.Invalid("dine-in checks need a table")
	}
	if o.ServerID != 0 {
		emp, err := s.employees.Get(ctx, o.ServerID)
		if err != nil {
			return err
		}
		if emp.LocationID != o.LocationID {
			return errs.Forbidden("server does not work at this location")
		}
	}
	return s.Store.CreateOrder(ctx, s.Store.DB(), o)
}

// AddItem rings an item onto a check at its current price.
func (s *Service) AddItem(ctx context.Context, orderID, menuItemID int64, qty int, modIDs []int64, notes string, seat int) (*models.OrderLine, error) {
	o, err := s.editable(ctx, orderID)
	if err != nil {
		return nil, err
	}
	if qty <= 0 {
		return nil, errs.Invalid("qty must be positive")
	}
	item, err := s.pricing.Price(ctx, o.LocationID, menuItemID, time.Now())
	if err != nil {
		return nil, err
	}
	if !item.Available {
		return nil, errs.Conflict("%s is 86'd", item.Name)
	}
	line := &models.OrderLine{OrderID: orderID, MenuItemID: item.ID, Name: item.Name, Qty: qty, UnitPrice: item.Price, Notes: notes, Seat: seat}
	for _, id := range modIDs {
		found := false
		for _, m := range item.Modifiers {
			if m.ID == id {
				line.Modifiers, found = append(line.Modifiers, m), true
			}
		}
		if !found {
			return nil, errs.Invalid("modifier %d not allowed on %s", id, item.Name)
		}
	}
	if err := s.Store.AddLine(ctx, line); err != nil {
		return nil, err
	}
	_, err = s.Recalc(ctx, orderID)
	return line, err
}

// VoidLine removes a line; fired lines need a manager.
func (s *Service) VoidLine(ctx context.Context, orderID, lineID, managerID int64, reason string) error {
	o, err := s.editable(ctx, orderID)
	if err != nil {
		return err
	}
	for _, l := range o.Lines {
		if l.ID == lineID && l.Fired {
			if err := s.employees.RequireManager(ctx, managerID); err != nil {
				return err
			}
		}
	}
	if err := s.Store.VoidLine(ctx, orderID, lineID, managerID, reason); err != nil {
		return err
	}
	_, err = s.Recalc(ctx, orderID)
	return err
}

// Comp discounts the check by a percentage with manager approval.
func (s *Service) Comp(ctx context.Context, orderID int64, percent int, reason string, managerID int64) error {
	if percent <= 0 || percent > MaxCompPercent {
		return errs.Invalid("comp must be 1..%d%%", MaxCompPercent)
	}
	if err := s.employees.RequireManager(ctx, managerID); err != nil {
		return err
	}
	o, err := s.Recalc(ctx, orderID)
	if err != nil {
		return err
	}
	if err := s.Store.AddDiscount(ctx, orderID, reason, (o.Subtotal - o.Discount).Percent(percent), managerID); err != nil {
		return err
	}
	_, err = s.Recalc(ctx, orderID)
	return err
}

// Recalc recomputes and stores subtotal, discount, tax and total.
func (s *Service) Recalc(ctx context.Context, orderID int64) (*models.Order, error) {
	o, err := s.Store.Get(ctx, orderID)
	if err != nil {
		return nil, err
	}
	loc, err := s.stores.Get(ctx, o.LocationID)
	if err != nil {
		return nil, err
	}
	o.Subtotal = 0
	for _, l := range o.Lines {
		o.Subtotal += l.LineTotal()
	}
	if o.Discount, err = s.Store.DiscountTotal(ctx, orderID); err != nil {
		return nil, err
	}
	o.Discount = min(o.Discount, o.Subtotal)
	o.Tax = (o.Subtotal - o.Discount).BasisPoints(loc.TaxBasisPoints)
	o.Total = money.Sum(o.Subtotal, -o.Discount, o.Tax)
	return o, s.Store.SaveTotals(ctx, o)
}

// Fire sends unfired lines to the kitchen.
func (s *Service) Fire(ctx context.Context, orderID int64) ([]models.Ticket, error) {
	o, err := s.editable(ctx, orderID)
	if err != nil {
		return nil, err
	}
	loc, err := s.stores.Get(ctx, o.LocationID)
	if err != nil {
		return nil, err
	}
	var pending []models.OrderLine
	var lineIDs []int64
	for _, l := range o.Lines {
		if !l.Fired {
			pending, lineIDs = append(pending, l), append(lineIDs, l.ID)
		}
	}
	if len(pending) == 0 {
		return nil, errs.Conflict("nothing to fire")
	}
	ts, err := tickets.Build(ctx, o, pending, func(ctx context.Context, id int64) (string, error) {
		it, err := s.menu.Item(ctx, id)
		if err != nil {
			return "", err
		}
		return it.Station, nil
	})
	if err != nil {
		return nil, err
	}
	var ticketIDs []int64
	err = db.WithTx(ctx, s.Store.DB(), func(tx *sql.Tx) error {
		if loc.HasKDS {
			if ticketIDs, err = s.tickets.Save(ctx, tx, ts); err != nil {
				return err
			}
		} else {
			for _, t := range ts {
				if err := s.tickets.QueuePrint(ctx, tx, t); err != nil {
					return err
				}
			}
		}
		if err := s.Store.MarkFired(ctx, tx, lineIDs); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE orders SET status = 'fired' WHERE id = $1 AND status = 'open'`, orderID)
		return err
	})
	if err != nil {
		return nil, err
	}
	s.bus.Publish(ctx, events.Event{Topic: events.OrderFired, LocationID: o.LocationID,
		Payload: models.OrderFiredEvent{OrderID: o.ID, LocationID: o.LocationID, LineIDs: lineIDs, TicketIDs: ticketIDs}})
	return ts, nil
}

// OnPaymentCaptured closes the check once it is paid in full.
func (s *Service) OnPaymentCaptured(ctx context.Context, e events.Event) error {
	var p models.PaymentCapturedEvent
	if err := events.Decode(e, &p); err != nil {
		return err
	}
	if !p.PaidInFull {
		return nil
	}
	return s.Close(ctx, p.OrderID)
}

// Close finalises a paid check and announces it.
func (s *Service) Close(ctx context.Context, orderID int64) error {
	o, err := s.Store.Get(ctx, orderID)
	if err != nil {
		return err
	}
	if o.Status == models.OrderClosed {
		return nil
	}
	if err := s.Store.SetStatus(ctx, orderID, models.OrderClosed); err != nil {
		return err
	}
	phone, _ := s.Store.LoyaltyPhone(ctx, orderID)
	s.log.Infof("pos: order %d closed total=%s", orderID, o.Total)
	s.bus.Publish(ctx, events.Event{Topic: events.OrderClosed, LocationID: o.LocationID,
		Payload: models.OrderClosedEvent{OrderID: orderID, LocationID: o.LocationID, Total: o.Total, LoyaltyPhone: phone}})
	return nil
}

// Void cancels an unpaid check entirely.
func (s *Service) Void(ctx context.Context, orderID, managerID int64) error {
	if err := s.employees.RequireManager(ctx, managerID); err != nil {
		return err
	}
	o, err := s.editable(ctx, orderID)
	if err != nil {
		return err
	}
	if err := s.Store.SetStatus(ctx, orderID, models.OrderVoided); err != nil {
		return err
	}
	s.bus.Publish(ctx, events.Event{Topic: events.OrderVoided, LocationID: o.LocationID, Payload: map[string]int64{"order_id": orderID}})
	return nil
}

func (s *Service) editable(ctx context.Context, orderID int64) (*models.Order, error) {
	o, err := s.Store.Get(ctx, orderID)
	if err != nil {
		return nil, err
	}
	if o.Status != models.OrderOpen && o.Status != models.OrderFired {
		return nil, errs.Conflict("order %d is %s", orderID, o.Status)
	}
	return o, nil
}
