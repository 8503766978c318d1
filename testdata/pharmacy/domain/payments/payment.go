// Package payments models card payments for orders.
package payments

import (
	"time"

	"rxnow.health/backend/kernel/errs"
	"rxnow.health/backend/kernel/money"
)

// Status of a payment.
type Status string

const (
	StatusAuthorized Status = "authorized"
	StatusCaptured   Status = "captured"
	StatusVoided     Status = "voided"
	StatusFailed     Status = "failed"
)

// Methods.
const (
	MethodCard = "card"
	MethodHSA  = "hsa_fsa"
)

// AuthorizationValidity is how long a card authorization holds.
const AuthorizationValidity = 7 * 24 * time.Hour

// Payment is a charge for an order.
type Payment struct {
	ID           int64
	OrderID      int64
	CustomerID   int64
	Method       string
	Amount       money.Money
	Captured     money.Money
	Refunded     money.Money
	Status       Status
	GatewayRef   string
	AuthorizedAt time.Time
	CapturedAt   *time.Time
}

// Capture captures up to the authorized amount.
func (p *Payment) Capture(amount money.Money, now time.Time) error {
	const op = "payments.Capture"
	if p.Status != StatusAuthorized {
		return errs.Conflictf(op, "payment %d is %s", p.ID, p.Status)
	}
	if now.Sub(p.AuthorizedAt) > AuthorizationValidity {
		return errs.Conflictf(op, "authorization for payment %d has expired", p.ID)
	}
	if p.Amount.Less(amount) {
		return errs.Invalidf(op, "cannot capture %s of %s authorized", amount, p.Amount)
	}
	p.Captured = amount
	p.Status = StatusCaptured
	p.CapturedAt = &now
	return nil
}

// Void cancels an uncaptured authorization.
func (p *Payment) Void() error {
	if p.Status != StatusAuthorized {
		return errs.Conflictf("payments.Void", "payment %d is %s", p.ID, p.Status)
	}
	p.Status = StatusVoided
	return nil
}
