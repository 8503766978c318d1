// Package entities holds the types that more than one part of the backend
// passes around. It started as "the DTOs we send between modules" and grew.
//
// Rule of thumb (not always followed): if only one module uses a type, it
// does not belong here.
package entities

import (
	"strings"
	"time"

	"gitlab.com/roadrunner/fleet/lib/geo"
)

// VehicleClass drives licence requirements, pricing multipliers and
// speed limits.
type VehicleClass string

const (
	ClassVan     VehicleClass = "van"     // < 3.5 t
	ClassRigid   VehicleClass = "rigid"   // 7.5 - 26 t
	ClassTractor VehicleClass = "tractor" // articulated
	ClassReefer  VehicleClass = "reefer"  // temperature-controlled trailer
)

// ParseClass is lenient about case.
func ParseClass(s string) (VehicleClass, bool) {
	c := VehicleClass(strings.ToLower(strings.TrimSpace(s)))
	switch c {
	case ClassVan, ClassRigid, ClassTractor, ClassReefer:
		return c, true
	}
	return "", false
}

// Heavy reports classes that need a C/CE licence.
func (c VehicleClass) Heavy() bool { return c != ClassVan }

// DriverRef is how other modules refer to a driver.
type DriverRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Address is a postal address with a geocoded location.
type Address struct {
	Line1    string    `json:"line1"`
	City     string    `json:"city"`
	Postcode string    `json:"postcode"`
	Country  string    `json:"country"`
	Loc      geo.Point `json:"loc"`
}

// Ping is one position report from a telematics box.
type Ping struct {
	DeviceID   string    `json:"device_id"`
	VehicleID  string    `json:"vehicle_id"`
	At         time.Time `json:"at"`
	Pos        geo.Point `json:"pos"`
	SpeedKph   float64   `json:"speed_kph"`
	OdometerKm float64   `json:"odometer_km"`
	Ignition   bool      `json:"ignition"`
}
