// Package stock tracks per-club stock levels for the reception shop.
package stock

import (
	"context"
	"database/sql"

	"github.com/pulsefit/clubs/pkg/db"
	"github.com/pulsefit/clubs/pkg/errs"
)

type Ledger struct{ db *sql.DB }

func New(conn *sql.DB) *Ledger { return &Ledger{db: conn} }

// Reserve decrements stock inside tx, failing if there is not enough.
func (l *Ledger) Reserve(ctx context.Context, tx db.Querier, clubID, productID string, qty int) error {
	res, err := tx.ExecContext(ctx, `UPDATE stock_levels SET on_hand = on_hand - $3
		WHERE club_id = $1 AND product_id = $2 AND on_hand >= $3`, clubID, productID, qty)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.Conflict("not enough stock of %s", productID)
	}
	return l.move(ctx, tx, clubID, productID, -qty, "sale")
}

// Receive books in a delivery.
func (l *Ledger) Receive(ctx context.Context, clubID, productID string, qty int, ref string) error {
	if qty <= 0 {
		return errs.Invalid("quantity must be positive")
	}
	return db.WithTx(ctx, l.db, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO stock_levels (club_id, product_id, on_hand, reorder_level)
			VALUES ($1,$2,$3,5) ON CONFLICT (club_id, product_id) DO UPDATE SET on_hand = stock_levels.on_hand + EXCLUDED.on_hand`,
			clubID, productID, qty); err != nil {
			return err
		}
		return l.move(ctx, tx, clubID, productID, qty, "delivery:"+ref)
	})
}

// Adjust records a stock count correction (damaged, expired, miscount).
func (l *Ledger) Adjust(ctx context.Context, clubID, productID string, counted int, reason string) error {
	return db.WithTx(ctx, l.db, func(tx *sql.Tx) error {
		var onHand int
		if err := tx.QueryRowContext(ctx, `SELECT on_hand FROM stock_levels WHERE club_id = $1 AND product_id = $2 FOR UPDATE`,
			clubID, productID).Scan(&onHand); err != nil {
			return db.NotFound(err, "stock level")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE stock_levels SET on_hand = $3 WHERE club_id = $1 AND product_id = $2`,
			clubID, productID, counted); err != nil {
			return err
		}
		return l.move(ctx, tx, clubID, productID, counted-onHand, "adjust:"+reason)
	})
}

func (l *Ledger) move(ctx context.Context, q db.Querier, clubID, productID string, delta int, reason string) error {
	_, err := q.ExecContext(ctx, `INSERT INTO stock_movements (club_id, product_id, delta, reason, at) VALUES ($1,$2,$3,$4,now())`,
		clubID, productID, delta, reason)
	return err
}

// LowStock lists products at or below reorder level, for the weekly purchase order.
type Low struct {
	ClubID, ProductID, Name string
	OnHand, ReorderLevel    int
}

func (l *Ledger) LowStock(ctx context.Context) ([]Low, error) {
	rows, err := l.db.QueryContext(ctx, `SELECT s.club_id, s.product_id, p.name, s.on_hand, s.reorder_level
		FROM stock_levels s JOIN products p ON p.id = s.product_id
		WHERE p.active AND s.on_hand <= s.reorder_level ORDER BY s.club_id, p.name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Low
	for rows.Next() {
		var x Low
		if err := rows.Scan(&x.ClubID, &x.ProductID, &x.Name, &x.OnHand, &x.ReorderLevel); err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, rows.Err()
}
