// Package service implements order placement, payment confirmation,
// shipping and cancellation.
package service

import (
	"context"
	"database/sql"
	"time"

	"loomly.com/api/internal/models"
	"loomly.com/api/internal/orders/domain"
	"loomly.com/api/internal/orders/repo"
	"loomly.com/api/internal/orders/shipping"
	shopsvc "loomly.com/api/internal/shops/service"
	"loomly.com/api/payments/ledger"
	"loomly.com/api/platform/db"
	"loomly.com/api/platform/errs"
	"loomly.com/api/platform/events"
	"loomly.com/api/platform/ids"
	"loomly.com/api/platform/money"
)

type Service struct {
	pool    *sql.DB
	repo    *repo.Repo
	ledger  *ledger.Ledger
	shops   *shopsvc.Service
	carrier *shipping.Tracker
	bus     *events.Bus
	feeBps  int64
	now     func() time.Time
}

func New(pool *sql.DB, shops *shopsvc.Service, carrier *shipping.Tracker, bus *events.Bus, feeBps int64) *Service {
	return &Service{pool: pool, repo: repo.New(pool), ledger: ledger.New(pool), shops: shops,
		carrier: carrier, bus: bus, feeBps: feeBps, now: time.Now}
}

type PlaceInput struct {
	CheckoutID string
	BuyerID    string
	ShipTo     models.Address
	Lines      []models.OrderLine
	Shipping   map[string]money.Money // by shop id
}

// Place splits the checkout into one order per shop and persists them.
func (s *Service) Place(ctx context.Context, in PlaceInput) ([]*domain.Order, error) {
	byShop := map[string][]models.OrderLine{}
	var order []string
	for _, l := range in.Lines {
		if _, ok := byShop[l.ShopID]; !ok {
			order = append(order, l.ShopID)
		}
		byShop[l.ShopID] = append(byShop[l.ShopID], l)
	}
	now := s.now().UTC()
	var out []*domain.Order
	err := db.WithTx(ctx, s.pool, func(tx *sql.Tx) error {
		r := s.repo.WithTx(tx)
		for _, shopID := range order {
			lines := byShop[shopID]
			o := &domain.Order{
				ID: ids.New(ids.Order), CheckoutID: in.CheckoutID, BuyerID: in.BuyerID, ShopID: shopID,
				Status: models.OrderPending, Lines: lines, ShipTo: in.ShipTo,
				Shipping: in.Shipping[shopID], PlacedAt: now, UpdatedAt: now,
			}
			if o.Shipping.Currency == "" {
				o.Shipping = money.Zero(lines[0].UnitPrice.Currency)
			}
			o.Recalculate()
			if err := r.Insert(ctx, o); err != nil {
				return err
			}
			out = append(out, o)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, o := range out {
		s.bus.Publish(ctx, events.Event{Name: events.OrderPlaced, Key: o.ID,
			Payload: map[string]any{"shop_id": o.ShopID, "buyer_id": o.BuyerID}})
	}
	return out, nil
}

// MarkPaid moves the orders to paid and credits the sellers in the ledger
// in the same transaction so balances never drift from orders.
func (s *Service) MarkPaid(ctx context.Context, orderIDs []string, paymentID string) error {
	return db.WithTx(ctx, s.pool, func(tx *sql.Tx) error {
		r, l := s.repo.WithTx(tx), s.ledger.WithTx(tx)
		for _, id := range orderIDs {
			o, err := r.Get(ctx, id)
			if err != nil {
				return err
			}
			if o.Status == models.OrderPaid {
				continue
			}
			o.PaymentID = paymentID
			if err := o.Transition(models.OrderPaid, s.now().UTC()); err != nil {
				return errs.Conflict("orders.MarkPaid", err.Error())
			}
			if err := r.UpdateStatus(ctx, o); err != nil {
				return err
			}
			if err := l.RecordSale(ctx, o.ShopID, o.ID, o.Total, s.feeBps); err != nil {
				return err
			}
		}
		return nil
	})
}

func (s *Service) Get(ctx context.Context, id string) (*domain.Order, error) {
	return s.repo.Get(ctx, id)
}

// GetForUser returns the order if userID is its buyer or the shop owner.
func (s *Service) GetForUser(ctx context.Context, id, userID string) (*domain.Order, error) {
	o, err := s.repo.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if o.BuyerID == userID {
		return o, nil
	}
	if _, err := s.shops.EnsureOwner(ctx, o.ShopID, userID); err != nil {
		return nil, errs.NotFound("orders.GetForUser", "order")
	}
	return o, nil
}

func (s *Service) ListForBuyer(ctx context.Context, buyerID string, limit, offset int) ([]*domain.Order, error) {
	idList, err := s.repo.ListForBuyer(ctx, buyerID, limit, offset)
	if err != nil {
		return nil, err
	}
	return s.load(ctx, idList)
}

func (s *Service) ListForSeller(ctx context.Context, sellerID string, status models.OrderStatus, limit, offset int) ([]*domain.Order, error) {
	sh, err := s.shops.MyShop(ctx, sellerID)
	if err != nil {
		return nil, err
	}
	idList, err := s.repo.ListForShop(ctx, sh.ID, status, limit, offset)
	if err != nil {
		return nil, err
	}
	return s.load(ctx, idList)
}

func (s *Service) load(ctx context.Context, idList []string) ([]*domain.Order, error) {
	out := make([]*domain.Order, 0, len(idList))
	for _, id := range idList {
		o, err := s.repo.Get(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, nil
}

func (s *Service) Ship(ctx context.Context, sellerID, orderID, carrier, trackingNo string) (*domain.Order, error) {
	o, err := s.repo.Get(ctx, orderID)
	if err != nil {
		return nil, err
	}
	if _, err := s.shops.EnsureOwner(ctx, o.ShopID, sellerID); err != nil {
		return nil, err
	}
	if !s.carrier.Supports(carrier) {
		return nil, errs.Invalid("orders.Ship", "unsupported carrier")
	}
	now := s.now().UTC()
	if err := o.Transition(models.OrderShipped, now); err != nil {
		return nil, errs.Conflict("orders.Ship", err.Error())
	}
	err = db.WithTx(ctx, s.pool, func(tx *sql.Tx) error {
		r := s.repo.WithTx(tx)
		if err := r.UpdateStatus(ctx, o); err != nil {
			return err
		}
		return r.InsertShipment(ctx, &domain.Shipment{ID: ids.New(ids.Shipment), OrderID: o.ID,
			Carrier: carrier, TrackingNo: trackingNo, Status: "in_transit", ShippedAt: now})
	})
	if err != nil {
		return nil, err
	}
	s.bus.Publish(ctx, events.Event{Name: events.OrderShipped, Key: o.ID,
		Payload: map[string]any{"buyer_id": o.BuyerID, "tracking": trackingNo}})
	return o, nil
}

func (s *Service) Cancel(ctx context.Context, orderID, reason string) error {
	o, err := s.repo.Get(ctx, orderID)
	if err != nil {
		return err
	}
	if err := o.Transition(models.OrderCancelled, s.now().UTC()); err != nil {
		return errs.Conflict("orders.Cancel", err.Error())
	}
	return s.repo.UpdateStatus(ctx, o)
}

func (s *Service) MarkDelivered(ctx context.Context, orderID string, at time.Time) error {
	o, err := s.repo.Get(ctx, orderID)
	if err != nil {
		return err
	}
	if err := o.Transition(models.OrderDelivered, at); err != nil {
		return errs.Conflict("orders.MarkDelivered", err.Error())
	}
	return s.repo.UpdateStatus(ctx, o)
}
