package models

import (
	"time"

	"github.com/keystoneprop/platform/internal/money"
)

type Owner struct {
	ID             string    `json:"id"`
	LegalName      string    `json:"legal_name"`
	Email          string    `json:"email"`
	TaxIDLast4     string    `json:"-"`
	PayoutMethodID string    `json:"-"`
	HoldPayouts    bool      `json:"hold_payouts"`
	CreatedAt      time.Time `json:"created_at"`
}

type StatementLine struct {
	PropertyID string      `json:"property_id"`
	Category   string      `json:"category"`
	Memo       string      `json:"memo"`
	Amount     money.Cents `json:"amount"`
}

type OwnerStatement struct {
	ID             string          `json:"id"`
	OwnerID        string          `json:"owner_id"`
	PeriodStart    time.Time       `json:"period_start"`
	PeriodEnd      time.Time       `json:"period_end"`
	OpeningBalance money.Cents     `json:"opening_balance"`
	Income         money.Cents     `json:"income"`
	Expenses       money.Cents     `json:"expenses"`
	MgmtFees       money.Cents     `json:"mgmt_fees"`
	ClosingBalance money.Cents     `json:"closing_balance"`
	Lines          []StatementLine `json:"lines,omitempty"`
	Status         string          `json:"status"`
	GeneratedAt    time.Time       `json:"generated_at"`
}

type Disbursement struct {
	ID          string      `json:"id"`
	OwnerID     string      `json:"owner_id"`
	StatementID string      `json:"statement_id"`
	Amount      money.Cents `json:"amount"`
	Status      string      `json:"status"`
	GatewayRef  string      `json:"gateway_ref,omitempty"`
	CreatedAt   time.Time   `json:"created_at"`
}
