// Package catalog models the products RxNow sells: prescription drugs
// identified by NDC, and OTC items.
package catalog

import (
	"strings"
	"time"

	"rxnow.health/backend/kernel/errs"
	"rxnow.health/backend/kernel/money"
)

// Product is a sellable item.
type Product struct {
	ID          int64
	NDC         string // 11-digit, 5-4-2 without dashes
	Name        string
	GenericName string
	Strength    string
	Form        string
	PackageSize int
	RequiresRx  bool
	Schedule    int // DEA schedule 2-5, 0 when not controlled
	ColdChain   bool
	UnitPrice   money.Money
	Active      bool
	UpdatedAt   time.Time
}

// IsControlled reports whether the product is a DEA-scheduled substance.
func (p Product) IsControlled() bool { return p.Schedule >= 2 && p.Schedule <= 5 }

// Validate checks invariants.
func (p *Product) Validate() error {
	const op = "catalog.Product.Validate"
	if strings.TrimSpace(p.Name) == "" {
		return errs.Invalidf(op, "name is required")
	}
	if p.RequiresRx || p.NDC != "" {
		ndc, err := NormalizeNDC(p.NDC)
		if err != nil {
			return err
		}
		p.NDC = ndc
	}
	if p.Schedule != 0 && (p.Schedule < 2 || p.Schedule > 5) {
		return errs.Invalidf(op, "schedule must be 0 or 2..5")
	}
	if p.IsControlled() && !p.RequiresRx {
		return errs.Invalidf(op, "controlled substances require a prescription")
	}
	if p.UnitPrice.IsNegative() {
		return errs.Invalidf(op, "price cannot be negative")
	}
	if p.PackageSize <= 0 {
		p.PackageSize = 1
	}
	p.Form = strings.ToLower(p.Form)
	return nil
}

// NormalizeNDC converts any of the 10-digit label formats (4-4-2, 5-3-2,
// 5-4-1) or an 11-digit code into the 11-digit 5-4-2 billing format.
func NormalizeNDC(s string) (string, error) {
	const op = "catalog.NormalizeNDC"
	s = strings.TrimSpace(s)
	parts := strings.Split(s, "-")
	if len(parts) == 1 {
		if len(s) == 11 && isDigits(s) {
			return s, nil
		}
		return "", errs.Invalidf(op, "NDC %q must be hyphenated or 11 digits", s)
	}
	if len(parts) != 3 {
		return "", errs.Invalidf(op, "NDC %q has %d segments", s, len(parts))
	}
	for _, p := range parts {
		if !isDigits(p) {
			return "", errs.Invalidf(op, "NDC %q contains non-digits", s)
		}
	}
	l, pr, pk := len(parts[0]), len(parts[1]), len(parts[2])
	switch {
	case l == 4 && pr == 4 && pk == 2:
		parts[0] = "0" + parts[0]
	case l == 5 && pr == 3 && pk == 2:
		parts[1] = "0" + parts[1]
	case l == 5 && pr == 4 && pk == 1:
		parts[2] = "0" + parts[2]
	case l == 5 && pr == 4 && pk == 2:
	default:
		return "", errs.Invalidf(op, "NDC %q has an unknown layout", s)
	}
	return parts[0] + parts[1] + parts[2], nil
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
