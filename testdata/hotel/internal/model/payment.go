package model

import "time"

// PaymentStatus tracks the PSP lifecycle.
type PaymentStatus string

const (
	PaymentAuthorized PaymentStatus = "authorized"
	PaymentCaptured   PaymentStatus = "captured"
	PaymentVoided     PaymentStatus = "voided"
	PaymentRefunded   PaymentStatus = "refunded"
	PaymentPartRefund PaymentStatus = "partially_refunded"
	PaymentFailed     PaymentStatus = "failed"
)

// Payment is a card payment against a reservation.
type Payment struct {
	ID            string        `json:"id" db:"id"`
	ReservationID string        `json:"reservation_id" db:"reservation_id"`
	GuestID       string        `json:"guest_id" db:"guest_id"`
	AmountCents   int64         `json:"amount_cents" db:"amount_cents"`
	CapturedCents int64         `json:"captured_cents" db:"captured_cents"`
	RefundedCents int64         `json:"refunded_cents" db:"refunded_cents"`
	Currency      string        `json:"currency" db:"currency"`
	Status        PaymentStatus `json:"status" db:"status"`
	Provider      string        `json:"provider" db:"provider"`
	ProviderRef   string        `json:"provider_ref" db:"provider_ref"`
	CardLast4     string        `json:"card_last4" db:"card_last4"`
	CreatedAt     time.Time     `json:"created_at" db:"created_at"`
	UpdatedAt     time.Time     `json:"updated_at" db:"updated_at"`
}

// Refundable returns how many cents can still be refunded.
func (p *Payment) Refundable() int64 { return p.CapturedCents - p.RefundedCents }
