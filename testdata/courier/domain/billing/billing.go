// Package billing models charges, invoices and credit notes for merchants.
package billing

import (
	"context"
	"fmt"
	"sort"
	"time"

	"parcelgo.com/platform/domain/model"
	"parcelgo.com/platform/domain/pricing"
	"parcelgo.com/platform/shared/errs"
	"parcelgo.com/platform/shared/money"
)

type ChargeKind string

const (
	ChargeDelivery ChargeKind = "delivery"
	ChargeReturn   ChargeKind = "return"
	ChargeCODFee   ChargeKind = "cod_fee"
	ChargeFailed   ChargeKind = "failed_attempt"
	ChargeCredit   ChargeKind = "credit"
)

// Charge is a billable event not yet (or already) invoiced.
type Charge struct {
	ID             string
	MerchantID     string
	ShipmentID     string
	TrackingNumber string
	Kind           ChargeKind
	Amount         money.Money
	OccurredAt     time.Time
	InvoiceID      string
}

type InvoiceStatus string

const (
	InvoiceDraft  InvoiceStatus = "draft"
	InvoiceIssued InvoiceStatus = "issued"
	InvoicePaid   InvoiceStatus = "paid"
	InvoiceVoid   InvoiceStatus = "void"
)

type Invoice struct {
	ID          string
	Number      string
	MerchantID  string
	PeriodStart time.Time
	PeriodEnd   time.Time
	Lines       []model.InvoiceLine
	Subtotal    money.Money
	Tax         money.Money
	Total       money.Money
	Status      InvoiceStatus
	IssuedAt    time.Time
	DueAt       time.Time
	PaidAt      *time.Time
	ChargeIDs   []string
}

// BuildInvoice groups charges into lines: deliveries are aggregated per
// kind, credits are listed individually so merchants can reconcile claims.
func BuildInvoice(id, merchantID, currency string, start, end time.Time, charges []Charge, taxBps, termsDays int) (Invoice, error) {
	if len(charges) == 0 {
		return Invoice{}, errs.Invalid("no charges to invoice")
	}
	inv := Invoice{ID: id, MerchantID: merchantID, PeriodStart: start, PeriodEnd: end, Status: InvoiceDraft,
		Subtotal: money.Zero(currency)}
	agg := map[ChargeKind]*model.InvoiceLine{}
	for _, c := range charges {
		if c.MerchantID != merchantID {
			return Invoice{}, fmt.Errorf("billing: charge %s belongs to %s", c.ID, c.MerchantID)
		}
		inv.ChargeIDs = append(inv.ChargeIDs, c.ID)
		inv.Subtotal = inv.Subtotal.Add(c.Amount)
		if c.Kind == ChargeCredit {
			inv.Lines = append(inv.Lines, model.InvoiceLine{Description: "Credit: claim settlement",
				ShipmentID: c.ShipmentID, TrackingNumber: c.TrackingNumber, Quantity: 1, Amount: c.Amount})
			continue
		}
		l, ok := agg[c.Kind]
		if !ok {
			l = &model.InvoiceLine{Description: describe(c.Kind), Amount: money.Zero(currency)}
			agg[c.Kind] = l
		}
		l.Quantity++
		l.Amount = l.Amount.Add(c.Amount)
	}
	kinds := make([]string, 0, len(agg))
	for k := range agg {
		kinds = append(kinds, string(k))
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		inv.Lines = append(inv.Lines, *agg[ChargeKind(k)])
	}
	if inv.Subtotal.Amount < 0 {
		inv.Subtotal.Amount = 0 // credits carry over rather than producing negative invoices
	}
	inv.Tax = inv.Subtotal.Bps(taxBps)
	inv.Total = inv.Subtotal.Add(inv.Tax)
	inv.IssuedAt = end
	inv.DueAt = end.AddDate(0, 0, termsDays)
	return inv, nil
}

func describe(k ChargeKind) string {
	switch k {
	case ChargeDelivery:
		return "Parcel deliveries"
	case ChargeReturn:
		return "Return shipments"
	case ChargeCODFee:
		return "Cash-on-delivery handling"
	case ChargeFailed:
		return "Failed delivery attempts"
	}
	return string(k)
}

// InvoiceNumber formats the legally sequential invoice number.
func InvoiceNumber(year, seq int) string { return fmt.Sprintf("PG-%d-%06d", year, seq) }

// Repository persists billing data.
type Repository interface {
	RateCard(ctx context.Context, id string) (pricing.RateCard, error)
	AddCharge(ctx context.Context, c Charge) error
	UnbilledCharges(ctx context.Context, merchantID string, until time.Time) ([]Charge, error)
	MerchantsWithUnbilled(ctx context.Context, until time.Time) ([]string, error)
	SaveInvoice(ctx context.Context, inv *Invoice) error
	Invoice(ctx context.Context, id string) (Invoice, error)
	DeliveredWithoutCharge(ctx context.Context, since time.Time) ([]Charge, error)
}
