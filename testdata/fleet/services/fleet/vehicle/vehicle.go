// Package vehicle is the fleet register: what trucks and vans we own or
// lease, their state, and their odometer.
package vehicle

import (
	"regexp"
	"strings"
	"time"

	"gitlab.com/roadrunner/fleet/entities"
	"gitlab.com/roadrunner/fleet/lib/errs"
)

// Status of a vehicle in the register.
type Status string

const (
	StatusActive  Status = "active"
	StatusOnTrip  Status = "on_trip"
	StatusInShop  Status = "in_shop"
	StatusRetired Status = "retired"
)

// Vehicle is one unit in the fleet.
type Vehicle struct {
	ID         string                `json:"id"`
	VIN        string                `json:"vin"`
	Plate      string                `json:"plate"`
	Make       string                `json:"make"`
	Year       int                   `json:"year"`
	Class      entities.VehicleClass `json:"class"`
	Status     Status                `json:"status"`
	OdometerKm float64               `json:"odometer_km"`
	TankLitres float64               `json:"tank_litres"`
	DepotID    string                `json:"depot_id"`
	CreatedAt  time.Time             `json:"created_at"`
}

// Dispatchable reports whether dispatch may put the vehicle on a trip.
func (v Vehicle) Dispatchable() bool { return v.Status == StatusActive }

var (
	plateRe = regexp.MustCompile(`^[A-Z0-9]{1,3}-?[A-Z0-9]{1,3}-?[A-Z0-9]{1,3}$`)
	vinRe   = regexp.MustCompile(`^[A-HJ-NPR-Z0-9]{17}$`) // no I, O, Q
)

// NormalisePlate upper-cases and strips spaces.
func NormalisePlate(p string) string {
	return strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(p), " ", ""))
}

// Validate checks the fields a registration needs.
func (v Vehicle) Validate() error {
	var val errs.Validation
	val.Check(plateRe.MatchString(v.Plate), "plate", "is not a valid plate")
	val.Check(vinRe.MatchString(v.VIN), "vin", "must be 17 characters without I, O or Q")
	_, ok := entities.ParseClass(string(v.Class))
	val.Check(ok, "class", "is unknown")
	val.Check(v.Year >= 1990 && v.Year <= time.Now().Year()+1, "year", "is out of range")
	val.Check(v.TankLitres >= 0 && v.TankLitres <= 1500, "tank_litres", "is out of range")
	return val.Err("vehicle.validate")
}

var transitions = map[Status][]Status{
	StatusActive: {StatusOnTrip, StatusInShop, StatusRetired},
	StatusOnTrip: {StatusActive, StatusInShop},
	StatusInShop: {StatusActive, StatusRetired},
}

// CanMove reports whether a status change is allowed.
func CanMove(from, to Status) bool {
	for _, s := range transitions[from] {
		if s == to {
			return true
		}
	}
	return false
}
