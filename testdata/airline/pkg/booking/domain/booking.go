// Package domain contains the booking aggregate and its rules.
package domain

import (
	"time"

	"skyhop.aero/backend/pkg/core"
	"skyhop.aero/backend/pkg/core/pnr"
	"skyhop.aero/backend/pkg/models"
	"skyhop.aero/backend/pkg/platform/errs"
	"skyhop.aero/backend/pkg/platform/money"
)

// Booking wraps the PNR with the state the API does not expose.
type Booking struct {
	models.PNR
	QuoteID   string
	FareBasis string
	Version   int
}

// NewBooking validates the passengers and creates a held booking.
func NewBooking(quote models.FareQuote, flights []models.FlightSummary, pax []models.Passenger,
	email, phone string, holdTTL time.Duration, now time.Time) (*Booking, error) {
	if len(flights) == 0 {
		return nil, errs.Invalid("booking.new", "no flights")
	}
	if len(pax) == 0 || len(pax) > core.MaxPassengersPerPNR {
		return nil, errs.Invalid("booking.new", "between 1 and %d passengers per booking", core.MaxPassengersPerPNR)
	}
	if email == "" && phone == "" {
		return nil, errs.Invalid("booking.new", "a contact e-mail or phone is required")
	}
	adults, infants := 0, 0
	for i := range pax {
		if err := core.ValidPassenger(pax[i], flights[0].DepartureUTC); err != nil {
			return nil, errs.Invalid("booking.new", "%v", err)
		}
		pax[i].FirstName = core.NormalizeName(pax[i].FirstName)
		pax[i].LastName = core.NormalizeName(pax[i].LastName)
		switch pax[i].Type {
		case models.Adult:
			adults++
		case models.Infant:
			infants++
		}
	}
	if adults == 0 {
		return nil, errs.Invalid("booking.new", "at least one adult must travel")
	}
	if infants > adults {
		return nil, errs.Invalid("booking.new", "each infant must travel with an adult")
	}
	for i := 1; i < len(flights); i++ {
		if gap := flights[i].DepartureUTC.Sub(flights[i-1].ArrivalUTC); gap < MinConnection {
			return nil, errs.Invalid("booking.new", "connection of %s is below minimum", gap)
		}
	}
	b := &Booking{
		PNR: models.PNR{
			Locator: pnr.NewLocator(), Status: models.PNRHeld,
			ContactEmail: email, ContactPhone: phone,
			Passengers: pax, Total: quote.Total,
			HoldExpires: now.Add(holdTTL), CreatedAt: now,
		},
		QuoteID: quote.QuoteID, FareBasis: quote.FareBasis,
	}
	for _, f := range flights {
		f := f
		b.Segments = append(b.Segments, models.Segment{FlightID: f.FlightID, BookingClass: quote.BookingClass, Status: models.SegHeld, Flight: &f})
	}
	return b, nil
}

// MinConnection is the minimum connecting time at our hubs.
const MinConnection = 40 * time.Minute

// Confirm marks the booking paid.
func (b *Booking) Confirm(paid money.Amount, now time.Time) error {
	if b.Status != models.PNRHeld {
		return errs.Conflict("booking.confirm", "booking %s is %s", b.Locator, b.Status)
	}
	if now.After(b.HoldExpires) {
		return errs.Conflict("booking.confirm", "hold on %s expired", b.Locator)
	}
	if paid.Minor < b.Total.Minor {
		return errs.Invalid("booking.confirm", "paid %s, due %s", paid, b.Total)
	}
	b.Status = models.PNRConfirmed
	return nil
}

// MarkTicketed flips confirmed segments to ticketed.
func (b *Booking) MarkTicketed() error {
	if b.Status != models.PNRConfirmed {
		return errs.Conflict("booking.ticketed", "booking %s is %s", b.Locator, b.Status)
	}
	b.Status = models.PNRTicketed
	for i := range b.Segments {
		if b.Segments[i].Status == models.SegHeld {
			b.Segments[i].Status = models.SegConfirmed
		}
	}
	return nil
}

// Cancel cancels all active segments and returns those whose seats must be
// released.
func (b *Booking) Cancel() ([]models.Segment, error) {
	if b.Status == models.PNRCancelled {
		return nil, errs.Conflict("booking.cancel", "booking %s already cancelled", b.Locator)
	}
	var released []models.Segment
	for i := range b.Segments {
		if b.Segments[i].Status != models.SegCancelled {
			released = append(released, b.Segments[i])
			b.Segments[i].Status = models.SegCancelled
		}
	}
	b.Status = models.PNRCancelled
	return released, nil
}

// SeatedCount is the number of seats each segment consumes.
func (b *Booking) SeatedCount() int { return core.CountSeated(b.Passengers) }

// RefundDue is what a customer gets back on voluntary cancellation.
func RefundDue(total money.Amount, refundable bool, taxes money.Amount) money.Amount {
	if refundable {
		return total
	}
	// non-refundable fares still get taxes back
	return taxes
}
