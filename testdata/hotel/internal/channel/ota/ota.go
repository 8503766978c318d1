// Package ota defines the channel-manager abstraction over online travel
// agencies: pushing availability/rates/inventory (ARI) and receiving bookings.
package ota

import (
	"context"
	"fmt"
	"net/http"
	"time"
)

// Channel names.
const (
	BookingCom = "bookingcom"
	Expedia    = "expedia"
)

// ARIUpdate is one night of availability and price for a mapped room/rate.
type ARIUpdate struct {
	HotelRef   string
	RoomRef    string
	RateRef    string
	Day        time.Time
	Available  int
	Closed     bool
	PriceCents int64
	Currency   string
}

// BookingStatus is the OTA's view of a reservation.
type BookingStatus string

const (
	BookingNew       BookingStatus = "new"
	BookingModified  BookingStatus = "modified"
	BookingCancelled BookingStatus = "cancelled"
)

// Booking is a reservation notification from an OTA, normalised.
type Booking struct {
	Channel    string
	ChannelRef string
	Status     BookingStatus
	HotelRef   string
	RoomRef    string
	RateRef    string
	CheckIn    time.Time
	CheckOut   time.Time
	Adults     int
	Children   int
	FirstName  string
	LastName   string
	Email      string
	Phone      string
	Country    string
	TotalCents int64
	Currency   string
	Remarks    string
}

// Client is implemented by each OTA integration.
type Client interface {
	Name() string
	PushARI(ctx context.Context, updates []ARIUpdate) error
	ParseBooking(body []byte, h http.Header) (*Booking, error)
	Ack(channelRef string) []byte
}

// Registry maps channel names to clients.
type Registry map[string]Client

// Get returns the client for name.
func (r Registry) Get(name string) (Client, error) {
	c, ok := r[name]
	if !ok {
		return nil, fmt.Errorf("ota: unknown channel %q", name)
	}
	return c, nil
}

// Chunk splits updates into batches no larger than size (OTAs limit payloads).
func Chunk(updates []ARIUpdate, size int) [][]ARIUpdate {
	var out [][]ARIUpdate
	for len(updates) > size {
		out = append(out, updates[:size])
		updates = updates[size:]
	}
	if len(updates) > 0 {
		out = append(out, updates)
	}
	return out
}
