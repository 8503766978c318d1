// Package core is what is left of the original 2019 reservation engine.
// New code should not add to it; helpers move out as their owners find time.
package core

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"

	"skyhop.aero/backend/pkg/models"
)

// MaxPassengersPerPNR is the group-booking threshold; larger parties go
// through the groups desk.
const MaxPassengersPerPNR = 9

var nameRE = regexp.MustCompile(`^[A-Z][A-Z \-']{0,56}$`)

// NormalizeName upper-cases, strips diacritics we can map and collapses
// whitespace, as required for the PNR name element and the BCBP barcode.
func NormalizeName(s string) string {
	repl := strings.NewReplacer("Æ", "AE", "Ø", "OE", "Å", "AA", "Ä", "AE", "Ö", "OE", "Ü", "UE", "ß", "SS", "É", "E", "È", "E")
	s = repl.Replace(strings.ToUpper(strings.TrimSpace(s)))
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// ValidPassenger checks the name and age rules for a passenger element.
func ValidPassenger(p models.Passenger, travel time.Time) error {
	if !nameRE.MatchString(NormalizeName(p.FirstName)) || !nameRE.MatchString(NormalizeName(p.LastName)) {
		return fmt.Errorf("invalid passenger name %q %q", p.FirstName, p.LastName)
	}
	age := AgeAt(p.DateOfBirth, travel)
	switch p.Type {
	case models.Infant:
		if age >= 2 {
			return fmt.Errorf("infant %s is %d years old on travel date", p.LastName, age)
		}
	case models.Child:
		if age < 2 || age >= 12 {
			return fmt.Errorf("child %s is %d years old on travel date", p.LastName, age)
		}
	case models.Adult:
		if !p.DateOfBirth.IsZero() && age < 12 {
			return fmt.Errorf("adult %s is only %d", p.LastName, age)
		}
	default:
		return fmt.Errorf("unknown passenger type %q", p.Type)
	}
	return nil
}

// AgeAt returns the age in whole years on the given date.
func AgeAt(dob, on time.Time) int {
	if dob.IsZero() {
		return 30
	}
	age := on.Year() - dob.Year()
	if on.YearDay() < dob.YearDay() {
		age--
	}
	return age
}

// CountSeated counts passengers that occupy a seat (infants sit on laps).
func CountSeated(ps []models.Passenger) int {
	n := 0
	for _, p := range ps {
		if p.Type != models.Infant {
			n++
		}
	}
	return n
}

// ---- fare helpers (still used by pricing) ----

// CabinOf maps a booking class to its cabin.
func CabinOf(bookingClass string) string {
	switch bookingClass {
	case "J", "C", "D":
		return "BUSINESS"
	default:
		return "ECONOMY"
	}
}

// ClassLadder is the nesting order of economy booking classes, most
// expensive first. Inventory and pricing both walk it.
var ClassLadder = []string{"Y", "B", "M", "H", "K", "L", "Q", "T", "O"}

// FareBasis builds a fare basis code such as "KOWSH" (class, one-way, carrier).
func FareBasis(bookingClass string, roundTrip bool, carrier string, flex bool) string {
	fb := bookingClass
	if roundTrip {
		fb += "RT"
	} else {
		fb += "OW"
	}
	if flex {
		fb += "FX"
	}
	return fb + carrier
}
