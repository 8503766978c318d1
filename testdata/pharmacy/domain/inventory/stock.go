// Package inventory models on-hand stock, lots and reservations at the
// fulfilment pharmacy.
package inventory

import (
	"sort"
	"time"

	"rxnow.health/backend/kernel/errs"
)

// Movement reasons.
const (
	ReasonReceive  = "receive"
	ReasonDispense = "dispense"
)

// StockLevel is the aggregate position of one product.
type StockLevel struct {
	ProductID    int64
	OnHand       int
	Reserved     int
	ReorderPoint int
	ReorderQty   int
	UpdatedAt    time.Time
}

// Available is what may still be promised to new orders.
func (s StockLevel) Available() int { return s.OnHand - s.Reserved }

// NeedsReorder reports whether a purchase order should be raised.
func (s StockLevel) NeedsReorder() bool { return s.Available() <= s.ReorderPoint }

// Reserve promises qty units to an order.
func (s *StockLevel) Reserve(qty int) error {
	if qty <= 0 {
		return errs.Invalidf("inventory.Reserve", "quantity must be positive")
	}
	if s.Available() < qty {
		return errs.Conflictf("inventory.Reserve", "product %d: only %d available, %d requested", s.ProductID, s.Available(), qty)
	}
	s.Reserved += qty
	return nil
}

// Lot is a manufacturer lot with an expiry date.
type Lot struct {
	ID        int64
	ProductID int64
	LotNumber string
	ExpiresOn time.Time
	Quantity  int
}

// Usable reports whether the lot can still be dispensed: it must not
// expire within the patient's days supply plus a safety margin.
func (l Lot) Usable(now time.Time, daysSupply int) bool {
	return l.Quantity > 0 && l.ExpiresOn.After(now.AddDate(0, 0, daysSupply+30))
}

// Pick is a quantity taken from a lot.
type Pick struct {
	LotID     int64
	LotNumber string
	Quantity  int
}

// PickFEFO allocates qty from lots, first-expiry-first-out.
func PickFEFO(lots []Lot, qty int, now time.Time, daysSupply int) ([]Pick, error) {
	sorted := append([]Lot(nil), lots...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].ExpiresOn.Before(sorted[j].ExpiresOn) })
	var picks []Pick
	left := qty
	for _, l := range sorted {
		if left == 0 {
			break
		}
		if !l.Usable(now, daysSupply) {
			continue
		}
		take := min(l.Quantity, left)
		picks = append(picks, Pick{LotID: l.ID, LotNumber: l.LotNumber, Quantity: take})
		left -= take
	}
	if left > 0 {
		return nil, errs.Conflictf("inventory.PickFEFO", "not enough in-date stock: short by %d", left)
	}
	return picks, nil
}

// Reservation holds stock for an order until it is filled or expires.
type Reservation struct {
	ID        int64
	OrderID   int64
	ProductID int64
	Quantity  int
	ExpiresAt time.Time
	Committed bool
}
