// Package domain models card payments taken through the PSP and the
// refunds issued against them.
package domain

import (
	"time"

	"gatehouse.events/platform/internal/platform/errs"
	"gatehouse.events/platform/internal/platform/money"
)

// Status is the payment lifecycle.
type Status string

const (
	StatusCreated           Status = "created"
	StatusRequiresAction    Status = "requires_action"
	StatusCaptured          Status = "captured"
	StatusFailed            Status = "failed"
	StatusRefunded          Status = "refunded"
	StatusPartiallyRefunded Status = "partially_refunded"
)

// Payment is one attempt to collect money for an order.
type Payment struct {
	ID           string
	OrderID      string
	FanID        string
	Amount       money.Money
	Refunded     money.Money
	Status       Status
	PSPRef       string
	ClientSecret string
	FailureCode  string
	CreatedAt    time.Time
	CapturedAt   time.Time
}

// Capture records PSP confirmation.
func (p *Payment) Capture(pspRef string, amount money.Money, now time.Time) error {
	if p.Status == StatusCaptured {
		return nil
	}
	if p.Status != StatusCreated && p.Status != StatusRequiresAction {
		return errs.Conflict("payments.Capture", "payment is "+string(p.Status))
	}
	if amount != p.Amount {
		return errs.Conflict("payments.Capture", "captured amount "+amount.String()+" differs from "+p.Amount.String())
	}
	p.Status, p.PSPRef, p.CapturedAt = StatusCaptured, pspRef, now
	return nil
}

// Fail records a decline.
func (p *Payment) Fail(code string) error {
	if p.Status == StatusCaptured || p.Status == StatusRefunded {
		return errs.Conflict("payments.Fail", "payment already "+string(p.Status))
	}
	p.Status, p.FailureCode = StatusFailed, code
	return nil
}

// Refundable is what can still be refunded.
func (p *Payment) Refundable() money.Money {
	r, _ := p.Amount.Sub(p.Refunded)
	return r
}

// ApplyRefund books a completed refund.
func (p *Payment) ApplyRefund(amount money.Money) error {
	const op = "payments.ApplyRefund"
	if p.Status != StatusCaptured && p.Status != StatusPartiallyRefunded {
		return errs.Conflict(op, "payment is "+string(p.Status))
	}
	if amount.Amount <= 0 || amount.Amount > p.Refundable().Amount {
		return errs.Invalid(op, "refund amount out of range")
	}
	p.Refunded = p.Refunded.MustAdd(amount)
	if p.Refundable().IsZero() {
		p.Status = StatusRefunded
	} else {
		p.Status = StatusPartiallyRefunded
	}
	return nil
}

// RefundStatus is the lifecycle of a refund.
type RefundStatus string

const (
	RefundPending   RefundStatus = "pending"
	RefundSucceeded RefundStatus = "succeeded"
	RefundFailed    RefundStatus = "failed"
)

// Refund returns money to the fan.
type Refund struct {
	ID        string
	PaymentID string
	OrderID   string
	Amount    money.Money
	Reason    string
	Status    RefundStatus
	PSPRef    string
	CreatedAt time.Time
}

// Intent is the PSP's view of a created payment.
type Intent struct {
	PSPRef       string
	ClientSecret string
	Status       string
}

// PSPEvent is a verified webhook notification.
type PSPEvent struct {
	ID          string
	Type        string // payment.succeeded, payment.failed, refund.succeeded, refund.failed
	PSPRef      string
	PaymentID   string
	Amount      money.Money
	FailureCode string
}
