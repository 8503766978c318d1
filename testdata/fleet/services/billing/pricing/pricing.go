// Package pricing turns a trip into money under a contract.
package pricing

import (
	"context"
	"fmt"

	"gitlab.com/roadrunner/fleet/entities"
	"gitlab.com/roadrunner/fleet/lib/errs"
	"gitlab.com/roadrunner/fleet/lib/money"
	"gitlab.com/roadrunner/fleet/services/billing/contracts"
	"gitlab.com/roadrunner/fleet/services/fuel/fuelindex"
)

// Line is one priced component.
type Line struct {
	Text   string      `json:"text"`
	Amount money.Money `json:"amount"`
}

// Quote is a priced trip.
type Quote struct {
	Lines []Line      `json:"lines"`
	Total money.Money `json:"total"`
}

// Price is the pure pricing function: distance and extra stops at the
// card's rates times the class factor, lifted to the minimum, plus fuel
// surcharge, minus contract discount.
func Price(rc contracts.RateCard, c contracts.Contract, t entities.TripSummary, surchargePct float64) Quote {
	f := rc.Factor(t.VehicleCls)
	base := rc.PerKm.Mul(t.BillableKm() * f)
	if t.Stops > 2 {
		base = base.MustAdd(rc.PerStop.Mul(float64(t.Stops-2) * f))
	}
	if base.Cents < rc.Minimum.Cents {
		base = rc.Minimum
	}
	q := Quote{Lines: []Line{{Text: fmt.Sprintf("%s, %.0f km, %d stops", t.Reference, t.BillableKm(), t.Stops), Amount: base}}}
	if c.FuelSurcharge && surchargePct > 0 {
		q.Lines = append(q.Lines, Line{Text: fmt.Sprintf("fuel surcharge %.2f%%", surchargePct), Amount: base.Percent(surchargePct)})
	}
	if c.DiscountPct > 0 {
		q.Lines = append(q.Lines, Line{Text: fmt.Sprintf("discount %.1f%%", c.DiscountPct), Amount: base.Percent(-c.DiscountPct)})
	}
	q.Total = money.Zero(rc.Currency)
	for _, l := range q.Lines {
		q.Total = q.Total.MustAdd(l.Amount)
	}
	return q
}

// Pricer looks up contracts and the fuel index.
type Pricer struct {
	contracts *contracts.Service
	index     *fuelindex.Index
}

// NewPricer wires the pricer.
func NewPricer(c *contracts.Service, ix *fuelindex.Index) *Pricer {
	return &Pricer{contracts: c, index: ix}
}

// Trip prices a completed trip under the contract in force when it ended.
func (p *Pricer) Trip(ctx context.Context, t entities.TripSummary) (Quote, error) {
	c, rc, err := p.contracts.ActiveFor(ctx, t.CustomerID, t.CompletedAt)
	if err != nil {
		return Quote{}, errs.Wrap("pricing.Trip", err)
	}
	pct, err := p.index.SurchargePct(ctx, t.CompletedAt)
	if err != nil {
		return Quote{}, errs.Wrap("pricing.Trip", err)
	}
	return Price(rc, c, t, pct), nil
}
