// Package models holds types that "everyone needs". It started as the DTOs
// for the mobile app in 2019 and has grown since; please don't add to it.
package models

import (
	"time"

	"loomly.com/api/platform/money"
)

type User struct {
	ID          string    `json:"id"`
	Email       string    `json:"email"`
	DisplayName string    `json:"display_name"`
	IsSeller    bool      `json:"is_seller"`
	CreatedAt   time.Time `json:"created_at"`
}

type Address struct {
	Name       string `json:"name"`
	Line1      string `json:"line1"`
	Line2      string `json:"line2,omitempty"`
	City       string `json:"city"`
	Region     string `json:"region"`
	PostalCode string `json:"postal_code"`
	Country    string `json:"country"`
}

func (a Address) Valid() bool {
	return a.Name != "" && a.Line1 != "" && a.City != "" && a.PostalCode != "" && len(a.Country) == 2
}

// ShopSummary is embedded in listing and order responses.
type ShopSummary struct {
	ID       string  `json:"id"`
	Slug     string  `json:"slug"`
	Name     string  `json:"name"`
	OwnerID  string  `json:"owner_id"`
	Country  string  `json:"country"`
	Rating   float64 `json:"rating"`
	IsActive bool    `json:"is_active"`
}

// ListingSummary is the compact listing card used by search, carts and orders.
type ListingSummary struct {
	ID       string      `json:"id"`
	ShopID   string      `json:"shop_id"`
	Title    string      `json:"title"`
	Price    money.Money `json:"price"`
	ImageURL string      `json:"image_url"`
	Quantity int         `json:"quantity"`
	State    string      `json:"state"`
}

const (
	ListingDraft    = "draft"
	ListingActive   = "active"
	ListingSoldOut  = "sold_out"
	ListingInactive = "inactive"
)

type OrderStatus string

const (
	OrderPending   OrderStatus = "pending"
	OrderPaid      OrderStatus = "paid"
	OrderShipped   OrderStatus = "shipped"
	OrderDelivered OrderStatus = "delivered"
	OrderCancelled OrderStatus = "cancelled"
	OrderDisputed  OrderStatus = "disputed"
	OrderRefunded  OrderStatus = "refunded"
)

type PaymentStatus string

const (
	PaymentAuthorized PaymentStatus = "authorized"
	PaymentCaptured   PaymentStatus = "captured"
	PaymentFailed     PaymentStatus = "failed"
	PaymentRefunded   PaymentStatus = "refunded"
)

type DisputeStatus string

const (
	DisputeOpen      DisputeStatus = "open"
	DisputeSeller    DisputeStatus = "awaiting_seller"
	DisputeEscalated DisputeStatus = "escalated"
	DisputeResolved  DisputeStatus = "resolved"
)

// OrderLine is shared by checkout (building) and orders (persisting).
type OrderLine struct {
	ListingID string      `json:"listing_id"`
	ShopID    string      `json:"shop_id"`
	Title     string      `json:"title"`
	Quantity  int         `json:"quantity"`
	UnitPrice money.Money `json:"unit_price"`
}

func (l OrderLine) Total() money.Money { return l.UnitPrice.Mul(int64(l.Quantity)) }

// RatingSummary is shown on shop and listing pages.
type RatingSummary struct {
	Average float64 `json:"average"`
	Count   int     `json:"count"`
}

type Page[T any] struct {
	Items  []T `json:"items"`
	Limit  int `json:"limit"`
	Offset int `json:"offset"`
	Total  int `json:"total"`
}
