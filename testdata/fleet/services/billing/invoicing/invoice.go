// Package invoicing drafts, issues and tracks customer invoices.
package invoicing

import (
	"fmt"
	"strings"
	"time"

	"gitlab.com/roadrunner/fleet/entities"
	"gitlab.com/roadrunner/fleet/lib/clock"
	"gitlab.com/roadrunner/fleet/lib/money"
	"gitlab.com/roadrunner/fleet/services/billing/pricing"
)

// VATRate is the Dutch standard rate; intra-EU B2B is reverse-charged.
const VATRate = 21.0

// Invoice is a customer invoice.
type Invoice struct {
	ID         string                 `json:"id"`
	Number     string                 `json:"number,omitempty"`
	Customer   entities.CustomerRef   `json:"customer"`
	Period     clock.Period           `json:"period"`
	Lines      []pricing.Line         `json:"lines"`
	Net        money.Money            `json:"net"`
	VAT        money.Money            `json:"vat"`
	Status     entities.InvoiceStatus `json:"status"`
	IssuedAt   time.Time              `json:"issued_at,omitzero"`
	DueAt      time.Time              `json:"due_at,omitzero"`
	ReverseVAT bool                   `json:"reverse_vat"`
}

// Total is net plus VAT.
func (i Invoice) Total() money.Money { return i.Net.MustAdd(i.VAT) }

// Header is the portal's list view.
func (i Invoice) Header() entities.InvoiceHeader {
	return entities.InvoiceHeader{ID: i.ID, Number: i.Number, Status: i.Status, Total: i.Total(),
		IssuedAt: i.IssuedAt, DueAt: i.DueAt}
}

// Render produces the plain-text version attached to e-mails until the
// PDF service is back.
func Render(i Invoice) string {
	var b strings.Builder
	fmt.Fprintf(&b, "INVOICE %s\n%s\nPeriod: %s\n\n", i.Number, i.Customer.Name, i.Period)
	for _, l := range i.Lines {
		fmt.Fprintf(&b, "%-60s %14s\n", l.Text, l.Amount)
	}
	vat := fmt.Sprintf("VAT %.0f%%", VATRate)
	if i.ReverseVAT {
		vat = "VAT reverse-charged"
	}
	fmt.Fprintf(&b, "\n%-60s %14s\n%-60s %14s\n%-60s %14s\n", "Net", i.Net, vat, i.VAT, "Total", i.Total())
	fmt.Fprintf(&b, "\nDue by %s\n", i.DueAt.In(clock.Local).Format(time.DateOnly))
	return b.String()
}
