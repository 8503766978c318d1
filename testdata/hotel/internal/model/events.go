package model

import "time"

// Event topics published on the in-process bus.
const (
	TopicReservationConfirmed = "reservation.confirmed"
	TopicReservationCancelled = "reservation.cancelled"
	TopicGuestCheckedIn       = "stay.checked_in"
	TopicGuestCheckedOut      = "stay.checked_out"
	TopicAvailabilityChanged  = "inventory.availability_changed"
	TopicRatesChanged         = "pricing.rates_changed"
	TopicPaymentCaptured      = "payment.captured"
	TopicPaymentRefunded      = "payment.refunded"
	TopicRoomStatusChanged    = "housekeeping.room_status_changed"
)

// ReservationConfirmed is published once payment is authorized.
type ReservationConfirmed struct{ Reservation Reservation }

func (ReservationConfirmed) Topic() string { return TopicReservationConfirmed }

// ReservationCancelled is published when a reservation is cancelled or no-showed.
type ReservationCancelled struct {
	Reservation  Reservation
	PenaltyCents int64
}

func (ReservationCancelled) Topic() string { return TopicReservationCancelled }

// GuestCheckedIn is published by the front desk.
type GuestCheckedIn struct {
	Reservation Reservation
	RoomID      int64
}

func (GuestCheckedIn) Topic() string { return TopicGuestCheckedIn }

// GuestCheckedOut is published by the front desk at departure.
type GuestCheckedOut struct {
	Reservation Reservation
	RoomID      int64
	At          time.Time
}

func (GuestCheckedOut) Topic() string { return TopicGuestCheckedOut }

// AvailabilityChanged signals that sellable counts changed for a range.
type AvailabilityChanged struct {
	HotelID    int64
	RoomTypeID int64
	From, To   time.Time
}

func (AvailabilityChanged) Topic() string { return TopicAvailabilityChanged }

// RatesChanged signals new prices for a rate plan and range.
type RatesChanged struct {
	HotelID    int64
	RoomTypeID int64
	RatePlanID int64
	From, To   time.Time
}

func (RatesChanged) Topic() string { return TopicRatesChanged }

// PaymentCapturedEvent is published when money is actually taken.
type PaymentCapturedEvent struct{ Payment Payment }

func (PaymentCapturedEvent) Topic() string { return TopicPaymentCaptured }

// PaymentRefundedEvent is published after a (partial) refund.
type PaymentRefundedEvent struct {
	Payment     Payment
	AmountCents int64
}

func (PaymentRefundedEvent) Topic() string { return TopicPaymentRefunded }

// RoomStatusChanged is published by housekeeping.
type RoomStatusChanged struct {
	HotelID int64
	RoomID  int64
	Status  RoomStatus
}

func (RoomStatusChanged) Topic() string { return TopicRoomStatusChanged }
