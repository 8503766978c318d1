// Package model holds the core domain types shared across the platform.
//
// It started as "the structs for the booking API" and grew as every team
// added their types here so handlers could return them directly.
package model

import "time"

// Hotel is a property in the Staybright chain.
type Hotel struct {
	ID         int64     `json:"id"`
	Code       string    `json:"code"` // e.g. "LIS01"
	Name       string    `json:"name"`
	City       string    `json:"city"`
	Country    string    `json:"country"` // ISO 3166-1 alpha-2
	Timezone   string    `json:"timezone"`
	Currency   string    `json:"currency"`
	StarRating int       `json:"star_rating"`
	CheckInAt  string    `json:"check_in_at"` // "15:00"
	CheckOutAt string    `json:"check_out_at"`
	Active     bool      `json:"active"`
	Amenities  []string  `json:"amenities,omitempty"`
	CreatedAt  time.Time `json:"created_at"`
}

// RoomType is a sellable category of rooms in a hotel.
type RoomType struct {
	ID            int64  `json:"id"`
	HotelID       int64  `json:"hotel_id"`
	Code          string `json:"code"` // e.g. "DBL-SEA"
	Name          string `json:"name"`
	MaxOccupancy  int    `json:"max_occupancy"`
	BedConfig     string `json:"bed_config"`
	BaseRateCents int64  `json:"base_rate_cents"`
	TotalRooms    int    `json:"total_rooms"`
}

// RoomStatus is the physical state of a room as tracked by housekeeping.
type RoomStatus string

const (
	RoomClean      RoomStatus = "clean"
	RoomDirty      RoomStatus = "dirty"
	RoomInspected  RoomStatus = "inspected"
	RoomOccupied   RoomStatus = "occupied"
	RoomOutOfOrder RoomStatus = "out_of_order"
)

// Room is a physical room.
type Room struct {
	ID         int64      `json:"id"`
	HotelID    int64      `json:"hotel_id"`
	RoomTypeID int64      `json:"room_type_id"`
	Number     string     `json:"number"`
	Floor      int        `json:"floor"`
	Status     RoomStatus `json:"status,omitempty"`
}

// InventoryDay is the sellable count of a room type on a night.
type InventoryDay struct {
	HotelID    int64     `json:"hotel_id"`
	RoomTypeID int64     `json:"room_type_id"`
	Day        time.Time `json:"day"`
	Total      int       `json:"total"`
	Sold       int       `json:"sold"`
	Closed     bool      `json:"closed"`
}

// Available returns the remaining sellable rooms.
func (d InventoryDay) Available() int {
	if d.Closed || d.Sold >= d.Total {
		return 0
	}
	return d.Total - d.Sold
}
