// Package models holds the read models and DTOs passed between contexts.
//
// It started as "the API types" in 2021 and everything that needed to cross
// a package boundary ended up here. New code should prefer context-local
// types, but most of the code base still imports this package.
package models

import (
	"strings"
	"time"

	"rxnow.health/backend/kernel/money"
)

// Page is a limit/offset pair.
type Page struct {
	Limit  int `json:"limit"`
	Offset int `json:"offset"`
}

// Normalize clamps the page to sane values.
func (p Page) Normalize() Page {
	if p.Limit <= 0 || p.Limit > 200 {
		p.Limit = 50
	}
	if p.Offset < 0 {
		p.Offset = 0
	}
	return p
}

// CustomerSummary is the patient as other contexts see it.
type CustomerSummary struct {
	ID          int64     `json:"id"`
	Email       string    `json:"email"`
	FirstName   string    `json:"first_name"`
	LastName    string    `json:"last_name"`
	Phone       string    `json:"phone"`
	DateOfBirth time.Time `json:"date_of_birth"`
	Allergies   []string  `json:"allergies"`
	SMSOptIn    bool      `json:"sms_opt_in"`
}

// FullName returns "First Last".
func (c CustomerSummary) FullName() string {
	return strings.TrimSpace(c.FirstName + " " + c.LastName)
}

// AddressView is a shipping address.
type AddressView struct {
	ID         int64  `json:"id"`
	CustomerID int64  `json:"customer_id"`
	Line1      string `json:"line1"`
	Line2      string `json:"line2,omitempty"`
	City       string `json:"city"`
	State      string `json:"state"`
	Zip        string `json:"zip"`
	IsDefault  bool   `json:"is_default"`
}

// ProductView is a catalog item as seen by ordering and insurance.
type ProductView struct {
	ID         int64       `json:"id"`
	NDC        string      `json:"ndc"`
	Name       string      `json:"name"`
	Generic    string      `json:"generic_name"`
	Strength   string      `json:"strength"`
	Form       string      `json:"form"`
	RequiresRx bool        `json:"requires_rx"`
	Schedule   int         `json:"schedule"`
	ColdChain  bool        `json:"cold_chain"`
	UnitPrice  money.Money `json:"unit_price"`
	Active     bool        `json:"active"`
}

// PrescriptionView is what ordering needs to know about a prescription.
type PrescriptionView struct {
	ID               int64      `json:"id"`
	CustomerID       int64      `json:"customer_id"`
	PrescriberID     int64      `json:"prescriber_id"`
	ProductID        int64      `json:"product_id"`
	Drug             string     `json:"drug"`
	Quantity         int        `json:"quantity"`
	DaysSupply       int        `json:"days_supply"`
	RefillsRemaining int        `json:"refills_remaining"`
	Status           string     `json:"status"`
	Schedule         int        `json:"schedule"`
	ExpiresAt        time.Time  `json:"expires_at"`
	LastFilledAt     *time.Time `json:"last_filled_at,omitempty"`
	FillCount        int        `json:"fill_count"`
}

// OrderLineView is a line on an order.
type OrderLineView struct {
	ID             int64       `json:"id"`
	ProductID      int64       `json:"product_id"`
	PrescriptionID *int64      `json:"prescription_id,omitempty"`
	Quantity       int         `json:"quantity"`
	UnitPrice      money.Money `json:"unit_price"`
	Copay          money.Money `json:"copay"`
	ClaimID        *int64      `json:"claim_id,omitempty"`
}

// OrderView is an order for API output and cross-context reads.
type OrderView struct {
	ID                int64           `json:"id"`
	CustomerID        int64           `json:"customer_id"`
	Status            string          `json:"status"`
	PaymentStatus     string          `json:"payment_status"`
	ShippingAddressID int64           `json:"shipping_address_id"`
	Lines             []OrderLineView `json:"lines"`
	Subtotal          money.Money     `json:"subtotal"`
	InsurancePaid     money.Money     `json:"insurance_paid"`
	ShippingFee       money.Money     `json:"shipping_fee"`
	Total             money.Money     `json:"total"`
	CreatedAt         time.Time       `json:"created_at"`
}

// ClaimResult is the outcome of adjudicating one line.
type ClaimResult struct {
	ClaimID      int64       `json:"claim_id"`
	Status       string      `json:"status"`
	Billed       money.Money `json:"billed"`
	PlanPaid     money.Money `json:"plan_paid"`
	Copay        money.Money `json:"copay"`
	RejectCode   string      `json:"reject_code,omitempty"`
	RejectReason string      `json:"reject_reason,omitempty"`
}

// PaymentView is a payment record.
type PaymentView struct {
	ID        int64       `json:"id"`
	OrderID   int64       `json:"order_id"`
	Amount    money.Money `json:"amount"`
	Captured  money.Money `json:"captured"`
	Refunded  money.Money `json:"refunded"`
	Status    string      `json:"status"`
	Method    string      `json:"method"`
	CreatedAt time.Time   `json:"created_at"`
}

// ShipmentView is a parcel.
type ShipmentView struct {
	ID             int64      `json:"id"`
	OrderID        int64      `json:"order_id"`
	Carrier        string     `json:"carrier"`
	Service        string     `json:"service"`
	TrackingNumber string     `json:"tracking_number"`
	Status         string     `json:"status"`
	ColdChain      bool       `json:"cold_chain"`
	ShippedAt      *time.Time `json:"shipped_at,omitempty"`
	DeliveredAt    *time.Time `json:"delivered_at,omitempty"`
}

// PickTicket is a fulfilment work item (built by the orders store from a
// join across orders, customers, prescriptions and products).
type PickTicket struct {
	OrderID      int64      `json:"order_id"`
	CustomerName string     `json:"customer_name"`
	DateOfBirth  time.Time  `json:"date_of_birth"`
	Allergies    []string   `json:"allergies"`
	Lines        []PickLine `json:"lines"`
	PlacedAt     time.Time  `json:"placed_at"`
}

// PickLine is one line to fill.
type PickLine struct {
	LineID         int64  `json:"line_id"`
	ProductID      int64  `json:"product_id"`
	NDC            string `json:"ndc"`
	Drug           string `json:"drug"`
	Quantity       int    `json:"quantity"`
	PrescriptionID *int64 `json:"prescription_id,omitempty"`
	Sig            string `json:"sig,omitempty"`
}
