// Package domain holds the pricing context's model: tariffs, their rates by
// time band, and the sites assigned to them.
package domain

import (
	"time"

	"gridline.energy/platform/core/models"
)

type Band string

const (
	BandStandard Band = "standard"
	BandDay      Band = "day"
	BandNight    Band = "night"
)

type Rate struct {
	Band      Band       `json:"band"`
	UnitPence float64    `json:"unit_pence"` // p/kWh, ex VAT
	From      time.Time  `json:"from"`
	To        *time.Time `json:"to,omitempty"`
}

func (r Rate) ActiveAt(t time.Time) bool {
	return !t.Before(r.From) && (r.To == nil || t.Before(*r.To))
}

type Tariff struct {
	models.Tariff
	StandingPence float64 `json:"standing_pence"` // p/day, ex VAT
	MultiRate     bool    `json:"multi_rate"`
	Rates         []Rate  `json:"rates"`
}

// UnitRate returns the unit rate for a band at a moment.
func (t Tariff) UnitRate(b Band, at time.Time) (float64, bool) {
	for _, r := range t.Rates {
		if r.Band == b && r.ActiveAt(at) {
			return r.UnitPence, true
		}
	}
	return 0, false
}

// Bands lists the bands the tariff charges in.
func (t Tariff) Bands() []Band {
	if t.MultiRate {
		return []Band{BandDay, BandNight}
	}
	return []Band{BandStandard}
}

// NightShare is the fraction of consumption assumed on the night register
// when only a total is known (Economy 7 profile class 2).
const NightShare = 0.42

// Assignment puts a site on a tariff for a period.
type Assignment struct {
	SiteID     string     `json:"site_id"`
	TariffID   string     `json:"tariff_id"`
	TariffCode string     `json:"tariff_code"`
	From       time.Time  `json:"from"`
	To         *time.Time `json:"to,omitempty"`
	FixedUntil *time.Time `json:"fixed_until,omitempty"`
}

// ExitFeeWindow: no exit fee may be charged in the last 49 days of a fix.
const ExitFeeWindow = 49 * 24 * time.Hour
