package model

import "time"

// ReservationStatus is the lifecycle state of a reservation.
type ReservationStatus string

const (
	StatusPending    ReservationStatus = "pending"
	StatusConfirmed  ReservationStatus = "confirmed"
	StatusCheckedIn  ReservationStatus = "checked_in"
	StatusCheckedOut ReservationStatus = "checked_out"
	StatusCancelled  ReservationStatus = "cancelled"
	StatusNoShow     ReservationStatus = "no_show"
)

// Active reports whether the reservation still holds inventory.
func (s ReservationStatus) Active() bool {
	return s == StatusPending || s == StatusConfirmed || s == StatusCheckedIn
}

// Reservation sources.
const (
	SourceDirect     = "direct"
	SourceBookingCom = "bookingcom"
	SourceExpedia    = "expedia"
	SourceFrontDesk  = "frontdesk"
)

// Reservation is a booking of one room type for a date range.
type Reservation struct {
	ID               string            `json:"id"`
	ConfirmationCode string            `json:"confirmation_code"`
	HotelID          int64             `json:"hotel_id"`
	RoomTypeID       int64             `json:"room_type_id"`
	RoomID           int64             `json:"room_id,omitempty"`
	GuestID          string            `json:"guest_id"`
	CheckIn          time.Time         `json:"check_in"`
	CheckOut         time.Time         `json:"check_out"`
	Adults           int               `json:"adults"`
	Children         int               `json:"children"`
	Status           ReservationStatus `json:"status"`
	Source           string            `json:"source"`
	ChannelRef       string            `json:"channel_ref,omitempty"`
	RatePlanCode     string            `json:"rate_plan_code"`
	PromoCode        string            `json:"promo_code,omitempty"`
	TotalCents       int64             `json:"total_cents"`
	Currency         string            `json:"currency"`
	PaymentID        string            `json:"payment_id,omitempty"`
	SpecialRequests  string            `json:"special_requests,omitempty"`
	CancelReason     string            `json:"cancel_reason,omitempty"`
	CreatedAt        time.Time         `json:"created_at"`
	UpdatedAt        time.Time         `json:"updated_at"`
}

// Nights returns the length of stay.
func (r *Reservation) Nights() int {
	return int(r.CheckOut.Sub(r.CheckIn).Hours() / 24)
}
