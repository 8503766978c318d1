// Package gateways implements the orders ports that point at other
// contexts (inventory, catalog, payments, fraud). It is the
// anti-corruption layer for checkout: translations live here so the
// checkout use case only sees orders' own types.
package gateways

import (
	"context"

	catalogapp "gatehouse.events/platform/internal/catalog/app"
	"gatehouse.events/platform/internal/fraud"
	invapp "gatehouse.events/platform/internal/inventory/app"
	invdomain "gatehouse.events/platform/internal/inventory/domain"
	"gatehouse.events/platform/internal/orders/ports"
	payapp "gatehouse.events/platform/internal/payments/app"
	"gatehouse.events/platform/internal/platform/money"
	"gatehouse.events/platform/internal/shared/model"
)

// Inventory adapts the inventory hold service.
type Inventory struct{ Holds *invapp.HoldService }

var _ ports.Inventory = Inventory{}

// Hold places a hold and flattens it into admission units.
func (g Inventory) Hold(ctx context.Context, spec ports.HoldSpec) (ports.HoldResult, error) {
	req := invapp.HoldRequest{EventID: spec.EventID, SessionID: spec.SessionID, SeatIDs: spec.SeatIDs, BestAvailable: spec.BestAvailable}
	for _, u := range spec.GA {
		req.GA = append(req.GA, invdomain.GAItem{Section: u.Section, PriceTierID: u.PriceTierID, Qty: u.Qty})
	}
	h, err := g.Holds.Place(ctx, req)
	if err != nil {
		return ports.HoldResult{}, err
	}
	res := ports.HoldResult{HoldID: h.ID, ExpiresAt: h.ExpiresAt}
	if len(h.SeatIDs) > 0 {
		// Resolve tier and section of each reserved seat.
		seats, err := g.seatDetails(ctx, h.EventID, h.SeatIDs)
		if err != nil {
			return ports.HoldResult{}, err
		}
		res.Units = append(res.Units, seats...)
	}
	for _, ga := range h.GA {
		for i := 0; i < ga.Qty; i++ {
			res.Units = append(res.Units, ports.HeldUnit{Section: ga.Section, PriceTierID: ga.PriceTierID})
		}
	}
	return res, nil
}

func (g Inventory) seatDetails(ctx context.Context, eventID string, seatIDs []string) ([]ports.HeldUnit, error) {
	seats, err := g.Holds.Seats(ctx, eventID, seatIDs)
	if err != nil {
		return nil, err
	}
	out := make([]ports.HeldUnit, 0, len(seats))
	for _, st := range seats {
		out = append(out, ports.HeldUnit{SeatID: st.ID, Section: st.Section, PriceTierID: st.PriceTierID})
	}
	return out, nil
}

// Confirm confirms a hold.
func (g Inventory) Confirm(ctx context.Context, holdID, orderID string) error {
	return g.Holds.Confirm(ctx, holdID, orderID)
}

// Release releases a hold.
func (g Inventory) Release(ctx context.Context, holdID string) error {
	return g.Holds.Release(ctx, holdID)
}

// Catalog adapts the catalog event service.
type Catalog struct{ Events *catalogapp.EventService }

var _ ports.Catalog = Catalog{}

// Summary returns the event card.
func (g Catalog) Summary(ctx context.Context, eventID string) (model.EventSummary, error) {
	return g.Events.Summary(ctx, eventID)
}

// TierPrice returns the face value and purchase limit of a tier.
func (g Catalog) TierPrice(ctx context.Context, eventID, tierID string) (money.Money, int, error) {
	t, err := g.Events.PriceTier(ctx, eventID, tierID)
	if err != nil {
		return money.Money{}, 0, err
	}
	return t.Price, t.MaxPerOrder, nil
}

// Payments adapts the payment service.
type Payments struct{ Service *payapp.PaymentService }

var _ ports.Payments = Payments{}

// Start creates a payment for an order.
func (g Payments) Start(ctx context.Context, orderID, fanID string, amount money.Money, description string) (ports.PaymentIntent, error) {
	p, err := g.Service.Start(ctx, orderID, fanID, amount, description)
	if err != nil {
		return ports.PaymentIntent{}, err
	}
	return ports.PaymentIntent{PaymentID: p.ID, ClientSecret: p.ClientSecret}, nil
}

// Risk adapts the fraud scorer.
type Risk struct{ Scorer *fraud.Scorer }

var _ ports.Risk = Risk{}

// Assess scores a checkout.
func (g Risk) Assess(ctx context.Context, in ports.RiskInput) (ports.RiskDecision, error) {
	a, err := g.Scorer.Score(ctx, fraud.Checkout{FanID: in.FanID, EventID: in.EventID, Units: in.Units, Amount: in.Amount, IP: in.IP, CardBIN: in.CardBIN})
	if err != nil {
		return ports.RiskDecision{}, err
	}
	return ports.RiskDecision{Allow: a.Allow, Score: a.Score, Reasons: a.Reasons}, nil
}
