// Package inventory tracks stock by lot and allocates first-expiry-
// first-out when dispensing.
package inventory

import (
	"context"
	"database/sql"
	"time"

	"github.com/acme/clinic/pkg/errs"
)

// Allocation is how much of a lot a dispense uses.
type Allocation struct {
	Lot string
	Qty int
}

type Store struct {
	db *sql.DB
}

func NewStore(db *sql.DB) *Store { return &Store{db: db} }

// Available sums unexpired stock for a drug.
func (s *Store) Available(ctx context.Context, drugCode string, asOf time.Time) (int, error) {
	var n sql.NullInt64
	err := s.db.QueryRowContext(ctx, `SELECT SUM(on_hand - reserved) FROM drug_inventory
		WHERE drug_code = ? AND expires_on > ?`, drugCode, asOf).Scan(&n)
	return int(n.Int64), errs.Wrap("inventory.Available", err)
}

// Take removes qty of a drug from stock inside tx, picking lots that
// expire first. It fails without side effects when stock is short.
func (s *Store) Take(ctx context.Context, tx *sql.Tx, drugCode string, qty int, asOf time.Time) ([]Allocation, error) {
	const op errs.Op = "inventory.Take"
	rows, err := tx.QueryContext(ctx, `SELECT lot, on_hand - reserved FROM drug_inventory
		WHERE drug_code = ? AND expires_on > ? AND on_hand - reserved > 0
		ORDER BY expires_on, lot FOR UPDATE`, drugCode, asOf)
	if err != nil {
		return nil, errs.Wrap(op, err)
	}
	var allocs []Allocation
	need := qty
	for rows.Next() && need > 0 {
		var lot string
		var avail int
		if err := rows.Scan(&lot, &avail); err != nil {
			rows.Close()
			return nil, errs.Wrap(op, err)
		}
		take := min(avail, need)
		allocs = append(allocs, Allocation{Lot: lot, Qty: take})
		need -= take
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, errs.Wrap(op, err)
	}
	if need > 0 {
		return nil, errs.Errorf(op, errs.KindConflict, "only %d of %d %s in stock", qty-need, qty, drugCode)
	}
	for _, a := range allocs {
		if _, err := tx.ExecContext(ctx, `UPDATE drug_inventory SET on_hand = on_hand - ? WHERE drug_code = ? AND lot = ?`,
			a.Qty, drugCode, a.Lot); err != nil {
			return nil, errs.Wrap(op, err)
		}
	}
	return allocs, nil
}
