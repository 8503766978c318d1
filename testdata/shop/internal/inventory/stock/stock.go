// Package stock keeps the stock levels per SKU and warehouse and the log of
// every movement.
package stock

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"example.com/shop/internal/catalog/pricing"
	"example.com/shop/internal/models"
	"example.com/shop/internal/platform/db"
	"example.com/shop/internal/platform/errs"
)

const levelColumns = "sku, warehouse_id, on_hand, reserved, reorder_point, updated_at"

const (
	selectLevelsSQL      = "SELECT " + levelColumns + " FROM stock_levels WHERE sku = $1 ORDER BY warehouse_id"
	selectLevelForUpdate = "SELECT " + levelColumns + " FROM stock_levels WHERE sku = $1 AND warehouse_id = $2 FOR UPDATE"
	insertLevelSQL       = `INSERT INTO stock_levels (sku, warehouse_id, on_hand, reserved, reorder_point, updated_at) VALUES ($1, $2, 0, 0, $3, $4) ON CONFLICT (sku, warehouse_id) DO NOTHING`
	adjustOnHandSQL      = `UPDATE stock_levels SET on_hand = on_hand + $3, updated_at = $4 WHERE sku = $1 AND warehouse_id = $2 AND on_hand + $3 >= reserved`
	reserveSQL           = `UPDATE stock_levels SET reserved = reserved + $3, updated_at = $4 WHERE sku = $1 AND warehouse_id = $2 AND on_hand - reserved >= $3`
	releaseSQL           = `UPDATE stock_levels SET reserved = GREATEST(reserved - $3, 0), updated_at = $4 WHERE sku = $1 AND warehouse_id = $2`
	consumeSQL           = `UPDATE stock_levels SET on_hand = on_hand - $3, reserved = reserved - $3, updated_at = $4 WHERE sku = $1 AND warehouse_id = $2 AND reserved >= $3`
	insertMovementSQL    = `INSERT INTO stock_movements (sku, warehouse_id, delta, reason, reference, created_at) VALUES ($1, $2, $3, $4, $5, $6)`
	selectLowStockSQL    = `SELECT s.sku, s.warehouse_id, s.on_hand, s.reserved, s.reorder_point, s.updated_at, w.code
FROM stock_levels s
JOIN warehouses w ON w.id = s.warehouse_id
WHERE w.active AND s.on_hand - s.reserved <= s.reorder_point
ORDER BY s.sku, w.priority`
)

// Movement reasons.
const (
	ReasonReceived = "received"
	ReasonShipped  = "shipped"
	ReasonCount    = "stock_count"
	ReasonDamaged  = "damaged"
)

// Movement is a change of the stock on hand.
type Movement struct {
	SKU         string
	WarehouseID string
	Delta       int
	Reason      string
	Reference   string
	At          time.Time
}

// LowStock is a stock level at or below its reorder point.
type LowStock struct {
	models.StockLevel
	WarehouseCode string
}

// Store reads and writes stock levels.
type Store struct {
	db *sql.DB
}

// NewStore returns a stock store on conn.
func NewStore(conn *sql.DB) *Store { return &Store{db: conn} }

// Key is the form SKUs are stored in: the catalog's normalized SKU.
func Key(sku string) string { return pricing.NormalizeSKU(sku) }

func scanLevel(s db.Scanner) (models.StockLevel, error) {
	var l models.StockLevel
	err := s.Scan(&l.SKU, &l.WarehouseID, &l.OnHand, &l.Reserved, &l.ReorderPoint, &l.UpdatedAt)
	return l, err
}

// Levels returns the stock of sku in every warehouse.
func (s *Store) Levels(ctx context.Context, q db.Querier, sku string) ([]models.StockLevel, error) {
	out, err := db.QueryAll(ctx, q, scanLevel, selectLevelsSQL, Key(sku))
	if err != nil {
		return nil, fmt.Errorf("stock: levels of %s: %w", sku, err)
	}
	return out, nil
}

// Lock reads and locks one stock level inside a transaction.
func (s *Store) Lock(ctx context.Context, tx *sql.Tx, sku, warehouseID string) (models.StockLevel, error) {
	l, err := db.ScanOne(tx.QueryRowContext(ctx, selectLevelForUpdate, Key(sku), warehouseID), scanLevel)
	if errors.Is(err, db.ErrNotFound) {
		return models.StockLevel{SKU: Key(sku), WarehouseID: warehouseID}, nil
	}
	return l, err
}

// Ensure creates an empty stock level if none exists.
func (s *Store) Ensure(ctx context.Context, q db.Querier, sku, warehouseID string, reorderPoint int, at time.Time) error {
	if _, err := q.ExecContext(ctx, insertLevelSQL, Key(sku), warehouseID, reorderPoint, at); err != nil {
		return fmt.Errorf("stock: ensure %s@%s: %w", sku, warehouseID, err)
	}
	return nil
}

// Adjust applies a movement and logs it.
func (s *Store) Adjust(ctx context.Context, q db.Querier, m Movement) error {
	res, err := q.ExecContext(ctx, adjustOnHandSQL, Key(m.SKU), m.WarehouseID, m.Delta, m.At)
	if err != nil {
		return fmt.Errorf("stock: adjust %s@%s: %w", m.SKU, m.WarehouseID, err)
	}
	if err := db.ExpectRows(res, 1); err != nil {
		return errs.Conflict("stock.Adjust", "cannot move %d units of %s at %s", m.Delta, m.SKU, m.WarehouseID)
	}
	return s.log(ctx, q, m)
}

// Reserve sets qty units aside; it fails with models.ErrInsufficientStock
// when they are not available.
func (s *Store) Reserve(ctx context.Context, q db.Querier, sku, warehouseID string, qty int, at time.Time) error {
	res, err := q.ExecContext(ctx, reserveSQL, Key(sku), warehouseID, qty, at)
	if err != nil {
		return fmt.Errorf("stock: reserve %s@%s: %w", sku, warehouseID, err)
	}
	if err := db.ExpectRows(res, 1); err != nil {
		return fmt.Errorf("%w: %s@%s", models.ErrInsufficientStock, sku, warehouseID)
	}
	return nil
}

// Release gives back reserved units.
func (s *Store) Release(ctx context.Context, q db.Querier, sku, warehouseID string, qty int, at time.Time) error {
	if _, err := q.ExecContext(ctx, releaseSQL, Key(sku), warehouseID, qty, at); err != nil {
		return fmt.Errorf("stock: release %s@%s: %w", sku, warehouseID, err)
	}
	return nil
}

// Consume turns reserved units into shipped units.
func (s *Store) Consume(ctx context.Context, q db.Querier, sku, warehouseID string, qty int, ref string, at time.Time) error {
	res, err := q.ExecContext(ctx, consumeSQL, Key(sku), warehouseID, qty, at)
	if err != nil {
		return fmt.Errorf("stock: consume %s@%s: %w", sku, warehouseID, err)
	}
	if err := db.ExpectRows(res, 1); err != nil {
		return errs.Conflict("stock.Consume", "%d units of %s are not reserved at %s", qty, sku, warehouseID)
	}
	return s.log(ctx, q, Movement{SKU: sku, WarehouseID: warehouseID, Delta: -qty, Reason: ReasonShipped, Reference: ref, At: at})
}

func (s *Store) log(ctx context.Context, q db.Querier, m Movement) error {
	if _, err := q.ExecContext(ctx, insertMovementSQL, Key(m.SKU), m.WarehouseID, m.Delta, m.Reason, m.Reference, m.At); err != nil {
		return fmt.Errorf("stock: log movement of %s: %w", m.SKU, err)
	}
	return nil
}

// LowStock lists stock levels at or below their reorder point.
func (s *Store) LowStock(ctx context.Context) ([]LowStock, error) {
	out, err := db.QueryAll(ctx, s.db, func(sc db.Scanner) (LowStock, error) {
		var l LowStock
		err := sc.Scan(&l.SKU, &l.WarehouseID, &l.OnHand, &l.Reserved, &l.ReorderPoint, &l.UpdatedAt, &l.WarehouseCode)
		return l, err
	}, selectLowStockSQL)
	if err != nil {
		return nil, fmt.Errorf("stock: low stock: %w", err)
	}
	return out, nil
}
