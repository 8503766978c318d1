package models

import (
	"errors"
	"fmt"
	"time"

	"example.com/shop/internal/platform/money"
)

// PaymentStatus is the state of a payment.
type PaymentStatus string

// The payment states.
const (
	PaymentPending    PaymentStatus = "pending"
	PaymentAuthorized PaymentStatus = "authorized"
	PaymentCaptured   PaymentStatus = "captured"
	PaymentFailed     PaymentStatus = "failed"
	PaymentVoided     PaymentStatus = "voided"
	PaymentRefunded   PaymentStatus = "refunded"
)

// ErrPaymentState is returned for an operation the payment's state forbids.
var ErrPaymentState = errors.New("models: operation not allowed in payment state")

// Payment is money taken (or to be taken) for one order.
type Payment struct {
	ID            string
	OrderID       string
	CustomerID    string
	Provider      string
	ProviderRef   string
	Amount        money.Money
	Status        PaymentStatus
	FailureReason string
	AuthorizedAt  *time.Time
	CapturedAt    *time.Time
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// Authorize records a successful authorization.
func (p *Payment) Authorize(ref string, at time.Time) error {
	if p.Status != PaymentPending {
		return fmt.Errorf("%w: authorize %s", ErrPaymentState, p.Status)
	}
	p.Status, p.ProviderRef, p.AuthorizedAt, p.UpdatedAt = PaymentAuthorized, ref, &at, at
	return nil
}

// Capture records that the authorized amount was captured.
func (p *Payment) Capture(at time.Time) error {
	if p.Status == PaymentCaptured {
		return nil
	}
	if p.Status != PaymentAuthorized {
		return fmt.Errorf("%w: capture %s", ErrPaymentState, p.Status)
	}
	p.Status, p.CapturedAt, p.UpdatedAt = PaymentCaptured, &at, at
	return nil
}

// Fail records a failure.
func (p *Payment) Fail(reason string, at time.Time) {
	p.Status, p.FailureReason, p.UpdatedAt = PaymentFailed, reason, at
}

// Refundable is what may still be refunded given earlier refunds.
func (p Payment) Refundable(refunds []Refund) (money.Money, error) {
	if p.Status != PaymentCaptured {
		return money.Zero(p.Amount.Currency), nil
	}
	left := p.Amount
	for _, r := range refunds {
		if r.Status == RefundFailed {
			continue
		}
		var err error
		if left, err = left.Sub(r.Amount); err != nil {
			return money.Money{}, err
		}
	}
	if left.IsNegative() {
		return money.Zero(p.Amount.Currency), nil
	}
	return left, nil
}

// Covers reports whether the payment pays for o in full.
func (p Payment) Covers(o *Order) bool {
	return p.OrderID == o.ID && p.Amount == o.Total
}

// RefundStatus is the state of a refund.
type RefundStatus string

// The refund states.
const (
	RefundPending   RefundStatus = "pending"
	RefundCompleted RefundStatus = "completed"
	RefundFailed    RefundStatus = "failed"
)

// Refund returns (part of) a payment.
type Refund struct {
	ID          string
	PaymentID   string
	OrderID     string
	Amount      money.Money
	Reason      string
	Status      RefundStatus
	ProviderRef string
	CreatedAt   time.Time
	CompletedAt *time.Time
}

// Settled reports whether the refund reached a final state.
func (r Refund) Settled() bool { return r.Status != RefundPending }
