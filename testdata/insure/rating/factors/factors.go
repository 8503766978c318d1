// Package factors derives rating keys from risk characteristics. The keys
// must match those filed in rate_factors; change them only with a filing.
package factors

import (
	"fmt"
	"strconv"
	"time"

	"harbormutual.com/core/domain"
	"harbormutual.com/core/platform/money"
)

// Factor names as filed.
const (
	DriverAge      = "driver_age"
	Experience     = "experience"
	Violations     = "violations"
	Accidents      = "accidents"
	VehicleAge     = "vehicle_age"
	Usage          = "usage"
	Mileage        = "mileage"
	Territory      = "territory"
	AntiTheft      = "anti_theft"
	Construction   = "construction"
	Protection     = "protection_class"
	RoofAge        = "roof_age"
	Coastal        = "coastal"
	HomeAge        = "home_age"
	Alarm          = "alarm"
	CreditTier     = "credit_tier"
	LossHistory    = "loss_history"
	Deductible     = "deductible"
	LimitIncrement = "limit"
)

// band is an upper bound (exclusive) and the filed key for values below it.
type band struct {
	below float64
	key   string
}

func lookup(v float64, bands []band, top string) string {
	for _, b := range bands {
		if v < b.below {
			return b.key
		}
	}
	return top
}

var (
	driverAgeBands  = []band{{20, "16-19"}, {25, "20-24"}, {30, "25-29"}, {50, "30-49"}, {65, "50-64"}, {75, "65-74"}}
	experienceBands = []band{{3, "0-2"}, {6, "3-5"}}
	vehicleAgeBands = []band{{2, "new"}, {6, "2-5"}, {11, "6-10"}}
	mileageBands    = []band{{7500, "low"}, {15000, "mid"}}
	protectionBands = []band{{4, "1-3"}, {7, "4-6"}, {9, "7-8"}}
	roofBands       = []band{{10, "0-9"}, {20, "10-19"}}
	coastalBands    = []band{{1, "<1"}, {5, "1-5"}, {25, "5-25"}}
	homeAgeBands    = []band{{10, "0-9"}, {30, "10-29"}, {60, "30-59"}}
	// insurance score tiers, lowest first
	creditBands = []band{{580, "E"}, {650, "D"}, {720, "C"}, {800, "B"}}
)

func DriverAgeBand(age int) string     { return lookup(float64(age), driverAgeBands, "75+") }
func ExperienceBand(years int) string  { return lookup(float64(years), experienceBands, "6+") }
func MileageBand(miles int) string     { return lookup(float64(miles), mileageBands, "high") }
func ProtectionBand(class int) string  { return lookup(float64(class), protectionBands, "9-10") }
func RoofAgeBand(years int) string     { return lookup(float64(years), roofBands, "20+") }
func CoastalBand(miles float64) string { return lookup(miles, coastalBands, "inland") }

func VehicleAgeBand(modelYear int, asOf time.Time) string {
	return lookup(float64(asOf.Year()-modelYear), vehicleAgeBands, "11+")
}

func HomeAgeBand(yearBuilt int, asOf time.Time) string {
	return lookup(float64(asOf.Year()-yearBuilt), homeAgeBands, "60+")
}

// CreditTierFor maps an insurance score to a tier; unscored is "U".
// Some states prohibit credit; the engine skips the factor there.
func CreditTierFor(score int) string {
	if score == 0 {
		return "U"
	}
	return lookup(float64(score), creditBands, "A")
}

// Capped returns "0", "1", ..., "N+" for counts.
func Capped(n, max int) string {
	if n >= max {
		return strconv.Itoa(max) + "+"
	}
	return strconv.Itoa(n)
}

// TerritoryFor maps a ZIP to a rating territory (first three digits, which
// is what every state we write in filed).
func TerritoryFor(zip string) string {
	if len(zip) < 3 {
		return "*"
	}
	return zip[:3]
}

func Bool(b bool) string {
	if b {
		return "Y"
	}
	return "N"
}

// DeductibleKey expresses a deductible in whole dollars.
func DeductibleKey(d money.Money) string { return fmt.Sprintf("%d", int64(d.Float())) }

// LimitKey expresses a limit in thousands, e.g. "100K".
func LimitKey(l money.Money) string { return fmt.Sprintf("%dK", int64(l.Float())/1000) }

// CreditProhibited lists states where insurance scores may not be used.
var CreditProhibited = map[string]bool{"CA": true, "MA": true, "HI": true}

// PrincipalDriver picks the highest-risk driver (youngest, then most violations).
func PrincipalDriver(ds []domain.Driver) (domain.Driver, bool) {
	if len(ds) == 0 {
		return domain.Driver{}, false
	}
	best := ds[0]
	for _, d := range ds[1:] {
		if d.Age < best.Age || (d.Age == best.Age && d.Violations > best.Violations) {
			best = d
		}
	}
	return best, true
}
