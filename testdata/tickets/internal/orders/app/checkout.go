// Package app implements checkout: hold inventory, price, screen for fraud,
// create the order and start payment; then settle the order when payments
// reports back.
package app

import (
	"context"
	"fmt"
	"log/slog"

	"gatehouse.events/platform/internal/orders/domain"
	"gatehouse.events/platform/internal/orders/ports"
	"gatehouse.events/platform/internal/orders/pricing"
	"gatehouse.events/platform/internal/platform/clock"
	"gatehouse.events/platform/internal/platform/errs"
	"gatehouse.events/platform/internal/platform/events"
	"gatehouse.events/platform/internal/shared/model"
)

// CheckoutService is the orders application service.
type CheckoutService struct {
	orders    ports.OrderRepository
	inventory ports.Inventory
	catalog   ports.Catalog
	payments  ports.Payments
	risk      ports.Risk
	pricing   *pricing.Calculator
	pub       events.Publisher
	clock     clock.Clock
	log       *slog.Logger
}

// Deps groups constructor arguments.
type Deps struct {
	Orders    ports.OrderRepository
	Inventory ports.Inventory
	Catalog   ports.Catalog
	Payments  ports.Payments
	Risk      ports.Risk
	Pricing   *pricing.Calculator
	Publisher events.Publisher
	Clock     clock.Clock
	Log       *slog.Logger
}

// NewCheckoutService wires the service.
func NewCheckoutService(d Deps) *CheckoutService {
	return &CheckoutService{orders: d.Orders, inventory: d.Inventory, catalog: d.Catalog, payments: d.Payments,
		risk: d.Risk, pricing: d.Pricing, pub: d.Publisher, clock: d.Clock, log: d.Log}
}

// CheckoutInput is a fan's checkout request.
type CheckoutInput struct {
	FanID         string
	EventID       string
	SeatIDs       []string
	BestAvailable map[string]int
	GA            []ports.GAUnit
	Country       string
	IP            string
	CardBIN       string
}

// CheckoutResult is returned to the client to complete payment.
type CheckoutResult struct {
	Order        *domain.Order
	ClientSecret string
}

// Start runs the checkout saga up to the payment step.
func (s *CheckoutService) Start(ctx context.Context, in CheckoutInput) (*CheckoutResult, error) {
	const op = "orders.Checkout"
	ev, err := s.catalog.Summary(ctx, in.EventID)
	if err != nil {
		return nil, errs.Wrap(err, op)
	}
	if ev.Status != model.EventStatusOnSale {
		return nil, errs.Conflict(op, "event is not on sale")
	}
	hold, err := s.inventory.Hold(ctx, ports.HoldSpec{EventID: in.EventID, SessionID: in.FanID, SeatIDs: in.SeatIDs, BestAvailable: in.BestAvailable, GA: in.GA})
	if err != nil {
		return nil, errs.Wrap(err, op)
	}
	release := func() {
		if rerr := s.inventory.Release(context.WithoutCancel(ctx), hold.HoldID); rerr != nil {
			s.log.Warn("release hold after failed checkout", "hold_id", hold.HoldID, "err", rerr)
		}
	}
	lines, err := s.priceUnits(ctx, in.EventID, hold.Units)
	if err != nil {
		release()
		return nil, errs.Wrap(err, op)
	}
	ch := domain.ChannelWeb
	fees := s.pricing.Fees(lines, in.Country, ch)
	o, err := domain.NewOrder(in.FanID, in.EventID, hold.HoldID, ch, lines, fees, s.clock.Now(), hold.ExpiresAt)
	if err != nil {
		release()
		return nil, err
	}
	decision, err := s.risk.Assess(ctx, ports.RiskInput{FanID: in.FanID, EventID: in.EventID, Units: len(lines), Amount: o.Total, IP: in.IP, CardBIN: in.CardBIN})
	if err != nil {
		s.log.Warn("risk assessment unavailable, allowing", "err", err)
	} else if !decision.Allow {
		release()
		s.log.Info("checkout blocked by fraud", "fan_id", in.FanID, "score", decision.Score, "reasons", decision.Reasons)
		return nil, errs.E(errs.KindForbidden, op, "checkout could not be completed")
	}
	if err := s.orders.Create(ctx, o); err != nil {
		release()
		return nil, errs.Wrap(err, op)
	}
	intent, err := s.payments.Start(ctx, o.ID, o.FanID, o.Total, fmt.Sprintf("%s – %s", ev.Title, o.Reference))
	if err != nil {
		_ = o.Cancel("payment start failed")
		_ = s.orders.Update(ctx, o)
		release()
		return nil, errs.Wrap(err, op)
	}
	o.PaymentID = intent.PaymentID
	if err := s.orders.Update(ctx, o); err != nil {
		return nil, errs.Wrap(err, op)
	}
	_ = s.pub.Publish(ctx, model.TopicOrderPlaced, o.ID, o.Ref())
	return &CheckoutResult{Order: o, ClientSecret: intent.ClientSecret}, nil
}

func (s *CheckoutService) priceUnits(ctx context.Context, eventID string, units []ports.HeldUnit) ([]domain.Line, error) {
	perTier := map[string]int{}
	lines := make([]domain.Line, 0, len(units))
	for _, u := range units {
		price, max, err := s.catalog.TierPrice(ctx, eventID, u.PriceTierID)
		if err != nil {
			return nil, err
		}
		perTier[u.PriceTierID]++
		if perTier[u.PriceTierID] > max {
			return nil, errs.Invalid("orders.priceUnits", fmt.Sprintf("at most %d tickets of this type per order", max))
		}
		lines = append(lines, domain.Line{SeatID: u.SeatID, Section: u.Section, PriceTierID: u.PriceTierID, Price: price})
	}
	return lines, nil
}

// Get returns an order, enforcing ownership unless fanID is empty.
func (s *CheckoutService) Get(ctx context.Context, fanID, orderID string) (*domain.Order, error) {
	o, err := s.orders.Get(ctx, orderID)
	if err != nil {
		return nil, err
	}
	if fanID != "" && o.FanID != fanID {
		return nil, errs.NotFound("orders.Get", "order", orderID)
	}
	return o, nil
}

// ListForFan lists a fan's orders.
func (s *CheckoutService) ListForFan(ctx context.Context, fanID string) ([]*domain.Order, error) {
	return s.orders.ListByFan(ctx, fanID, 100)
}
