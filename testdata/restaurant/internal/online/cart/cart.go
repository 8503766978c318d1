// Package cart takes online orders from the website and delivery partners
// and injects them into the restaurant's POS.
package cart

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"tablecraft.io/ops/internal/online/partners"
	"tablecraft.io/ops/internal/platform/errs"
	"tablecraft.io/ops/internal/platform/events"
	"tablecraft.io/ops/internal/platform/notify"
	"tablecraft.io/ops/menu/pricing"
	"tablecraft.io/ops/models"
	"tablecraft.io/ops/payments"
	"tablecraft.io/ops/pos/posdb"
	"tablecraft.io/ops/stores"
)

// MinLeadTime is the earliest pickup offered for web orders.
const MinLeadTime = 20 * time.Minute

// Service handles online orders.
type Service struct {
	db       *sql.DB
	orders   *posdb.Store
	pricing  *pricing.Engine
	payments *payments.Service
	stores   *stores.Directory
	partners *partners.Registry
	notify   notify.Sender
	bus      *events.Bus
}

// New returns a Service.
func New(conn *sql.DB, orders *posdb.Store, pr *pricing.Engine, pay *payments.Service, st *stores.Directory,
	reg *partners.Registry, n notify.Sender, bus *events.Bus) *Service {
	return &Service{db: conn, orders: orders, pricing: pr, payments: pay, stores: st, partners: reg, notify: n, bus: bus}
}

// Checkout places a web order paid by card.
func (s *Service) Checkout(ctx context.Context, oo *models.OnlineOrder, cardToken string, tip int64) error {
	oo.Source = "web"
	if oo.PickupAt.Before(time.Now().Add(MinLeadTime)) {
		oo.PickupAt = time.Now().Add(MinLeadTime)
	}
	if open, err := s.stores.IsOpen(ctx, oo.LocationID, oo.PickupAt); err != nil {
		return err
	} else if !open {
		return errs.Conflict("the restaurant is closed at %s", oo.PickupAt.Format("3:04pm"))
	}
	if err := s.inject(ctx, oo, models.ChannelOnline); err != nil {
		return err
	}
	p, err := s.payments.Charge(ctx, payments.ChargeRequest{OrderID: oo.OrderID, Tender: models.TenderCard,
		Amount: oo.Total, Tip: 0, CardToken: cardToken})
	if err != nil {
		_ = s.orders.SetStatus(ctx, oo.OrderID, models.OrderVoided)
		return err
	}
	oo.PaymentRef = p.Reference
	return s.fire(ctx, oo)
}

// Ingest accepts a marketplace order; the partner collected payment.
func (s *Service) Ingest(ctx context.Context, oo *models.OnlineOrder) error {
	var dup int64
	_ = s.db.QueryRowContext(ctx, `SELECT id FROM online_orders WHERE source = $1 AND external_id = $2`, oo.Source, oo.ExternalID).Scan(&dup)
	if dup != 0 {
		return nil // partners retry webhooks
	}
	if err := s.inject(ctx, oo, models.ChannelDelivery); err != nil {
		return err
	}
	if _, err := s.payments.Charge(ctx, payments.ChargeRequest{OrderID: oo.OrderID, Tender: models.TenderPartner,
		Amount: oo.Total, Reference: oo.Source + ":" + oo.ExternalID}); err != nil {
		return err
	}
	if err := s.fire(ctx, oo); err != nil {
		return err
	}
	if p, ok := s.partners.Get(oo.Source); ok {
		return p.UpdateStatus(ctx, oo.ExternalID, "accepted")
	}
	return nil
}

// inject prices the cart and writes the check directly into the POS tables.
func (s *Service) inject(ctx context.Context, oo *models.OnlineOrder, ch models.Channel) error {
	if len(oo.Items) == 0 {
		return errs.Invalid("cart is empty")
	}
	o := &models.Order{LocationID: oo.LocationID, Channel: ch, ExternalID: oo.ExternalID, Guests: 1}
	if err := s.orders.CreateOrder(ctx, s.orders.DB(), o); err != nil {
		return err
	}
	oo.OrderID = o.ID
	for _, ci := range oo.Items {
		it, err := s.pricing.Price(ctx, oo.LocationID, ci.MenuItemID, oo.PickupAt)
		if err != nil {
			return err
		}
		if !it.Available || it.Alcohol {
			return errs.Conflict("%s is not available for online ordering", it.Name)
		}
		line := &models.OrderLine{OrderID: o.ID, MenuItemID: it.ID, Name: it.Name, Qty: ci.Qty, UnitPrice: it.Price, Notes: ci.Notes}
		for _, m := range it.Modifiers {
			for _, want := range ci.ModifierIDs {
				if m.ID == want {
					line.Modifiers = append(line.Modifiers, m)
				}
			}
		}
		if err := s.orders.AddLine(ctx, line); err != nil {
			return err
		}
		oo.Total += line.LineTotal()
	}
	loc, err := s.stores.Get(ctx, oo.LocationID)
	if err != nil {
		return err
	}
	o.Subtotal = oo.Total
	o.Tax = o.Subtotal.BasisPoints(loc.TaxBasisPoints)
	o.Total = o.Subtotal + o.Tax
	oo.Total = o.Total
	return s.orders.SaveTotals(ctx, o)
}

func (s *Service) fire(ctx context.Context, oo *models.OnlineOrder) error {
	lines, err := s.orders.Lines(ctx, oo.OrderID)
	if err != nil {
		return err
	}
	var ids []int64
	for _, l := range lines {
		ids = append(ids, l.ID)
	}
	if err := s.orders.MarkFired(ctx, s.orders.DB(), ids); err != nil {
		return err
	}
	items, _ := json.Marshal(oo.Items)
	oo.Status = "in_kitchen"
	if err := s.db.QueryRowContext(ctx,
		`INSERT INTO online_orders (location_id, order_id, source, external_id, customer, phone, pickup_at, status, items, total, payment_ref, created_at)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now()) RETURNING id`,
		oo.LocationID, oo.OrderID, oo.Source, oo.ExternalID, oo.Customer, oo.Phone, oo.PickupAt, oo.Status, items, oo.Total, oo.PaymentRef).
		Scan(&oo.ID); err != nil {
		return err
	}
	s.bus.Publish(ctx, events.Event{Topic: events.OrderFired, LocationID: oo.LocationID,
		Payload: models.OrderFiredEvent{OrderID: oo.OrderID, LocationID: oo.LocationID, LineIDs: ids}})
	s.bus.Publish(ctx, events.Event{Topic: events.OnlineOrderPlaced, LocationID: oo.LocationID, Payload: oo})
	return nil
}

// OnOrderReady tells the partner or texts the guest when the kitchen is done.
func (s *Service) OnOrderReady(ctx context.Context, e events.Event) error {
	var p struct {
		OrderID int64 `json:"order_id"`
	}
	if err := events.Decode(e, &p); err != nil {
		return err
	}
	var source, ext, phone string
	err := s.db.QueryRowContext(ctx,
		`UPDATE online_orders SET status = 'ready', ready_at = now() WHERE order_id = $1 RETURNING source, external_id, phone`,
		p.OrderID).Scan(&source, &ext, &phone)
	if err == sql.ErrNoRows {
		return nil // not an online order
	} else if err != nil {
		return err
	}
	if partner, ok := s.partners.Get(source); ok {
		return partner.UpdateStatus(ctx, ext, "ready_for_pickup")
	}
	return s.notify.Send(ctx, notify.SMS(phone, fmt.Sprintf("Your order #%d is ready for pickup!", p.OrderID)))
}
