// Package shop sells devices and SIM starter packs and ships them.
package shop

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"mvno.telco/core/billing/tax"
	"mvno.telco/core/models"
	"mvno.telco/core/payments"
	"mvno.telco/core/platform/errs"
	"mvno.telco/core/platform/events"
	"mvno.telco/core/platform/ids"
	"mvno.telco/core/platform/money"
	"mvno.telco/core/platform/notify"
	"mvno.telco/core/shop/store"
	simstore "mvno.telco/core/sims/store"
	"mvno.telco/core/subscribers"
)

const maxQtyPerLine = 3

type Service struct {
	store        *store.Store
	payments     *payments.Service
	subscribers  *subscribers.Service
	simInventory *simstore.Store
	bus          *events.Bus
	notifier     notify.Sender
	logisticsURL string
	http         *http.Client
	region       string
	currency     string
	log          *slog.Logger
}

func New(st *store.Store, p *payments.Service, subs *subscribers.Service, sims *simstore.Store, bus *events.Bus,
	n notify.Sender, logisticsURL, region, currency string, log *slog.Logger) *Service {
	return &Service{store: st, payments: p, subscribers: subs, simInventory: sims, bus: bus, notifier: n,
		logisticsURL: logisticsURL, http: &http.Client{Timeout: 10 * time.Second}, region: region, currency: currency, log: log}
}

func (s *Service) Devices(ctx context.Context) ([]models.Device, error) {
	return s.store.Devices(ctx, nil)
}

func (s *Service) Order(ctx context.Context, id string) (models.Order, error) {
	return s.store.Order(ctx, id)
}

func (s *Service) PlaceOrder(ctx context.Context, subscriberID, shipTo string, items []models.OrderItem) (models.Order, error) {
	const op = "shop.PlaceOrder"
	if len(items) == 0 || shipTo == "" {
		return models.Order{}, errs.E(errs.Invalid, op, "items and shipping address required")
	}
	sub, err := s.subscribers.Get(ctx, subscriberID)
	if err != nil {
		return models.Order{}, err
	}
	if sub.Status == models.SubscriberTerminated {
		return models.Order{}, errs.E(errs.Forbidden, op, "account closed")
	}
	skus := make([]string, len(items))
	for i, it := range items {
		if it.Quantity < 1 || it.Quantity > maxQtyPerLine {
			return models.Order{}, errs.E(errs.Invalid, op, "quantity must be 1-3")
		}
		skus[i] = it.SKU
	}
	devices, err := s.store.Devices(ctx, skus)
	if err != nil {
		return models.Order{}, err
	}
	bySKU := map[string]models.Device{}
	for _, d := range devices {
		bySKU[d.SKU] = d
	}
	o := models.Order{ID: ids.New("ord"), SubscriberID: sub.ID, Status: "created", ShipTo: shipTo,
		Subtotal: money.Zero(s.currency), CreatedAt: time.Now().UTC()}
	var taxLines []models.InvoiceLine
	for _, it := range items {
		d, ok := bySKU[it.SKU]
		if !ok {
			return models.Order{}, errs.E(errs.Invalid, op, "unknown sku "+it.SKU)
		}
		if d.Stock < it.Quantity {
			return models.Order{}, errs.E(errs.Conflict, op, "insufficient stock for "+d.Name)
		}
		it.UnitPrice = d.Price
		line := d.Price.Mul(int64(it.Quantity))
		o.Subtotal = o.Subtotal.MustAdd(line)
		o.Items = append(o.Items, it)
		taxLines = append(taxLines, models.InvoiceLine{Kind: "device", Amount: line, TaxCode: tax.CodeDevice})
	}
	if o.Tax, err = tax.Compute(s.region, taxLines); err != nil {
		return o, err
	}
	o.Total = o.Subtotal.MustAdd(o.Tax)
	return o, s.store.InsertOrder(ctx, o)
}

func (s *Service) Pay(ctx context.Context, orderID, methodID string) (models.Order, error) {
	o, err := s.store.Order(ctx, orderID)
	if err != nil {
		return o, err
	}
	if o.Status != "created" {
		return o, errs.E(errs.Conflict, "shop.Pay", "order is "+o.Status)
	}
	if _, err := s.payments.Charge(ctx, payments.ChargeRequest{SubscriberID: o.SubscriberID, MethodID: methodID,
		Amount: o.Total, OrderID: o.ID, Description: "Order " + o.ID}); err != nil {
		return o, err
	}
	if err := s.store.SetStatus(ctx, o.ID, "created", "paid"); err != nil {
		return o, err
	}
	o.Status = "paid"
	_ = s.bus.Publish(ctx, events.OrderPaid, o.SubscriberID, o)
	return o, nil
}

// FulfilPaid is the warehouse job: reserve stock and a SIM, book the courier.
func (s *Service) FulfilPaid(ctx context.Context) error {
	idsToShip, err := s.store.PaidOrderIDs(ctx, 100)
	if err != nil {
		return err
	}
	for _, id := range idsToShip {
		if err := s.fulfil(ctx, id); err != nil {
			s.log.Error("fulfilment failed", "order", id, "err", err)
		}
	}
	return nil
}

func (s *Service) fulfil(ctx context.Context, id string) error {
	o, err := s.store.Order(ctx, id)
	if err != nil {
		return err
	}
	needsSIM := false
	devices, err := s.store.Devices(ctx, nil)
	if err != nil {
		return err
	}
	for _, it := range o.Items {
		for _, d := range devices {
			if d.SKU == it.SKU && d.SimPack {
				needsSIM = true
			}
		}
	}
	var iccid string
	if needsSIM {
		card, err := s.simInventory.ReserveNext(ctx, models.SimKindPhysical, o.SubscriberID)
		if err != nil {
			return err
		}
		iccid = card.ICCID
	}
	if err := s.store.DecrementStock(ctx, o.Items); err != nil {
		return err
	}
	tracking, err := s.bookCourier(ctx, o)
	if err != nil {
		return err
	}
	if err := s.store.RecordShipment(ctx, o.ID, "royalmail", tracking, iccid); err != nil {
		return err
	}
	_ = s.bus.Publish(ctx, events.OrderShipped, o.SubscriberID, map[string]string{"order_id": o.ID, "tracking": tracking})
	if sub, err := s.subscribers.Get(ctx, o.SubscriberID); err == nil && sub.MSISDN != "" {
		_ = s.notifier.Send(ctx, sub.MSISDN, notify.TplOrderShipped, map[string]string{"order": o.ID, "tracking": tracking})
	}
	return nil
}

func (s *Service) bookCourier(ctx context.Context, o models.Order) (string, error) {
	body, _ := json.Marshal(map[string]any{"reference": o.ID, "address": o.ShipTo, "parcels": len(o.Items), "service": "tracked48"})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.logisticsURL+"/shipments", bytes.NewReader(body))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := s.http.Do(req)
	if err != nil {
		return "", fmt.Errorf("logistics: %w", err)
	}
	defer resp.Body.Close()
	var out struct {
		Tracking string `json:"tracking_number"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || out.Tracking == "" {
		return "", fmt.Errorf("logistics: no tracking number (status %d)", resp.StatusCode)
	}
	return out.Tracking, nil
}

// Cancel cancels an unshipped order, refunding it if paid.
func (s *Service) Cancel(ctx context.Context, id string) error {
	o, err := s.store.Order(ctx, id)
	if err != nil {
		return err
	}
	switch o.Status {
	case "created":
		return s.store.SetStatus(ctx, id, "created", "cancelled")
	case "paid":
		p, err := s.payments.PaymentForOrder(ctx, id)
		if err != nil {
			return err
		}
		if err := s.payments.Refund(ctx, p.ID, o.Total); err != nil {
			return err
		}
		return s.store.SetStatus(ctx, id, "paid", "cancelled")
	}
	return errs.E(errs.Conflict, "shop.Cancel", "order already "+o.Status)
}
