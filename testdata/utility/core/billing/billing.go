// Package billing calculates bills: energy charges from meter advances at
// the tariff rates in force, standing charges per day, credits, and VAT.
package billing

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"time"

	"gridline.energy/platform/core/accounts/sites"
	"gridline.energy/platform/core/models"
	"gridline.energy/platform/core/util"
	"gridline.energy/platform/kit/errs"
	"gridline.energy/platform/kit/ids"
	"gridline.energy/platform/kit/money"
	"gridline.energy/platform/services/pricing/domain"
	pricing "gridline.energy/platform/services/pricing/service"
)

// Credit is a pending adjustment to be applied on the next bill.
type Credit struct {
	ID     string
	Amount money.Pence // positive = credit to the customer
	Reason string
}

type Calculator struct {
	db      *sql.DB
	pricing *pricing.Service
	sites   *sites.Service
	vatBps  int
}

func NewCalculator(d *sql.DB, p *pricing.Service, s *sites.Service, vatBps int) *Calculator {
	return &Calculator{db: d, pricing: p, sites: s, vatBps: vatBps}
}

// registerBand maps a meter register to the tariff band it is charged at.
func registerBand(reg string, multi bool) domain.Band {
	if !multi {
		return domain.BandStandard
	}
	if reg == "night" || reg == "2" {
		return domain.BandNight
	}
	return domain.BandDay
}

// Calculate builds a draft bill for [from, to). Consumption on each register
// is spread evenly across the days of the period and charged at the rate of
// each tariff period it falls in.
func (c *Calculator) Calculate(ctx context.Context, acc models.Account, from, to time.Time, credits []Credit) (models.Bill, error) {
	const op = "billing.Calculate"
	if !to.After(from) {
		return models.Bill{}, errs.Invalid(op, "empty period")
	}
	bill := models.Bill{ID: ids.New(ids.PrefixBill), AccountID: acc.ID, PeriodStart: from, PeriodEnd: to, Status: models.BillDraft}
	ss, err := c.sites.ForAccount(ctx, acc.ID)
	if err != nil {
		return bill, err
	}
	for _, site := range ss {
		start, end := from, to
		if site.SupplyStart == nil || !site.SupplyStart.Before(to) {
			continue
		}
		if site.SupplyStart.After(start) {
			start = *site.SupplyStart
		}
		if site.SupplyEnd != nil {
			if !site.SupplyEnd.After(start) {
				continue
			}
			if site.SupplyEnd.Before(end) {
				end = *site.SupplyEnd
			}
		}
		lines, est, err := c.siteLines(ctx, site, start, end)
		if err != nil {
			return bill, fmt.Errorf("%s: site %s: %w", op, site.ID, err)
		}
		bill.Lines = append(bill.Lines, lines...)
		bill.Estimated = bill.Estimated || est
	}
	for _, cr := range credits {
		bill.Lines = append(bill.Lines, models.BillLine{Kind: models.LineCredit, Description: cr.Reason,
			Quantity: 1, Unit: "item", Amount: -cr.Amount})
	}
	c.total(&bill)
	return bill, nil
}

func (c *Calculator) siteLines(ctx context.Context, site models.Site, from, to time.Time) ([]models.BillLine, bool, error) {
	periods, err := c.pricing.PeriodsFor(ctx, site.ID, from, to)
	if err != nil {
		return nil, false, err
	}
	advs, err := c.siteAdvances(ctx, site.ID, from, to)
	if err != nil {
		return nil, false, err
	}
	totalDays := to.Sub(from).Hours() / 24
	fuel := "Electricity"
	if site.Fuel == models.Gas {
		fuel = "Gas"
	}
	var lines []models.BillLine
	estimated := false
	// energy: per register per tariff period, pro-rata by days
	byBand := map[string]*models.BillLine{}
	var keys []string
	for _, a := range advs {
		estimated = estimated || a.Estimated
		for _, p := range periods {
			band := registerBand(a.Register, p.MultiRate)
			share := p.Days() / totalDays
			key := fmt.Sprintf("%s|%s|%.4f", p.TariffCode, band, p.UnitPence[band])
			l, ok := byBand[key]
			if !ok {
				l = &models.BillLine{SiteID: site.ID, Kind: models.LineEnergy, Unit: "kWh", UnitPrice: p.UnitPence[band],
					Description: fmt.Sprintf("%s %s (%s) %s-%s", fuel, band, p.TariffCode,
						p.From.Format("02 Jan"), p.To.AddDate(0, 0, -1).Format("02 Jan"))}
				byBand[key] = l
				keys = append(keys, key)
			}
			l.Quantity += a.KWh * share
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		l := byBand[k]
		l.Quantity = float64(int64(l.Quantity*100+0.5)) / 100
		l.Amount = money.Mul(l.Quantity, l.UnitPrice)
		lines = append(lines, *l)
	}
	for _, p := range periods {
		days := float64(util.DaysBetween(p.From, p.To))
		lines = append(lines, models.BillLine{SiteID: site.ID, Kind: models.LineStanding,
			Description: fmt.Sprintf("%s standing charge (%s)", fuel, p.TariffCode),
			Quantity:    days, Unit: "day", UnitPrice: p.StandingPence, Amount: money.Mul(days, p.StandingPence)})
	}
	return lines, estimated, nil
}

// total sets Net, VAT and Total. VAT is charged on the net of energy and
// standing charges; goodwill credits are outside the scope of VAT.
func (c *Calculator) total(b *models.Bill) {
	var taxable, credits money.Pence
	for _, l := range b.Lines {
		if l.Kind == models.LineCredit {
			credits += l.Amount
		} else {
			taxable += l.Amount
		}
	}
	b.VAT = taxable.Percent(c.vatBps)
	b.Net = taxable + credits
	b.Total = b.Net + b.VAT
}
