// Package tax computes VAT/sales tax for invoice and order lines.
package tax

import (
	"fmt"

	"mvno.telco/core/models"
	"mvno.telco/core/platform/money"
)

const (
	CodeTelecom = "telecom"
	CodeDevice  = "device"
	CodeExempt  = "exempt"
)

// rates in basis points per region and tax code.
var rates = map[string]map[string]int64{
	"GB": {CodeTelecom: 2000, CodeDevice: 2000, CodeExempt: 0},
	"IE": {CodeTelecom: 2300, CodeDevice: 2300, CodeExempt: 0},
	"DE": {CodeTelecom: 1900, CodeDevice: 1900, CodeExempt: 0},
}

func Rate(region, code string) (int64, error) {
	r, ok := rates[region]
	if !ok {
		return 0, fmt.Errorf("tax: unknown region %q", region)
	}
	bp, ok := r[code]
	if !ok {
		return 0, fmt.Errorf("tax: unknown code %q", code)
	}
	return bp, nil
}

// Compute returns total tax, rounding per tax code (not per line) as HMRC
// allows for invoices.
func Compute(region string, lines []models.InvoiceLine) (money.Money, error) {
	if len(lines) == 0 {
		return money.Money{}, nil
	}
	byCode := map[string]money.Money{}
	for _, l := range lines {
		code := l.TaxCode
		if code == "" {
			code = CodeTelecom
		}
		byCode[code] = byCode[code].MustAdd(l.Amount)
	}
	total := money.Zero(lines[0].Amount.Currency)
	for code, base := range byCode {
		bp, err := Rate(region, code)
		if err != nil {
			return total, err
		}
		total = total.MustAdd(base.Percent(bp))
	}
	return total, nil
}
