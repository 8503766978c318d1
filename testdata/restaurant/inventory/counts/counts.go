// Package counts runs physical stock counts and posts the variance.
package counts

import (
	"context"
	"database/sql"

	"tablecraft.io/ops/internal/platform/errs"
	"tablecraft.io/ops/inventory"
)

// Variance is the difference between counted and expected stock.
type Variance struct {
	StockItemID int64   `json:"stock_item_id"`
	Expected    float64 `json:"expected"`
	Counted     float64 `json:"counted"`
	Delta       float64 `json:"delta"`
}

// Service manages count sessions.
type Service struct {
	db  *sql.DB
	inv *inventory.Service
}

// New returns a Service.
func New(conn *sql.DB, inv *inventory.Service) *Service { return &Service{db: conn, inv: inv} }

// Start opens a count session. Only one may be open per location.
func (s *Service) Start(ctx context.Context, locationID, employeeID int64) (int64, error) {
	var id int64
	err := s.db.QueryRowContext(ctx,
		`INSERT INTO stock_counts (location_id, counted_by, status, started_at)
		 SELECT $1, $2, 'open', now()
		 WHERE NOT EXISTS (SELECT 1 FROM stock_counts WHERE location_id = $1 AND status = 'open')
		 RETURNING id`, locationID, employeeID).Scan(&id)
	if err == sql.ErrNoRows {
		return 0, errs.Conflict("a count is already open")
	}
	return id, err
}

// Record stores the counted quantity for one item (last write wins).
func (s *Service) Record(ctx context.Context, countID, itemID int64, qty float64) error {
	if qty < 0 {
		return errs.Invalid("quantity cannot be negative")
	}
	_, err := s.db.ExecContext(ctx,
		`INSERT INTO stock_count_lines (stock_count_id, stock_item_id, counted) VALUES ($1, $2, $3)
		 ON CONFLICT (stock_count_id, stock_item_id) DO UPDATE SET counted = $3`, countID, itemID, qty)
	return err
}

// Finalize compares counted to on-hand and adjusts the difference.
func (s *Service) Finalize(ctx context.Context, countID int64) ([]Variance, error) {
	var loc int64
	if err := s.db.QueryRowContext(ctx,
		`SELECT location_id FROM stock_counts WHERE id = $1 AND status = 'open'`, countID).Scan(&loc); err != nil {
		return nil, errs.NotFound("open count %d not found", countID)
	}
	rows, err := s.db.QueryContext(ctx,
		`SELECT cl.stock_item_id, COALESCE(sl.on_hand, 0), cl.counted
		 FROM stock_count_lines cl
		 LEFT JOIN stock_levels sl ON sl.stock_item_id = cl.stock_item_id AND sl.location_id = $2
		 WHERE cl.stock_count_id = $1`, countID, loc)
	if err != nil {
		return nil, err
	}
	var out []Variance
	for rows.Next() {
		var v Variance
		if err := rows.Scan(&v.StockItemID, &v.Expected, &v.Counted); err != nil {
			rows.Close()
			return nil, err
		}
		v.Delta = v.Counted - v.Expected
		out = append(out, v)
	}
	rows.Close()
	for _, v := range out {
		if v.Delta != 0 {
			if err := s.inv.Adjust(ctx, loc, v.StockItemID, v.Delta, "count", countID); err != nil {
				return nil, err
			}
		}
	}
	_, err = s.db.ExecContext(ctx, `UPDATE stock_counts SET status = 'posted', posted_at = now() WHERE id = $1`, countID)
	return out, err
}
