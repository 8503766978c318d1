// Package models holds the shared data types passed between modules and
// serialised on the API. It started as the single "types" file of the first
// version of the system and has grown with every feature since.
package models

import "time"

type Address struct {
	Name       string `json:"name"`
	Company    string `json:"company,omitempty"`
	Line1      string `json:"line1"`
	Line2      string `json:"line2,omitempty"`
	City       string `json:"city"`
	Region     string `json:"region"`
	PostalCode string `json:"postal_code"`
	Country    string `json:"country"`
	Phone      string `json:"phone,omitempty"`
}

// Dimensions are in centimetres and grams.
type Dimensions struct {
	LengthCM float64 `json:"length_cm"`
	WidthCM  float64 `json:"width_cm"`
	HeightCM float64 `json:"height_cm"`
	WeightG  int     `json:"weight_g"`
}

func (d Dimensions) VolumeCM3() float64 { return d.LengthCM * d.WidthCM * d.HeightCM }

type Page struct {
	Limit  int `json:"limit"`
	Offset int `json:"offset"`
}

func (p Page) Norm() Page {
	if p.Limit <= 0 || p.Limit > 500 {
		p.Limit = 100
	}
	if p.Offset < 0 {
		p.Offset = 0
	}
	return p
}

// Client is a 3PL customer whose goods we store and ship.
type Client struct {
	ID             string    `json:"id"`
	Code           string    `json:"code"`
	Name           string    `json:"name"`
	Active         bool      `json:"active"`
	BillingEmail   string    `json:"billing_email"`
	BillTo         Address   `json:"bill_to"`
	DefaultCarrier string    `json:"default_carrier,omitempty"`
	AllowBackorder bool      `json:"allow_backorder"`
	LotControlled  bool      `json:"lot_controlled"`
	CreatedAt      time.Time `json:"created_at"`
}
