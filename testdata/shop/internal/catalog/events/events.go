// Package events defines the events the catalog publishes. Other contexts
// may subscribe to them; this package is part of the catalog's published
// language.
package events

import (
	"time"

	"example.com/shop/internal/platform/money"
)

// Event names.
const (
	ProductCreatedName      = "catalog.product_created"
	PriceChangedName        = "catalog.price_changed"
	ProductDiscontinuedName = "catalog.product_discontinued"
)

// ProductCreated is published when a product is added to the catalog.
type ProductCreated struct {
	ProductID   string
	SKU         string
	Name        string
	WeightGrams int
	At          time.Time
}

// EventName implements eventbus.Event.
func (ProductCreated) EventName() string { return ProductCreatedName }

// PriceChanged is published when a list price changes.
type PriceChanged struct {
	ProductID string
	SKU       string
	Old, New  money.Money
	At        time.Time
}

// EventName implements eventbus.Event.
func (PriceChanged) EventName() string { return PriceChangedName }

// Increase reports whether the price went up.
func (e PriceChanged) Increase() bool {
	c, err := e.New.Cmp(e.Old)
	return err == nil && c > 0
}

// ProductDiscontinued is published when a product stops being sold.
type ProductDiscontinued struct {
	ProductID string
	SKU       string
	At        time.Time
}

// EventName implements eventbus.Event.
func (ProductDiscontinued) EventName() string { return ProductDiscontinuedName }
