// Package models holds the structs that cross package boundaries. It started
// as the "one place for all the types" in 2021 and every context has added to
// it since. New services/ code is meant to keep its types local, but most of
// them still return these.
package models

import (
	"time"

	"gridline.energy/platform/kit/money"
)

type Address struct {
	Line1    string `json:"line1"`
	Line2    string `json:"line2,omitempty"`
	Town     string `json:"town"`
	Postcode string `json:"postcode"`
}

type Customer struct {
	ID        string     `json:"id"`
	Title     string     `json:"title,omitempty"`
	FirstName string     `json:"first_name"`
	LastName  string     `json:"last_name"`
	Email     string     `json:"email"`
	Phone     string     `json:"phone,omitempty"`
	DOB       *time.Time `json:"dob,omitempty"`
	CreatedAt time.Time  `json:"created_at"`
}

const (
	AccountActive  = "active"
	AccountPending = "pending"
	AccountFinal   = "final" // final bill outstanding after loss/move-out
	AccountClosed  = "closed"
	PayDirectDebit = "direct_debit"
	PayOnReceipt   = "on_receipt"
	PayPrepayment  = "prepayment"
)

type Account struct {
	ID             string      `json:"id"`
	Number         string      `json:"number"`
	CustomerID     string      `json:"customer_id"`
	Status         string      `json:"status"`
	BillingAddress Address     `json:"billing_address"`
	PaymentMethod  string      `json:"payment_method"`
	BillingDay     int         `json:"billing_day"`
	Balance        money.Pence `json:"balance"` // positive = customer owes us
	OpenedAt       time.Time   `json:"opened_at"`
	ClosedAt       *time.Time  `json:"closed_at,omitempty"`
}

type Fuel string

const (
	Electricity Fuel = "electricity"
	Gas         Fuel = "gas"
)

type Site struct {
	ID          string     `json:"id"`
	AccountID   string     `json:"account_id"`
	Address     Address    `json:"address"`
	Fuel        Fuel       `json:"fuel"`
	MPAN        string     `json:"mpan,omitempty"`
	MPRN        string     `json:"mprn,omitempty"`
	SupplyStart *time.Time `json:"supply_start,omitempty"`
	SupplyEnd   *time.Time `json:"supply_end,omitempty"`
	EAC         float64    `json:"eac_kwh"` // estimated annual consumption
}

// SupplyNumber returns the MPAN for electricity and MPRN for gas.
func (s Site) SupplyNumber() string {
	if s.Fuel == Gas {
		return s.MPRN
	}
	return s.MPAN
}

type PriorityNeed struct {
	AccountID string     `json:"account_id"`
	Code      string     `json:"code"`
	Note      string     `json:"note,omitempty"`
	Expires   *time.Time `json:"expires,omitempty"`
}
