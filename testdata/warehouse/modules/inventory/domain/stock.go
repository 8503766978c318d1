// Package domain contains stock rules: allocation policy, adjustment
// reasons and velocity classes.
package domain

import (
	"sort"
	"time"

	"shipwell.io/wms/pkg/apperr"
	"shipwell.io/wms/pkg/models"
)

type Policy string

const (
	FIFO Policy = "fifo" // oldest receipt first
	FEFO Policy = "fefo" // earliest expiry first (lot-controlled clients)
)

// Candidate is a balance together with its location metadata.
type Candidate struct {
	Balance models.InventoryBalance
	LocType models.LocationType
	PickSeq int
}

// PlanAllocation chooses balances to satisfy qty. Pick faces are used before
// reserve so that replenishment, not picking, handles pallet breakdown.
// It returns the chosen allocations and the quantity that could not be met.
func PlanAllocation(cands []Candidate, qty int, policy Policy, now time.Time) ([]models.Allocation, int) {
	usable := cands[:0:0]
	for _, c := range cands {
		if c.Balance.Available() <= 0 {
			continue
		}
		if c.Balance.ExpiresAt != nil && c.Balance.ExpiresAt.Before(now.AddDate(0, 0, 7)) {
			continue // never ship stock with less than a week of life
		}
		if c.LocType != models.LocPick && c.LocType != models.LocReserve {
			continue
		}
		usable = append(usable, c)
	}
	sort.SliceStable(usable, func(i, j int) bool {
		a, b := usable[i], usable[j]
		if a.LocType != b.LocType {
			return a.LocType == models.LocPick
		}
		if policy == FEFO && a.Balance.ExpiresAt != nil && b.Balance.ExpiresAt != nil &&
			!a.Balance.ExpiresAt.Equal(*b.Balance.ExpiresAt) {
			return a.Balance.ExpiresAt.Before(*b.Balance.ExpiresAt)
		}
		if !a.Balance.ReceivedAt.Equal(b.Balance.ReceivedAt) {
			return a.Balance.ReceivedAt.Before(b.Balance.ReceivedAt)
		}
		return a.PickSeq < b.PickSeq
	})
	var out []models.Allocation
	remaining := qty
	for _, c := range usable {
		if remaining == 0 {
			break
		}
		take := min(c.Balance.Available(), remaining)
		out = append(out, models.Allocation{BalanceID: c.Balance.ID, LocationID: c.Balance.LocationID,
			SKU: c.Balance.SKU, Lot: c.Balance.Lot, Qty: take})
		remaining -= take
	}
	return out, remaining
}

var adjustmentReasons = map[string]bool{
	"damaged": true, "found": true, "lost": true, "cycle_count": true,
	"client_request": true, "expired": true, "qc_release": true,
}

// ValidateAdjustment enforces that adjustments carry a known reason and
// never take on-hand below what is already allocated.
func ValidateAdjustment(b models.InventoryBalance, delta int, reason string) error {
	if delta == 0 {
		return apperr.Invalid("adjustment of zero")
	}
	if !adjustmentReasons[reason] {
		return apperr.Invalid("unknown adjustment reason %q", reason)
	}
	if b.OnHand+delta < b.Allocated {
		return apperr.Conflict("adjustment would leave %d on hand with %d allocated", b.OnHand+delta, b.Allocated)
	}
	return nil
}

// ABCClass buckets SKUs by share of pick lines: top 80% A, next 15% B.
func ABCClass(cumulativeShare float64) string {
	switch {
	case cumulativeShare <= 0.80:
		return "A"
	case cumulativeShare <= 0.95:
		return "B"
	}
	return "C"
}
