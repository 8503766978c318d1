// Package inventory is the PostgreSQL store for stock.
// Tables: stock_levels, stock_lots, stock_reservations, stock_movements.
package inventory

import (
	"context"
	"database/sql"
	"time"

	"rxnow.health/backend/domain/inventory"
	"rxnow.health/backend/infrastructure/postgres"
	"rxnow.health/backend/kernel/errs"
)

// Store persists stock.
type Store struct{ db *sql.DB }

// NewStore wraps db.
func NewStore(db *sql.DB) *Store { return &Store{db: db} }

func (s *Store) Level(ctx context.Context, productID int64) (inventory.StockLevel, error) {
	var l inventory.StockLevel
	err := s.db.QueryRowContext(ctx, `
		SELECT product_id, on_hand, reserved, reorder_point, reorder_qty, updated_at
		FROM stock_levels WHERE product_id = $1`, productID).
		Scan(&l.ProductID, &l.OnHand, &l.Reserved, &l.ReorderPoint, &l.ReorderQty, &l.UpdatedAt)
	if err != nil {
		return l, postgres.NotFound("inventory.Store.Level", err, "stock for product", productID)
	}
	return l, nil
}

// Reserve locks the stock row, checks availability and records a
// reservation, all in one transaction.
func (s *Store) Reserve(ctx context.Context, orderID, productID int64, qty int, expiresAt time.Time) error {
	return postgres.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		var l inventory.StockLevel
		err := tx.QueryRowContext(ctx, `SELECT product_id, on_hand, reserved FROM stock_levels WHERE product_id = $1 FOR UPDATE`, productID).
			Scan(&l.ProductID, &l.OnHand, &l.Reserved)
		if err != nil {
			return postgres.NotFound("inventory.Store.Reserve", err, "stock for product", productID)
		}
		if err := l.Reserve(qty); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE stock_levels SET reserved = $2, updated_at = now() WHERE product_id = $1`, productID, l.Reserved); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `
			INSERT INTO stock_reservations (order_id, product_id, quantity, expires_at, committed)
			VALUES ($1, $2, $3, $4, false)`, orderID, productID, qty, expiresAt)
		return err
	})
}

// ReleaseOrder returns every uncommitted reservation of an order to stock.
func (s *Store) ReleaseOrder(ctx context.Context, orderID int64) error {
	return postgres.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `
			UPDATE stock_levels sl SET reserved = sl.reserved - r.quantity, updated_at = now()
			FROM stock_reservations r
			WHERE r.product_id = sl.product_id AND r.order_id = $1 AND NOT r.committed`, orderID)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM stock_reservations WHERE order_id = $1 AND NOT committed`, orderID)
		return err
	})
}

func (s *Store) Reservations(ctx context.Context, orderID int64) ([]inventory.Reservation, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT id, order_id, product_id, quantity, expires_at, committed FROM stock_reservations WHERE order_id = $1`, orderID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []inventory.Reservation
	for rows.Next() {
		var r inventory.Reservation
		if err := rows.Scan(&r.ID, &r.OrderID, &r.ProductID, &r.Quantity, &r.ExpiresAt, &r.Committed); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func (s *Store) Lots(ctx context.Context, productID int64) ([]inventory.Lot, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT id, product_id, lot_number, expires_on, quantity FROM stock_lots
		WHERE product_id = $1 AND quantity > 0 ORDER BY expires_on`, productID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []inventory.Lot
	for rows.Next() {
		var l inventory.Lot
		if err := rows.Scan(&l.ID, &l.ProductID, &l.LotNumber, &l.ExpiresOn, &l.Quantity); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// CommitPicks dispenses picked lot quantities against a reservation.
func (s *Store) CommitPicks(ctx context.Context, r inventory.Reservation, picks []inventory.Pick, by string) error {
	return postgres.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		for _, p := range picks {
			res, err := tx.ExecContext(ctx, `UPDATE stock_lots SET quantity = quantity - $2 WHERE id = $1 AND quantity >= $2`, p.LotID, p.Quantity)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return errs.Conflictf("inventory.Store.CommitPicks", "lot %s changed underneath us", p.LotNumber)
			}
			if _, err := tx.ExecContext(ctx, `
				INSERT INTO stock_movements (product_id, lot_id, quantity, reason, reference, created_by, created_at)
				VALUES ($1, $2, $3, $4, $5, $6, now())`, r.ProductID, p.LotID, -p.Quantity, inventory.ReasonDispense, r.OrderID, by); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `
			UPDATE stock_levels SET on_hand = on_hand - $2, reserved = reserved - $2, updated_at = now() WHERE product_id = $1`,
			r.ProductID, r.Quantity); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE stock_reservations SET committed = true WHERE id = $1`, r.ID)
		return err
	})
}

// ReceiveLot books incoming stock.
func (s *Store) ReceiveLot(ctx context.Context, l *inventory.Lot, by string) error {
	return postgres.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `
			INSERT INTO stock_lots (product_id, lot_number, expires_on, quantity) VALUES ($1, $2, $3, $4)
			ON CONFLICT (product_id, lot_number) DO UPDATE SET quantity = stock_lots.quantity + EXCLUDED.quantity
			RETURNING id`, l.ProductID, l.LotNumber, l.ExpiresOn, l.Quantity).Scan(&l.ID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO stock_levels (product_id, on_hand, reserved, reorder_point, reorder_qty, updated_at)
			VALUES ($1, $2, 0, 10, 100, now())
			ON CONFLICT (product_id) DO UPDATE SET on_hand = stock_levels.on_hand + EXCLUDED.on_hand, updated_at = now()`,
			l.ProductID, l.Quantity); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `
			INSERT INTO stock_movements (product_id, lot_id, quantity, reason, reference, created_by, created_at)
			VALUES ($1, $2, $3, $4, NULL, $5, now())`, l.ProductID, l.ID, l.Quantity, inventory.ReasonReceive, by)
		return err
	})
}

// ExpiredReservationOrders lists orders holding reservations past expiry.
func (s *Store) ExpiredReservationOrders(ctx context.Context, now time.Time) ([]int64, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT order_id FROM stock_reservations WHERE NOT committed AND expires_at < $1`, now)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
