package domain

import (
	"time"

	"harbormutual.com/core/platform/money"
)

type InvoiceStatus string

const (
	InvoiceOpen       InvoiceStatus = "OPEN"
	InvoicePaid       InvoiceStatus = "PAID"
	InvoicePastDue    InvoiceStatus = "PAST_DUE"
	InvoiceVoid       InvoiceStatus = "VOID"
	InvoiceWrittenOff InvoiceStatus = "WRITTEN_OFF"
)

type Invoice struct {
	ID          int64         `json:"id"`
	Number      string        `json:"number"`
	PolicyID    int64         `json:"policy_id"`
	CustomerID  int64         `json:"customer_id"`
	Installment int           `json:"installment"`
	Amount      money.Money   `json:"amount"`
	PaidAmount  money.Money   `json:"paid_amount"`
	DueDate     time.Time     `json:"due_date"`
	Status      InvoiceStatus `json:"status"`
	DunningStep int           `json:"dunning_step"`
	Audit
}

func (i *Invoice) Balance() money.Money { return i.Amount - i.PaidAmount }

type PaymentStatus string

const (
	PaymentPending  PaymentStatus = "PENDING"
	PaymentSettled  PaymentStatus = "SETTLED"
	PaymentDeclined PaymentStatus = "DECLINED"
	PaymentRefunded PaymentStatus = "REFUNDED"
)

type Payment struct {
	ID         int64         `json:"id"`
	InvoiceID  int64         `json:"invoice_id"`
	PolicyID   int64         `json:"policy_id"`
	Amount     money.Money   `json:"amount"`
	Method     string        `json:"method"` // CARD, ACH, CHECK
	GatewayRef string        `json:"gateway_ref"`
	Status     PaymentStatus `json:"status"`
	ReceivedAt time.Time     `json:"received_at"`
}
