// Package domain is the metering context's model: meters, registers, reads
// and the arithmetic of turning two reads into consumption.
package domain

import (
	"math"
	"time"

	"gridline.energy/platform/core/models"
)

type Kind string

const (
	KindCredit Kind = "credit"
	KindPrepay Kind = "prepayment"
	KindSmart  Kind = "smart"
)

type Unit string

const (
	UnitKWh       Unit = "kWh"
	UnitM3        Unit = "m3"  // metric gas meter
	UnitHundredFt Unit = "hcf" // imperial gas meter, hundreds of cubic feet
)

type Meter struct {
	ID          string      `json:"id"`
	Serial      string      `json:"serial"`
	SiteID      string      `json:"site_id"`
	Fuel        models.Fuel `json:"fuel"`
	Kind        Kind        `json:"kind"`
	Unit        Unit        `json:"unit"`
	Dials       int         `json:"dials"`
	Registers   []string    `json:"registers"`
	InstalledAt time.Time   `json:"installed_at"`
	RemovedAt   *time.Time  `json:"removed_at,omitempty"`
}

func (m Meter) HasRegister(r string) bool {
	for _, x := range m.Registers {
		if x == r {
			return true
		}
	}
	return false
}

// Advance is the meter advance between two register values, allowing for
// one roll-over past all nines on a meter with the given number of dials.
func Advance(prev, cur float64, dials int) (float64, bool) {
	if cur >= prev {
		return cur - prev, false
	}
	if dials <= 0 {
		dials = 5
	}
	full := math.Pow10(dials)
	return full - prev + cur, true
}

// Gas conversion constants (Gas (Calculation of Thermal Energy) Regulations).
const (
	CalorificValue   = 39.5 // MJ/m3, national average used when no daily CV
	VolumeCorrection = 1.02264
	HcfToM3          = 2.83
)

// ToKWh converts a meter advance in the meter's unit to kWh.
func ToKWh(advance float64, u Unit) float64 {
	switch u {
	case UnitM3:
		return advance * VolumeCorrection * CalorificValue / 3.6
	case UnitHundredFt:
		return advance * HcfToM3 * VolumeCorrection * CalorificValue / 3.6
	}
	return advance
}

// Exception rules.
const (
	RuleFutureDate    = "future_date"
	RuleBeforeInstall = "before_install"
	RuleUnknownReg    = "unknown_register"
	RuleNegative      = "negative_advance"
	RuleHighUsage     = "high_usage"
	RuleZeroUsage     = "zero_usage"
	RuleDuplicate     = "duplicate"
)
