// Package domain holds the check-in record and the rules around it.
package domain

import (
	"time"

	"skyhop.aero/backend/pkg/platform/errs"
)

type Status string

const (
	CheckedIn Status = "CHECKED_IN"
	Boarded   Status = "BOARDED"
	Offloaded Status = "OFFLOADED"
)

type Checkin struct {
	ID          int64
	Locator     string
	PassengerID int64
	FlightID    int64
	Seat        string
	Sequence    int
	Status      Status
	DocType     string
	DocNumber   string
	DocCountry  string
	DocExpiry   time.Time
	CreatedAt   time.Time
}

// Window checks that check-in is open for a departure.
func Window(now, departure time.Time, opens, closes time.Duration) error {
	if now.Before(departure.Add(-opens)) {
		return errs.Invalid("checkin.window", "check-in opens %s before departure", opens)
	}
	if now.After(departure.Add(-closes)) {
		return errs.Conflict("checkin.window", "check-in closed %s before departure", closes)
	}
	return nil
}

// Document is the travel document captured for APIS.
type Document struct {
	Type    string    `json:"type"` // P passport, I national id
	Number  string    `json:"number"`
	Country string    `json:"country"`
	Expiry  time.Time `json:"expiry"`
}

// ValidateDocument applies the APIS rules: passports for non-Schengen
// routes, and the document must be valid on the day of travel.
func ValidateDocument(d Document, travel time.Time, schengen bool) error {
	if d.Number == "" || len(d.Country) != 3 {
		return errs.Invalid("checkin.document", "document number and ISO-3 country are required")
	}
	if !schengen && d.Type != "P" {
		return errs.Invalid("checkin.document", "a passport is required for this route")
	}
	if d.Expiry.Before(travel) {
		return errs.Invalid("checkin.document", "document expires before travel")
	}
	return nil
}

// Board marks the passenger boarded.
func (c *Checkin) Board() error {
	if c.Status != CheckedIn {
		return errs.Conflict("checkin.board", "passenger is %s", c.Status)
	}
	c.Status = Boarded
	return nil
}

// Offload removes a passenger from the flight after check-in.
func (c *Checkin) Offload() error {
	if c.Status == Offloaded {
		return errs.Conflict("checkin.offload", "already offloaded")
	}
	c.Status = Offloaded
	return nil
}

// Zone derives the boarding zone from the seat row: rear rows board first.
func Zone(seat string, rows int) int {
	row := 0
	for _, r := range seat {
		if r < '0' || r > '9' {
			break
		}
		row = row*10 + int(r-'0')
	}
	switch {
	case row <= 4:
		return 1 // business and priority
	case row > rows*2/3:
		return 2
	default:
		return 3
	}
}
