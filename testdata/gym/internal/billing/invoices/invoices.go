// Package invoices builds invoices: numbering, VAT and totals.
package invoices

import (
	"fmt"
	"time"

	"github.com/pulsefit/clubs/internal/models"
	"github.com/pulsefit/clubs/pkg/errs"
	"github.com/pulsefit/clubs/pkg/ids"
	"github.com/pulsefit/clubs/pkg/money"
)

// PaymentTermsDays is how long a member has to pay a non-DD invoice.
const PaymentTermsDays = 14

// Number formats an invoice number, e.g. PF-2024-000123.
func Number(year int, seq int64) string { return fmt.Sprintf("PF-%d-%06d", year, seq) }

// VATExempt sources are outside VAT scope (memberships are standard-rated; PT is too).
var vatRates = map[string]int{
	"membership": 2000,
	"pt":         2000,
	"shop":       2000,
	"locker":     2000,
	"credit":     0,
}

// Totals computes gross total and the VAT portion of a set of VAT-inclusive lines.
func Totals(lines []models.InvoiceLine, cur string) (total, vat money.Money) {
	total, vat = money.New(0, cur), money.New(0, cur)
	for _, l := range lines {
		gross := l.Total()
		total = total.Add(gross)
		rate := vatRates[l.Source]
		if rate > 0 {
			// VAT fraction of a VAT-inclusive amount: gross * rate / (10000 + rate)
			v := gross.Amount * int64(rate) / int64(10000+rate)
			vat = vat.Add(money.New(v, cur))
		}
	}
	return total, vat
}

// Build creates a new open invoice.
func Build(memberID string, seq int64, lines []models.InvoiceLine, now time.Time) (models.Invoice, error) {
	if len(lines) == 0 {
		return models.Invoice{}, errs.Invalid("invoice has no lines")
	}
	cur := lines[0].UnitPrice.Currency
	for _, l := range lines {
		if l.Quantity <= 0 {
			return models.Invoice{}, errs.Invalid("line %q has non-positive quantity", l.Description)
		}
		if l.UnitPrice.Currency != cur {
			return models.Invoice{}, errs.Invalid("mixed currencies on invoice")
		}
	}
	total, vat := Totals(lines, cur)
	return models.Invoice{
		ID:       ids.New(ids.Invoice),
		MemberID: memberID,
		Number:   Number(now.Year(), seq),
		Status:   models.InvoiceOpen,
		IssuedAt: now,
		DueDate:  now.AddDate(0, 0, PaymentTermsDays),
		Lines:    lines,
		Total:    total,
		VAT:      vat,
	}, nil
}

// MembershipLine is the standard monthly fee line.
func MembershipLine(planName string, fee money.Money, period time.Time, membershipID string) models.InvoiceLine {
	return models.InvoiceLine{
		Description: fmt.Sprintf("%s membership – %s", planName, period.Format("January 2006")),
		Quantity:    1,
		UnitPrice:   fee,
		Source:      "membership",
		SourceRef:   membershipID,
	}
}
