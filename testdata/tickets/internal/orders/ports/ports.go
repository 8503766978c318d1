// Package ports declares the collaborators of the checkout use cases. The
// adapters/gateways package implements the ones that point at other
// contexts.
package ports

import (
	"context"
	"time"

	"gatehouse.events/platform/internal/orders/domain"
	"gatehouse.events/platform/internal/platform/money"
	"gatehouse.events/platform/internal/shared/model"
)

// OrderRepository persists orders.
type OrderRepository interface {
	Create(ctx context.Context, o *domain.Order) error
	Get(ctx context.Context, id string) (*domain.Order, error)
	Update(ctx context.Context, o *domain.Order) error
	UpdateStatus(ctx context.Context, id string, status model.OrderStatus) error
	ListByFan(ctx context.Context, fanID string, limit int) ([]*domain.Order, error)
	ExpiredPending(ctx context.Context, now time.Time, limit int) ([]string, error)
	PaidForEvent(ctx context.Context, eventID string) ([]string, error)
}

// HoldSpec is what checkout asks inventory to hold.
type HoldSpec struct {
	EventID       string
	SessionID     string
	SeatIDs       []string
	BestAvailable map[string]int
	GA            []GAUnit
}

// GAUnit is a general-admission quantity.
type GAUnit struct {
	Section     string
	PriceTierID string
	Qty         int
}

// HeldUnit is one admission the hold secured.
type HeldUnit struct {
	SeatID      string
	Section     string
	PriceTierID string
}

// HoldResult describes a placed hold.
type HoldResult struct {
	HoldID    string
	Units     []HeldUnit
	ExpiresAt time.Time
}

// Inventory places and settles holds.
type Inventory interface {
	Hold(ctx context.Context, spec HoldSpec) (HoldResult, error)
	Confirm(ctx context.Context, holdID, orderID string) error
	Release(ctx context.Context, holdID string) error
}

// Catalog answers questions about events and prices.
type Catalog interface {
	Summary(ctx context.Context, eventID string) (model.EventSummary, error)
	TierPrice(ctx context.Context, eventID, tierID string) (price money.Money, maxPerOrder int, err error)
}

// PaymentIntent is what the client needs to complete payment.
type PaymentIntent struct {
	PaymentID    string
	ClientSecret string
}

// Payments starts payments for orders.
type Payments interface {
	Start(ctx context.Context, orderID, fanID string, amount money.Money, description string) (PaymentIntent, error)
}

// RiskInput describes a checkout for fraud screening.
type RiskInput struct {
	FanID   string
	EventID string
	Units   int
	Amount  money.Money
	IP      string
	CardBIN string
}

// RiskDecision is the fraud verdict.
type RiskDecision struct {
	Allow   bool
	Score   int
	Reasons []string
}

// Risk screens checkouts.
type Risk interface {
	Assess(ctx context.Context, in RiskInput) (RiskDecision, error)
}
