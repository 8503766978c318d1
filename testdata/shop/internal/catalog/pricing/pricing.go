// Package pricing computes what a customer pays for a product: promotions,
// volume discounts and VAT.
package pricing

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"example.com/shop/internal/platform/money"
)

// RuleKind is the kind of a price rule.
type RuleKind string

// The rule kinds.
const (
	RulePercentOff RuleKind = "percent_off"
	RuleAmountOff  RuleKind = "amount_off"
	RuleVolume     RuleKind = "volume"
)

// Rule is a promotion.
type Rule struct {
	Name        string
	Kind        RuleKind
	SKUPrefix   string
	MinQty      int
	BasisPoints int64       // for percent_off and volume
	Amount      money.Money // for amount_off, per unit
	Starts      time.Time
	Ends        time.Time
}

// Applies reports whether r applies to qty units of sku at t.
func (r Rule) Applies(sku string, qty int, at time.Time) bool {
	if r.SKUPrefix != "" && !strings.HasPrefix(sku, r.SKUPrefix) {
		return false
	}
	if qty < max(r.MinQty, 1) {
		return false
	}
	if !r.Starts.IsZero() && at.Before(r.Starts) {
		return false
	}
	return r.Ends.IsZero() || at.Before(r.Ends)
}

// Quote is the price of qty units of one SKU.
type Quote struct {
	SKU      string      `json:"sku"`
	Quantity int         `json:"quantity"`
	Unit     money.Money `json:"unit"`
	Discount money.Money `json:"discount"`
	Net      money.Money `json:"net"`
	VAT      money.Money `json:"vat"`
	Gross    money.Money `json:"gross"`
	Applied  []string    `json:"applied,omitempty"`
}

// vatRates are in basis points.
var vatRates = map[string]int64{
	"AT": 2000, "BE": 2100, "DE": 1900, "DK": 2500, "ES": 2100, "FR": 2000,
	"GB": 2000, "IE": 2300, "IT": 2200, "NL": 2100, "PL": 2300, "SE": 2500,
	"US": 0,
}

// VATRate returns the VAT rate of country in basis points.
func VATRate(country string) (int64, bool) {
	r, ok := vatRates[strings.ToUpper(country)]
	return r, ok
}

// Calculate prices qty units of sku at unit price, applying the best
// discount of each kind. Prices are net; VAT is added for country.
func Calculate(sku string, unit money.Money, qty int, country string, rules []Rule, at time.Time) (Quote, error) {
	if qty <= 0 {
		return Quote{}, fmt.Errorf("pricing: quantity %d", qty)
	}
	rate, ok := VATRate(country)
	if !ok {
		return Quote{}, fmt.Errorf("pricing: no VAT rate for %q", country)
	}
	q := Quote{SKU: sku, Quantity: qty, Unit: unit, Discount: money.Zero(unit.Currency)}
	list := unit.Mul(int64(qty))
	best := map[RuleKind]money.Money{}
	names := map[RuleKind]string{}
	for _, r := range rules {
		if !r.Applies(sku, qty, at) {
			continue
		}
		var d money.Money
		switch r.Kind {
		case RulePercentOff, RuleVolume:
			d = list.Percent(r.BasisPoints)
		case RuleAmountOff:
			if r.Amount.Currency != unit.Currency {
				continue
			}
			d = r.Amount.Mul(int64(qty))
		default:
			return Quote{}, fmt.Errorf("pricing: rule %q: unknown kind %q", r.Name, r.Kind)
		}
		if cur, seen := best[r.Kind]; !seen || d.Amount > cur.Amount {
			best[r.Kind], names[r.Kind] = d, r.Name
		}
	}
	kinds := make([]RuleKind, 0, len(best))
	for k := range best {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	for _, k := range kinds {
		var err error
		if q.Discount, err = q.Discount.Add(best[k]); err != nil {
			return Quote{}, err
		}
		q.Applied = append(q.Applied, names[k])
	}
	net, err := list.Sub(q.Discount)
	if err != nil {
		return Quote{}, err
	}
	if net.IsNegative() {
		net = money.Zero(unit.Currency)
	}
	q.Net = net
	q.VAT = net.Percent(rate)
	if q.Gross, err = net.Add(q.VAT); err != nil {
		return Quote{}, err
	}
	return q, nil
}

var skuPattern = regexp.MustCompile(`^[A-Z0-9]+(-[A-Z0-9]+)*$`)

// NormalizeSKU upper-cases a SKU and turns spaces, underscores and repeated
// dashes into single dashes: " ab_12--x " becomes "AB-12-X".
func NormalizeSKU(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToUpper(strings.TrimSpace(s)) {
		switch {
		case r == ' ' || r == '_' || r == '-':
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
		default:
			b.WriteRune(r)
			dash = false
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// ValidSKU reports whether s is a normalized SKU.
func ValidSKU(s string) bool { return len(s) <= 64 && skuPattern.MatchString(s) }
