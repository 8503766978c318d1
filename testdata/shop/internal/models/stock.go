package models

import (
	"errors"
	"fmt"
	"time"
)

// ErrInsufficientStock is returned when a reservation cannot be met.
var ErrInsufficientStock = errors.New("models: insufficient stock")

// StockLevel is the stock of one SKU in one warehouse.
type StockLevel struct {
	SKU          string
	WarehouseID  string
	OnHand       int
	Reserved     int
	ReorderPoint int
	UpdatedAt    time.Time
}

// Available is what can still be reserved.
func (s StockLevel) Available() int { return max(s.OnHand-s.Reserved, 0) }

// NeedsReorder reports whether the available stock fell to the reorder point.
func (s StockLevel) NeedsReorder() bool { return s.Available() <= s.ReorderPoint }

// Reserve sets qty aside.
func (s *StockLevel) Reserve(qty int) error {
	if qty <= 0 {
		return fmt.Errorf("models: reserve %d units", qty)
	}
	if qty > s.Available() {
		return fmt.Errorf("%w: %s@%s: want %d, have %d", ErrInsufficientStock, s.SKU, s.WarehouseID, qty, s.Available())
	}
	s.Reserved += qty
	return nil
}

// Release returns qty reserved units.
func (s *StockLevel) Release(qty int) { s.Reserved = max(s.Reserved-qty, 0) }

// Receive adds qty units to the stock on hand.
func (s *StockLevel) Receive(qty int) error {
	if qty <= 0 {
		return fmt.Errorf("models: receive %d units", qty)
	}
	s.OnHand += qty
	return nil
}

// Reservation holds stock for an order until it ships or expires.
type Reservation struct {
	ID          string
	OrderID     string
	SKU         string
	WarehouseID string
	Quantity    int
	ExpiresAt   time.Time
	CreatedAt   time.Time
}

// Expired reports whether the reservation lapsed at now.
func (r Reservation) Expired(now time.Time) bool { return !now.Before(r.ExpiresAt) }

// TotalAvailable sums the available stock of levels.
func TotalAvailable(levels []StockLevel) int {
	n := 0
	for _, l := range levels {
		n += l.Available()
	}
	return n
}
