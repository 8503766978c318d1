package models

import (
	"time"

	"shipwell.io/wms/pkg/money"
)

type ChargeType string

const (
	ChargeReceiving ChargeType = "receiving"
	ChargeStorage   ChargeType = "storage"
	ChargePick      ChargeType = "pick"
	ChargePack      ChargeType = "pack"
	ChargeShipping  ChargeType = "shipping"
	ChargeReturn    ChargeType = "return"
	ChargeManual    ChargeType = "manual"
)

type Charge struct {
	ID         string      `json:"id"`
	ClientID   string      `json:"client_id"`
	Type       ChargeType  `json:"type"`
	Reference  string      `json:"reference"`
	Quantity   float64     `json:"quantity"`
	UnitPrice  money.Money `json:"unit_price"`
	Amount     money.Money `json:"amount"`
	InvoiceID  string      `json:"invoice_id,omitempty"`
	OccurredAt time.Time   `json:"occurred_at"`
}

type InvoiceStatus string

const (
	InvoiceDraft  InvoiceStatus = "draft"
	InvoiceIssued InvoiceStatus = "issued"
	InvoicePaid   InvoiceStatus = "paid"
)

type Invoice struct {
	ID          string        `json:"id"`
	ClientID    string        `json:"client_id"`
	Number      string        `json:"number"`
	PeriodStart time.Time     `json:"period_start"`
	PeriodEnd   time.Time     `json:"period_end"`
	Status      InvoiceStatus `json:"status"`
	Total       money.Money   `json:"total"`
	Lines       []Charge      `json:"lines,omitempty"`
	IssuedAt    *time.Time    `json:"issued_at,omitempty"`
}
