package cart

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"example.com/shop/internal/platform/db"
	"example.com/shop/internal/platform/errs"
	"example.com/shop/internal/platform/money"
)

const (
	selectCartSQL      = `SELECT id, COALESCE(customer_id, ''), currency, updated_at FROM carts WHERE id = $1`
	selectCartItemsSQL = `SELECT sku, product_id, name, quantity, unit_price_minor FROM cart_items WHERE cart_id = $1 ORDER BY added_at, sku`
	upsertCartSQL      = `INSERT INTO carts (id, customer_id, currency, updated_at) VALUES ($1, NULLIF($2, ''), $3, $4)
ON CONFLICT (id) DO UPDATE SET customer_id = EXCLUDED.customer_id, updated_at = EXCLUDED.updated_at`
	upsertItemSQL = `INSERT INTO cart_items (cart_id, sku, product_id, name, quantity, unit_price_minor, added_at)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (cart_id, sku) DO UPDATE SET quantity = EXCLUDED.quantity, unit_price_minor = EXCLUDED.unit_price_minor`
	deleteItemSQL   = `DELETE FROM cart_items WHERE cart_id = $1 AND sku = $2`
	clearItemsSQL   = `DELETE FROM cart_items WHERE cart_id = $1`
	touchCartSQL    = `UPDATE carts SET updated_at = $2 WHERE id = $1`
	purgeCartsSQL   = `DELETE FROM carts WHERE updated_at < $1`
	purgeOrphansSQL = `DELETE FROM cart_items ci WHERE NOT EXISTS (SELECT 1 FROM carts c WHERE c.id = ci.cart_id)`
)

// Store persists carts.
type Store struct {
	db *sql.DB
}

// NewStore returns a cart store on conn.
func NewStore(conn *sql.DB) *Store { return &Store{db: conn} }

// Get loads a cart with its items.
func (s *Store) Get(ctx context.Context, id string) (*Cart, error) {
	c, err := db.ScanOne(s.db.QueryRowContext(ctx, selectCartSQL, id), func(sc db.Scanner) (Cart, error) {
		var c Cart
		var cur string
		err := sc.Scan(&c.ID, &c.CustomerID, &cur, &c.UpdatedAt)
		c.Currency = money.Currency(cur)
		return c, err
	})
	if errors.Is(err, db.ErrNotFound) {
		return nil, errs.NotFound("cart.Store.Get", "cart %q not found", id)
	}
	if err != nil {
		return nil, fmt.Errorf("cart: get %s: %w", id, err)
	}
	items, err := db.QueryAll(ctx, s.db, func(sc db.Scanner) (Item, error) {
		var it Item
		var price int64
		err := sc.Scan(&it.SKU, &it.ProductID, &it.Name, &it.Quantity, &price)
		it.UnitPrice = money.New(price, c.Currency)
		return it, err
	}, selectCartItemsSQL, id)
	if err != nil {
		return nil, fmt.Errorf("cart: items of %s: %w", id, err)
	}
	c.Items = items
	return &c, nil
}

// Save writes the cart row.
func (s *Store) Save(ctx context.Context, c *Cart) error {
	if _, err := s.db.ExecContext(ctx, upsertCartSQL, c.ID, c.CustomerID, string(c.Currency), c.UpdatedAt); err != nil {
		return fmt.Errorf("cart: save %s: %w", c.ID, err)
	}
	return nil
}

// PutItem writes one line and touches the cart.
func (s *Store) PutItem(ctx context.Context, cartID string, it Item, at time.Time) error {
	return db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, upsertItemSQL, cartID, it.SKU, it.ProductID, it.Name, it.Quantity, it.UnitPrice.Amount, at); err != nil {
			return fmt.Errorf("cart: put %s in %s: %w", it.SKU, cartID, err)
		}
		_, err := tx.ExecContext(ctx, touchCartSQL, cartID, at)
		return err
	})
}

// DeleteItem removes one line.
func (s *Store) DeleteItem(ctx context.Context, cartID, sku string, at time.Time) error {
	return db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, deleteItemSQL, cartID, sku); err != nil {
			return fmt.Errorf("cart: delete %s from %s: %w", sku, cartID, err)
		}
		_, err := tx.ExecContext(ctx, touchCartSQL, cartID, at)
		return err
	})
}

// Clear empties a cart inside the caller's transaction.
func (s *Store) Clear(ctx context.Context, q db.Querier, cartID string) error {
	if _, err := q.ExecContext(ctx, clearItemsSQL, cartID); err != nil {
		return fmt.Errorf("cart: clear %s: %w", cartID, err)
	}
	return nil
}

// Purge deletes carts untouched since before, and their items.
func (s *Store) Purge(ctx context.Context, before time.Time) (int64, error) {
	var n int64
	err := db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, purgeCartsSQL, before)
		if err != nil {
			return err
		}
		if n, err = res.RowsAffected(); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, purgeOrphansSQL)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("cart: purge: %w", err)
	}
	return n, nil
}
