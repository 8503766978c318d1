// Package pricing computes the fees Gatehouse adds on top of face value.
// Fee rules are negotiated per promoter; the defaults here apply when no
// override exists.
package pricing

import (
	"gatehouse.events/platform/internal/orders/domain"
	"gatehouse.events/platform/internal/platform/money"
)

// Rules configures the fee calculation.
type Rules struct {
	ServiceFeeBps       int64
	ServiceFeeMinMinor  int64
	FacilityFeePerUnit  int64
	OrderProcessingFee  int64
	VATBpsByCountry     map[string]int64
	VATOnFeesOnly       bool
	FreeFacilityForComp bool
}

// DefaultRules are the standard consumer fees.
func DefaultRules() Rules {
	return Rules{
		ServiceFeeBps:      1000,
		ServiceFeeMinMinor: 150,
		FacilityFeePerUnit: 100,
		OrderProcessingFee: 250,
		VATBpsByCountry:    map[string]int64{"GB": 2000, "DE": 1900, "FR": 2000, "NL": 2100, "IE": 2300},
		VATOnFeesOnly:      true,
	}
}

// Calculator prices orders.
type Calculator struct{ rules Rules }

// New builds a calculator.
func New(r Rules) *Calculator { return &Calculator{rules: r} }

// Fees returns the fee lines for the given order lines.
func (c *Calculator) Fees(lines []domain.Line, country string, ch domain.Channel) []domain.Fee {
	if len(lines) == 0 {
		return nil
	}
	cur := lines[0].Price.Currency
	service := money.Zero(cur)
	facility := money.Zero(cur)
	for _, l := range lines {
		if l.Price.IsZero() && c.rules.FreeFacilityForComp {
			continue
		}
		fee := l.Price.Percent(c.rules.ServiceFeeBps)
		if fee.Amount < c.rules.ServiceFeeMinMinor && !l.Price.IsZero() {
			fee = money.New(c.rules.ServiceFeeMinMinor, cur)
		}
		service = service.MustAdd(fee)
		facility = facility.MustAdd(money.New(c.rules.FacilityFeePerUnit, cur))
	}
	var fees []domain.Fee
	if ch == domain.ChannelBoxOffice {
		// Box office sales only carry the facility fee.
		return append(fees, domain.Fee{Kind: domain.FeeFacility, Amount: facility})
	}
	fees = append(fees,
		domain.Fee{Kind: domain.FeeService, Amount: service},
		domain.Fee{Kind: domain.FeeFacility, Amount: facility},
	)
	if c.rules.OrderProcessingFee > 0 {
		fees = append(fees, domain.Fee{Kind: domain.FeeDelivery, Amount: money.New(c.rules.OrderProcessingFee, cur)})
	}
	if bps, ok := c.rules.VATBpsByCountry[country]; ok {
		base := service.MustAdd(facility)
		if !c.rules.VATOnFeesOnly {
			for _, l := range lines {
				base = base.MustAdd(l.Price)
			}
		}
		fees = append(fees, domain.Fee{Kind: domain.FeeVAT, Amount: base.Percent(bps)})
	}
	return fees
}

// Breakdown totals fees by kind for receipts.
func Breakdown(fees []domain.Fee) map[domain.FeeKind]money.Money {
	out := map[domain.FeeKind]money.Money{}
	for _, f := range fees {
		out[f.Kind] = out[f.Kind].MustAdd(f.Amount)
	}
	return out
}
