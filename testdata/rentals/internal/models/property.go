// Package models holds the shared domain types and DTOs used across the platform.
//
// It started as "the structs for the API" and everything ended up here.
package models

import (
	"time"

	"github.com/keystoneprop/platform/internal/money"
)

type PropertyType string

const (
	SingleFamily PropertyType = "single_family"
	MultiFamily  PropertyType = "multi_family"
	Condo        PropertyType = "condo"
	Townhome     PropertyType = "townhome"
)

type Address struct {
	Line1      string `json:"line1"`
	Line2      string `json:"line2,omitempty"`
	City       string `json:"city"`
	State      string `json:"state"`
	PostalCode string `json:"postal_code"`
}

type Property struct {
	ID          string       `json:"id"`
	Name        string       `json:"name"`
	Type        PropertyType `json:"type"`
	Address     Address      `json:"address"`
	YearBuilt   int          `json:"year_built,omitempty"`
	OwnerID     string       `json:"owner_id"`
	ManagerID   string       `json:"manager_id"`
	MgmtFeeBps  int64        `json:"mgmt_fee_bps"`
	ReserveHeld money.Cents  `json:"reserve_held"`
	Active      bool         `json:"active"`
	CreatedAt   time.Time    `json:"created_at"`
}

type UnitStatus string

const (
	UnitVacant    UnitStatus = "vacant"
	UnitListed    UnitStatus = "listed"
	UnitPending   UnitStatus = "pending"
	UnitOccupied  UnitStatus = "occupied"
	UnitNotice    UnitStatus = "notice"
	UnitOffline   UnitStatus = "offline"
	UnitMakeReady UnitStatus = "make_ready"
)

type Unit struct {
	ID         string      `json:"id"`
	PropertyID string      `json:"property_id"`
	Label      string      `json:"label"`
	Bedrooms   int         `json:"bedrooms"`
	Bathrooms  float64     `json:"bathrooms"`
	SquareFeet int         `json:"square_feet"`
	MarketRent money.Cents `json:"market_rent"`
	Status     UnitStatus  `json:"status"`
	UpdatedAt  time.Time   `json:"updated_at"`
}
