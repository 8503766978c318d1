// Package fuelindex maintains the weekly diesel price index our contracts
// refer to for the fuel surcharge. The index is the volume-weighted average
// price we actually paid, published every Monday for the previous week.
package fuelindex

import (
	"context"
	"database/sql"
	"time"

	"gitlab.com/roadrunner/fleet/lib/clock"
	"gitlab.com/roadrunner/fleet/lib/errs"
	"gitlab.com/roadrunner/fleet/services/fuel/transactions"
)

// BaseCentsPerLitre is the contractual base price (Jan 2023).
const BaseCentsPerLitre = 165.0

// FuelShare is the share of transport cost that is fuel, per the sector
// association's formula.
const FuelShare = 0.32

// Index reads and publishes the price index.
type Index struct {
	db    *sql.DB
	clock clock.Clock
}

// New wires the index.
func New(db *sql.DB, clk clock.Clock) *Index { return &Index{db: db, clock: clk} }

// SurchargePct is the fuel surcharge percentage to apply at t, from the
// latest week published before t's week. Never negative: we do not give
// discounts when diesel is cheap (contract §7.2).
func (ix *Index) SurchargePct(ctx context.Context, t time.Time) (float64, error) {
	var ct float64
	err := ix.db.QueryRowContext(ctx, `SELECT cents_per_litre FROM fuel_price_index WHERE week_start < $1
		ORDER BY week_start DESC LIMIT 1`, clock.StartOfWeek(t, clock.Local)).Scan(&ct)
	if err == sql.ErrNoRows {
		return 0, nil
	}
	if err != nil {
		return 0, errs.Wrap("fuelindex.SurchargePct", err)
	}
	return max(0, (ct-BaseCentsPerLitre)/BaseCentsPerLitre*FuelShare*100), nil
}

// Recompute publishes the week starting at weekStart from our own diesel
// transactions. Manual points are not overwritten.
func (ix *Index) Recompute(ctx context.Context, weekStart time.Time) error {
	const op = "fuelindex.Recompute"
	weekStart = clock.StartOfWeek(weekStart, clock.Local)
	var cents, litres sql.NullFloat64
	err := ix.db.QueryRowContext(ctx, `SELECT SUM(amount_cents), SUM(litres) FROM fuel_transactions
		WHERE product = 'diesel' AND at >= $1 AND at < $2 AND position($3 in flags) = 0`,
		weekStart, weekStart.AddDate(0, 0, 7), transactions.FlagOverTank).Scan(&cents, &litres)
	if err != nil {
		return errs.Wrap(op, err)
	}
	if litres.Float64 < 500 {
		return errs.E(op, errs.KindUnavailable, "not enough volume to publish an index")
	}
	_, err = ix.db.ExecContext(ctx, `INSERT INTO fuel_price_index (week_start, cents_per_litre, source)
		VALUES ($1, $2, 'transactions') ON CONFLICT (week_start) DO UPDATE SET cents_per_litre = EXCLUDED.cents_per_litre
		WHERE fuel_price_index.source <> 'manual'`, weekStart, cents.Float64/litres.Float64)
	return errs.Wrap(op, err)
}

// Publish stores a manual point (used when the transaction volume is too
// low, e.g. Christmas week).
func (ix *Index) Publish(ctx context.Context, weekStart time.Time, centsPerLitre float64) error {
	if centsPerLitre <= 50 || centsPerLitre > 500 {
		return errs.Invalid("fuelindex.Publish", "%.1f ct/l is not a plausible diesel price", centsPerLitre)
	}
	_, err := ix.db.ExecContext(ctx, `INSERT INTO fuel_price_index (week_start, cents_per_litre, source)
		VALUES ($1, $2, 'manual') ON CONFLICT (week_start) DO UPDATE SET cents_per_litre = EXCLUDED.cents_per_litre,
		source = 'manual'`, clock.StartOfWeek(weekStart, clock.Local), centsPerLitre)
	return errs.Wrap("fuelindex.Publish", err)
}
