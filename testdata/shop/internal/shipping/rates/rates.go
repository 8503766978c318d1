// Package rates prices shipments per carrier, service, zone and weight.
package rates

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"example.com/shop/internal/models"
	"example.com/shop/internal/platform/money"
)

// Zone is a delivery zone relative to the origin.
type Zone int

// The zones.
const (
	ZoneDomestic Zone = iota + 1
	ZoneEU
	ZoneWorld
)

var euCountries = map[string]bool{
	"AT": true, "BE": true, "BG": true, "CY": true, "CZ": true, "DE": true, "DK": true, "EE": true,
	"ES": true, "FI": true, "FR": true, "GR": true, "HR": true, "HU": true, "IE": true, "IT": true,
	"LT": true, "LU": true, "LV": true, "MT": true, "NL": true, "PL": true, "PT": true, "RO": true,
	"SE": true, "SI": true, "SK": true,
}

// ErrTooHeavy is returned when a parcel is heavier than the heaviest band.
var ErrTooHeavy = errors.New("rates: parcel exceeds the heaviest band")

// ZoneFor returns the zone of dest seen from origin.
func ZoneFor(origin, dest string) Zone {
	origin, dest = strings.ToUpper(origin), strings.ToUpper(dest)
	switch {
	case origin == dest:
		return ZoneDomestic
	case euCountries[origin] && euCountries[dest]:
		return ZoneEU
	}
	return ZoneWorld
}

// Band is the price of parcels up to MaxGrams.
type Band struct {
	MaxGrams int
	Price    money.Money
}

// Table is the price list of one carrier service.
type Table struct {
	Carrier string
	Service string
	Zones   map[Zone][]Band
}

// Price returns the price of one parcel of grams to zone.
func (t Table) Price(zone Zone, grams int) (money.Money, error) {
	bands, ok := t.Zones[zone]
	if !ok {
		return money.Money{}, fmt.Errorf("rates: %s/%s does not serve zone %d", t.Carrier, t.Service, zone)
	}
	for _, b := range bands {
		if grams <= b.MaxGrams {
			return b.Price, nil
		}
	}
	return money.Money{}, fmt.Errorf("%w: %dg with %s/%s", ErrTooHeavy, grams, t.Carrier, t.Service)
}

// Option is a way to ship, with its price.
type Option struct {
	Carrier string      `json:"carrier"`
	Service string      `json:"service"`
	Price   money.Money `json:"price"`
}

// Calculator prices shipments from one origin country.
type Calculator struct {
	origin string
	tables []Table
}

// NewCalculator returns a calculator.
func NewCalculator(origin string, tables ...Table) *Calculator {
	return &Calculator{origin: origin, tables: tables}
}

// Options lists every carrier service able to take parcels to dest,
// cheapest first.
func (c *Calculator) Options(dest string, parcels []models.Parcel) ([]Option, error) {
	if len(parcels) == 0 {
		return nil, errors.New("rates: no parcels")
	}
	zone := ZoneFor(c.origin, dest)
	var out []Option
	for _, t := range c.tables {
		var total money.Money
		ok := true
		for i, p := range parcels {
			price, err := t.Price(zone, p.ChargeableWeight())
			if err != nil {
				ok = false
				break
			}
			if i == 0 {
				total = price
				continue
			}
			if total, err = total.Add(price); err != nil {
				return nil, err
			}
		}
		if ok {
			out = append(out, Option{Carrier: t.Carrier, Service: t.Service, Price: total})
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("rates: no carrier serves %s for these parcels", dest)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Price.Amount < out[j].Price.Amount })
	return out, nil
}

// DefaultTables is the price list used when none is configured.
func DefaultTables(cur money.Currency) []Table {
	m := func(n int64) money.Money { return money.New(n, cur) }
	return []Table{
		{Carrier: "manual", Service: "standard", Zones: map[Zone][]Band{
			ZoneDomestic: {{2000, m(399)}, {5000, m(549)}, {10000, m(749)}, {31500, m(1299)}},
			ZoneEU:       {{2000, m(1099)}, {5000, m(1499)}, {10000, m(2199)}},
		}},
		{Carrier: "express", Service: "standard", Zones: map[Zone][]Band{
			ZoneDomestic: {{5000, m(690)}, {20000, m(1090)}, {31500, m(1590)}},
			ZoneEU:       {{5000, m(1390)}, {20000, m(2190)}, {31500, m(2990)}},
			ZoneWorld:    {{5000, m(3490)}, {20000, m(6990)}},
		}},
		{Carrier: "express", Service: "next_day", Zones: map[Zone][]Band{
			ZoneDomestic: {{5000, m(1290)}, {20000, m(1890)}},
			ZoneEU:       {{5000, m(2490)}, {20000, m(3990)}},
		}},
	}
}
