package model

import (
	"time"

	"github.com/staybright/platform/internal/pkg/money"
)

// RatePlan is a sellable price product ("Flexible", "Non-refundable", ...).
type RatePlan struct {
	ID                int64  `json:"id"`
	HotelID           int64  `json:"hotel_id"`
	Code              string `json:"code"`
	Name              string `json:"name"`
	Refundable        bool   `json:"refundable"`
	FreeCancelHours   int    `json:"free_cancel_hours"`
	BreakfastIncluded bool   `json:"breakfast_included"`
	DiscountBps       int64  `json:"discount_bps"`
	MinNights         int    `json:"min_nights"`
	MembersOnly       bool   `json:"members_only"`
	Active            bool   `json:"active"`
}

// NightPrice is the price of a single night.
type NightPrice struct {
	Date   time.Time   `json:"date"`
	Amount money.Money `json:"amount"`
}

// Quote is a priced stay.
type Quote struct {
	HotelID      int64        `json:"hotel_id"`
	RoomTypeID   int64        `json:"room_type_id"`
	RatePlanCode string       `json:"rate_plan_code"`
	Refundable   bool         `json:"refundable"`
	Nights       []NightPrice `json:"nights"`
	Subtotal     money.Money  `json:"subtotal"`
	Discount     money.Money  `json:"discount"`
	Taxes        money.Money  `json:"taxes"`
	Total        money.Money  `json:"total"`
	PromoApplied string       `json:"promo_applied,omitempty"`
}
