// Package model holds restaurant and menu types for Zipcab Eats.
package model

import (
	"time"

	"github.com/zipcab/backend/pkg/geo"
	"github.com/zipcab/backend/pkg/money"
)

// Restaurant is a row of restaurants.
type Restaurant struct {
	ID          int64     `db:"id" json:"id"`
	OwnerUserID int64     `db:"owner_user_id" json:"-"`
	Name        string    `db:"name" json:"name"`
	Cuisine     string    `db:"cuisine" json:"cuisine"`
	Address     string    `db:"address" json:"address"`
	Lat         float64   `db:"lat" json:"lat"`
	Lng         float64   `db:"lng" json:"lng"`
	City        string    `db:"city" json:"city"`
	PrepMinutes int       `db:"prep_minutes" json:"prep_minutes"`
	Commission  float64   `db:"commission_pct" json:"-"`
	Paused      bool      `db:"paused" json:"paused"`
	Rating      float64   `db:"rating_avg" json:"rating"`
	Currency    string    `db:"currency" json:"currency"`
	CreatedAt   time.Time `db:"created_at" json:"-"`
}

// Point returns the restaurant location.
func (r Restaurant) Point() geo.Point { return geo.Point{Lat: r.Lat, Lng: r.Lng} }

// Hours is one opening window; Weekday 0 = Sunday. Times are minutes after local midnight.
type Hours struct {
	RestaurantID int64 `db:"restaurant_id"`
	Weekday      int   `db:"weekday"`
	OpenMin      int   `db:"open_min"`
	CloseMin     int   `db:"close_min"`
}

// IsOpen reports whether any window contains t (in the restaurant's local time).
func IsOpen(hours []Hours, t time.Time) bool {
	m := t.Hour()*60 + t.Minute()
	for _, h := range hours {
		if h.Weekday != int(t.Weekday()) {
			continue
		}
		if h.CloseMin > h.OpenMin && m >= h.OpenMin && m < h.CloseMin {
			return true
		}
		if h.CloseMin < h.OpenMin && (m >= h.OpenMin || m < h.CloseMin) { // past midnight
			return true
		}
	}
	return false
}

// MenuItem is a row of menu_items.
type MenuItem struct {
	ID           int64  `db:"id" json:"id"`
	RestaurantID int64  `db:"restaurant_id" json:"-"`
	Section      string `db:"section" json:"section"`
	Name         string `db:"name" json:"name"`
	Description  string `db:"description" json:"description"`
	Price        int64  `db:"price" json:"price"`
	Available    bool   `db:"available" json:"available"`
	SortOrder    int    `db:"sort_order" json:"-"`
}

// Line is a requested item and quantity.
type Line struct {
	ItemID   int64  `json:"item_id"`
	Quantity int    `json:"quantity"`
	Note     string `json:"note,omitempty"`
}

// PricedLine is a validated, priced order line.
type PricedLine struct {
	ItemID    int64       `json:"item_id"`
	Name      string      `json:"name"`
	Quantity  int         `json:"quantity"`
	UnitPrice money.Money `json:"unit_price"`
	Total     money.Money `json:"total"`
	Note      string      `json:"note,omitempty"`
}

// Listing is a restaurant card in the browse feed.
type Listing struct {
	Restaurant
	DistanceKm float64 `json:"distance_km"`
	ETAMin     int     `json:"eta_min"`
	Open       bool    `json:"open"`
}
