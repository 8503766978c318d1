// Package reservations stores the stock held for orders that have not
// shipped yet.
package reservations

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"example.com/shop/internal/models"
	"example.com/shop/internal/platform/db"
)

const (
	insertSQL = `INSERT INTO reservations (id, order_id, sku, warehouse_id, quantity, expires_at, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7)`
	byOrderSQL = `SELECT id, order_id, sku, warehouse_id, quantity, expires_at, created_at
FROM reservations WHERE order_id = $1 ORDER BY sku, warehouse_id`
	deleteByOrderSQL = `DELETE FROM reservations WHERE order_id = $1`
	extendSQL        = `UPDATE reservations SET expires_at = $2 WHERE order_id = $1`
)

// expireSQL deletes lapsed reservations and gives their units back to the
// stock levels in one statement.
const expireSQL = `WITH expired AS (
	DELETE FROM reservations WHERE expires_at < $1
	RETURNING sku, warehouse_id, quantity
), totals AS (
	SELECT sku, warehouse_id, SUM(quantity) AS qty FROM expired GROUP BY sku, warehouse_id
)
UPDATE stock_levels s
SET reserved = GREATEST(s.reserved - t.qty, 0), updated_at = $1
FROM totals t
WHERE s.sku = t.sku AND s.warehouse_id = t.warehouse_id`

// Store reads and writes reservations.
type Store struct {
	db *sql.DB
}

// NewStore returns a reservation store on conn.
func NewStore(conn *sql.DB) *Store { return &Store{db: conn} }

// Create inserts a reservation.
func (s *Store) Create(ctx context.Context, q db.Querier, r models.Reservation) error {
	_, err := q.ExecContext(ctx, insertSQL, r.ID, r.OrderID, r.SKU, r.WarehouseID, r.Quantity, r.ExpiresAt, r.CreatedAt)
	if err != nil {
		return fmt.Errorf("reservations: create for %s: %w", r.OrderID, err)
	}
	return nil
}

// ForOrder lists the reservations of an order.
func (s *Store) ForOrder(ctx context.Context, q db.Querier, orderID string) ([]models.Reservation, error) {
	out, err := db.QueryAll(ctx, q, func(sc db.Scanner) (models.Reservation, error) {
		var r models.Reservation
		err := sc.Scan(&r.ID, &r.OrderID, &r.SKU, &r.WarehouseID, &r.Quantity, &r.ExpiresAt, &r.CreatedAt)
		return r, err
	}, byOrderSQL, orderID)
	if err != nil {
		return nil, fmt.Errorf("reservations: for order %s: %w", orderID, err)
	}
	return out, nil
}

// DeleteForOrder removes the reservations of an order.
func (s *Store) DeleteForOrder(ctx context.Context, q db.Querier, orderID string) (int64, error) {
	res, err := q.ExecContext(ctx, deleteByOrderSQL, orderID)
	if err != nil {
		return 0, fmt.Errorf("reservations: delete for %s: %w", orderID, err)
	}
	return res.RowsAffected()
}

// Extend keeps an order's reservations until the given time.
func (s *Store) Extend(ctx context.Context, orderID string, until time.Time) error {
	if _, err := s.db.ExecContext(ctx, extendSQL, orderID, until); err != nil {
		return fmt.Errorf("reservations: extend %s: %w", orderID, err)
	}
	return nil
}

// Expire drops reservations that lapsed before now and returns how many
// stock levels were updated.
func (s *Store) Expire(ctx context.Context, now time.Time) (int64, error) {
	res, err := s.db.ExecContext(ctx, expireSQL, now)
	if err != nil {
		return 0, fmt.Errorf("reservations: expire: %w", err)
	}
	return res.RowsAffected()
}
