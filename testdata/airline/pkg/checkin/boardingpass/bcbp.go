// Package boardingpass encodes IATA BCBP (Resolution 792) "M1" barcodes.
package boardingpass

import (
	"fmt"
	"strings"
	"time"

	"skyhop.aero/backend/pkg/core"
	"skyhop.aero/backend/pkg/models"
)

// Leg holds the flight data printed on the pass.
type Leg struct {
	Locator     string
	Origin      string
	Destination string
	Carrier     string
	Number      int
	Date        time.Time
	Compartment byte // 'C' business, 'Y' economy
	Seat        string
	Sequence    int
}

// Encode builds the mandatory items of a single-leg M1 barcode.
func Encode(lastName, firstName string, l Leg, eticket bool) string {
	name := core.NormalizeName(lastName) + "/" + core.NormalizeName(firstName)
	ind := byte(' ')
	if eticket {
		ind = 'E'
	}
	var b strings.Builder
	b.WriteString("M1")
	b.WriteString(pad(name, 20))
	b.WriteByte(ind)
	b.WriteString(pad(l.Locator, 7))
	b.WriteString(pad(l.Origin, 3))
	b.WriteString(pad(l.Destination, 3))
	b.WriteString(pad(l.Carrier, 3))
	b.WriteString(fmt.Sprintf("%04d ", l.Number))
	b.WriteString(fmt.Sprintf("%03d", l.Date.YearDay()))
	b.WriteByte(l.Compartment)
	b.WriteString(padLeft(l.Seat, 4))
	b.WriteString(fmt.Sprintf("%04d ", l.Sequence))
	b.WriteString("1")  // passenger status: checked in
	b.WriteString("00") // no conditional items
	return b.String()
}

// Pass assembles the boarding pass DTO.
func Pass(p models.Passenger, f models.FlightSummary, locator, seat string, seq, zone int) models.BoardingPass {
	comp := byte('Y')
	if core.CabinOf(seatClass(seat)) == "BUSINESS" {
		comp = 'C'
	}
	return models.BoardingPass{
		Locator: locator, PassengerID: p.ID, FlightID: f.FlightID, Seat: seat, Sequence: seq, Zone: zone,
		BoardingAt: f.DepartureUTC.Add(-30 * time.Minute),
		Barcode: Encode(p.LastName, p.FirstName, Leg{
			Locator: locator, Origin: f.Origin, Destination: f.Destination, Carrier: f.Carrier,
			Number: f.Number, Date: f.DepartureUTC, Compartment: comp, Seat: seat, Sequence: seq,
		}, true),
	}
}

// seatClass maps rows 1-4 to a business booking class for the compartment code.
func seatClass(seat string) string {
	if len(seat) >= 2 && seat[0] >= '1' && seat[0] <= '4' && (seat[1] < '0' || seat[1] > '9') {
		return "J"
	}
	return "Y"
}

func pad(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s + strings.Repeat(" ", n-len(s))
}

func padLeft(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return strings.Repeat("0", n-len(s)) + s
}
