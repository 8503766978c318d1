package models

import (
	"time"

	"gridline.energy/platform/kit/money"
)

const (
	BillDraft     = "draft"
	BillIssued    = "issued"
	BillPaid      = "paid"
	BillPartPaid  = "part_paid"
	BillCancelled = "cancelled"

	LineEnergy   = "energy"
	LineStanding = "standing"
	LineCredit   = "credit"
)

type Bill struct {
	ID            string      `json:"id"`
	AccountID     string      `json:"account_id"`
	InvoiceNumber string      `json:"invoice_number,omitempty"`
	PeriodStart   time.Time   `json:"period_start"`
	PeriodEnd     time.Time   `json:"period_end"`
	Lines         []BillLine  `json:"lines"`
	Net           money.Pence `json:"net"`
	VAT           money.Pence `json:"vat"`
	Total         money.Pence `json:"total"`
	Paid          money.Pence `json:"paid"`
	Status        string      `json:"status"`
	Estimated     bool        `json:"estimated"`
	IssuedAt      *time.Time  `json:"issued_at,omitempty"`
	DueDate       *time.Time  `json:"due_date,omitempty"`
}

func (b Bill) Outstanding() money.Pence { return b.Total - b.Paid }

type BillLine struct {
	SiteID      string      `json:"site_id,omitempty"`
	Kind        string      `json:"kind"`
	Description string      `json:"description"`
	Quantity    float64     `json:"quantity"`
	Unit        string      `json:"unit"`
	UnitPrice   float64     `json:"unit_price_pence"`
	Amount      money.Pence `json:"amount"`
}

type Tariff struct {
	ID        string      `json:"id"`
	Code      string      `json:"code"`
	Name      string      `json:"name"`
	Fuel      Fuel        `json:"fuel"`
	Fixed     bool        `json:"fixed"`
	ExitFee   money.Pence `json:"exit_fee"`
	ValidFrom time.Time   `json:"valid_from"`
	ValidTo   *time.Time  `json:"valid_to,omitempty"`
}

const (
	PaymentPending = "pending"
	PaymentSettled = "settled"
	PaymentFailed  = "failed"
	MethodDD       = "direct_debit"
	MethodBank     = "bank_transfer"
)

type Payment struct {
	ID         string      `json:"id"`
	AccountID  string      `json:"account_id"`
	Amount     money.Pence `json:"amount"`
	Method     string      `json:"method"`
	Reference  string      `json:"reference"`
	Status     string      `json:"status"`
	ReceivedAt time.Time   `json:"received_at"`
}

type DebtCase struct {
	ID        string      `json:"id"`
	AccountID string      `json:"account_id"`
	Amount    money.Pence `json:"amount"`
	Stage     string      `json:"stage"`
	OpenedAt  time.Time   `json:"opened_at"`
	ClosedAt  *time.Time  `json:"closed_at,omitempty"`
}
