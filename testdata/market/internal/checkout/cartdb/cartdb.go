// Package cartdb stores carts (tables: carts, cart_items).
package cartdb

import (
	"context"
	"database/sql"
	"time"

	"loomly.com/api/internal/checkout/cart"
	"loomly.com/api/platform/db"
	"loomly.com/api/platform/errs"
	"loomly.com/api/platform/ids"
)

type DB struct{ db db.DBTX }

func New(d db.DBTX) *DB { return &DB{db: d} }

func (d *DB) WithTx(tx *sql.Tx) *DB { return &DB{db: tx} }

// ForBuyer loads the buyer's open cart, creating one if needed.
func (d *DB) ForBuyer(ctx context.Context, buyerID string) (*cart.Cart, error) {
	c := &cart.Cart{BuyerID: buyerID}
	err := d.db.QueryRowContext(ctx, `SELECT id, updated_at FROM carts WHERE buyer_id=$1 AND checked_out_at IS NULL`,
		buyerID).Scan(&c.ID, &c.UpdatedAt)
	if db.IsNoRows(err) {
		c.ID, c.UpdatedAt = ids.New(ids.Cart), time.Now().UTC()
		_, err = d.db.ExecContext(ctx, `INSERT INTO carts (id, buyer_id, updated_at) VALUES ($1,$2,$3)`, c.ID, buyerID, c.UpdatedAt)
		return c, errs.Wrap(err, "cartdb.ForBuyer")
	}
	if err != nil {
		return nil, errs.Wrap(err, "cartdb.ForBuyer")
	}
	rows, err := d.db.QueryContext(ctx, `SELECT listing_id, quantity, added_at FROM cart_items WHERE cart_id=$1 ORDER BY added_at`, c.ID)
	if err != nil {
		return nil, errs.Wrap(err, "cartdb.ForBuyer")
	}
	defer rows.Close()
	for rows.Next() {
		var it cart.Item
		if err := rows.Scan(&it.ListingID, &it.Quantity, &it.AddedAt); err != nil {
			return nil, err
		}
		c.Items = append(c.Items, it)
	}
	return c, rows.Err()
}

func (d *DB) Save(ctx context.Context, c *cart.Cart) error {
	if _, err := d.db.ExecContext(ctx, `DELETE FROM cart_items WHERE cart_id=$1`, c.ID); err != nil {
		return errs.Wrap(err, "cartdb.Save")
	}
	for _, it := range c.Items {
		if _, err := d.db.ExecContext(ctx, `INSERT INTO cart_items (cart_id, listing_id, quantity, added_at) VALUES ($1,$2,$3,$4)`,
			c.ID, it.ListingID, it.Quantity, it.AddedAt); err != nil {
			return errs.Wrap(err, "cartdb.Save")
		}
	}
	_, err := d.db.ExecContext(ctx, `UPDATE carts SET updated_at=$2 WHERE id=$1`, c.ID, c.UpdatedAt)
	return errs.Wrap(err, "cartdb.Save")
}

func (d *DB) MarkCheckedOut(ctx context.Context, cartID string, at time.Time) error {
	_, err := d.db.ExecContext(ctx, `UPDATE carts SET checked_out_at=$2 WHERE id=$1`, cartID, at)
	return errs.Wrap(err, "cartdb.MarkCheckedOut")
}

// PurgeAbandoned deletes carts untouched for longer than age.
func (d *DB) PurgeAbandoned(ctx context.Context, age time.Duration) (int64, error) {
	res, err := d.db.ExecContext(ctx, `DELETE FROM carts WHERE checked_out_at IS NULL AND updated_at < $1`,
		time.Now().Add(-age))
	if err != nil {
		return 0, errs.Wrap(err, "cartdb.PurgeAbandoned")
	}
	return res.RowsAffected()
}
