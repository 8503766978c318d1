package models

import (
	"time"

	"mvno.telco/core/platform/money"
)

const (
	InvoiceDraft  = "draft"
	InvoiceIssued = "issued"
	InvoicePaid   = "paid"
	InvoiceVoid   = "void"

	PaymentPending   = "pending"
	PaymentSucceeded = "succeeded"
	PaymentFailed    = "failed"
	PaymentRefunded  = "refunded"
)

type Invoice struct {
	ID           string        `json:"id"`
	Number       string        `json:"number"`
	SubscriberID string        `json:"subscriber_id"`
	PeriodStart  time.Time     `json:"period_start"`
	PeriodEnd    time.Time     `json:"period_end"`
	Subtotal     money.Money   `json:"subtotal"`
	Tax          money.Money   `json:"tax"`
	Total        money.Money   `json:"total"`
	AmountPaid   money.Money   `json:"amount_paid"`
	Status       string        `json:"status"`
	IssuedAt     time.Time     `json:"issued_at"`
	DueAt        time.Time     `json:"due_at"`
	DunningLevel int           `json:"dunning_level"`
	Lines        []InvoiceLine `json:"lines,omitempty"`
}

func (i Invoice) Balance() money.Money {
	b, _ := i.Total.Sub(i.AmountPaid)
	return b
}

type InvoiceLine struct {
	Kind        string      `json:"kind"` // plan | addon | usage | device | adjustment
	Description string      `json:"description"`
	Quantity    int64       `json:"quantity"`
	Amount      money.Money `json:"amount"`
	TaxCode     string      `json:"tax_code"`
}

type PaymentMethod struct {
	ID           string    `json:"id"`
	SubscriberID string    `json:"subscriber_id"`
	Token        string    `json:"-"`
	Brand        string    `json:"brand"`
	Last4        string    `json:"last4"`
	ExpMonth     int       `json:"exp_month"`
	ExpYear      int       `json:"exp_year"`
	Default      bool      `json:"default"`
	CreatedAt    time.Time `json:"created_at"`
}

type Payment struct {
	ID            string      `json:"id"`
	SubscriberID  string      `json:"subscriber_id"`
	InvoiceID     string      `json:"invoice_id,omitempty"`
	OrderID       string      `json:"order_id,omitempty"`
	MethodID      string      `json:"method_id"`
	Amount        money.Money `json:"amount"`
	Status        string      `json:"status"`
	GatewayRef    string      `json:"gateway_ref,omitempty"`
	FailureReason string      `json:"failure_reason,omitempty"`
	CreatedAt     time.Time   `json:"created_at"`
}

type TopUp struct {
	ID           string      `json:"id"`
	SubscriberID string      `json:"subscriber_id"`
	Channel      string      `json:"channel"` // card | voucher | retail
	VoucherCode  string      `json:"voucher_code,omitempty"`
	PaymentID    string      `json:"payment_id,omitempty"`
	Amount       money.Money `json:"amount"`
	Status       string      `json:"status"`
	CreatedAt    time.Time   `json:"created_at"`
}

// InvoiceIssuedEvent is published on events.InvoiceIssued.
type InvoiceIssuedEvent struct {
	InvoiceID    string      `json:"invoice_id"`
	SubscriberID string      `json:"subscriber_id"`
	Total        money.Money `json:"total"`
	DueAt        time.Time   `json:"due_at"`
}

// PaymentEvent is published on events.PaymentSucceeded / PaymentFailed.
type PaymentEvent struct {
	PaymentID    string      `json:"payment_id"`
	SubscriberID string      `json:"subscriber_id"`
	InvoiceID    string      `json:"invoice_id,omitempty"`
	OrderID      string      `json:"order_id,omitempty"`
	Amount       money.Money `json:"amount"`
}
