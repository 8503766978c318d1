// Package store persists the device catalog, orders and shipments.
package store

import (
	"context"
	"database/sql"

	"mvno.telco/core/models"
	"mvno.telco/core/platform/db"
	"mvno.telco/core/platform/errs"
	"mvno.telco/core/platform/money"
)

type Store struct{ db *sql.DB }

func New(pool *sql.DB) *Store { return &Store{db: pool} }

func (s *Store) Devices(ctx context.Context, skus []string) ([]models.Device, error) {
	q := `SELECT sku, name, price, currency, stock, sim_pack, active FROM devices WHERE active`
	var args []any
	if len(skus) > 0 {
		q += ` AND sku IN (` + db.Placeholders(1, len(skus)) + `)`
		for _, s := range skus {
			args = append(args, s)
		}
	}
	rows, err := s.db.QueryContext(ctx, q+` ORDER BY name`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Device
	for rows.Next() {
		var d models.Device
		var price int64
		var cur string
		if err := rows.Scan(&d.SKU, &d.Name, &price, &cur, &d.Stock, &d.SimPack, &d.Active); err != nil {
			return nil, err
		}
		d.Price = money.New(price, cur)
		out = append(out, d)
	}
	return out, rows.Err()
}

func (s *Store) InsertOrder(ctx context.Context, o models.Order) error {
	return db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO orders (id, subscriber_id, status, subtotal, tax, total, currency, ship_to, created_at)
			VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`, o.ID, o.SubscriberID, o.Status, o.Subtotal.Amount, o.Tax.Amount, o.Total.Amount,
			o.Total.Currency, o.ShipTo, o.CreatedAt); err != nil {
			return err
		}
		for _, it := range o.Items {
			if _, err := tx.ExecContext(ctx, `INSERT INTO order_items (order_id, sku, quantity, unit_price) VALUES ($1,$2,$3,$4)`,
				o.ID, it.SKU, it.Quantity, it.UnitPrice.Amount); err != nil {
				return err
			}
		}
		return nil
	})
}

func (s *Store) Order(ctx context.Context, id string) (models.Order, error) {
	var o models.Order
	var sub, tax, total int64
	var cur string
	var tracking, iccid sql.NullString
	err := s.db.QueryRowContext(ctx, `SELECT o.id, o.subscriber_id, o.status, o.subtotal, o.tax, o.total, o.currency, o.ship_to,
		o.created_at, sh.tracking_number, o.iccid
		FROM orders o LEFT JOIN shipments sh ON sh.order_id = o.id WHERE o.id = $1`, id).
		Scan(&o.ID, &o.SubscriberID, &o.Status, &sub, &tax, &total, &cur, &o.ShipTo, &o.CreatedAt, &tracking, &iccid)
	if db.IsNoRows(err) {
		return o, errs.E(errs.NotFound, "shop.Order", "order not found")
	}
	if err != nil {
		return o, err
	}
	o.Subtotal, o.Tax, o.Total = money.New(sub, cur), money.New(tax, cur), money.New(total, cur)
	o.TrackingNumber, o.ICCID = tracking.String, iccid.String
	rows, err := s.db.QueryContext(ctx, `SELECT sku, quantity, unit_price FROM order_items WHERE order_id = $1`, id)
	if err != nil {
		return o, err
	}
	defer rows.Close()
	for rows.Next() {
		var it models.OrderItem
		var p int64
		if err := rows.Scan(&it.SKU, &it.Quantity, &p); err != nil {
			return o, err
		}
		it.UnitPrice = money.New(p, cur)
		o.Items = append(o.Items, it)
	}
	return o, rows.Err()
}

func (s *Store) SetStatus(ctx context.Context, id, from, to string) error {
	res, err := s.db.ExecContext(ctx, `UPDATE orders SET status = $3, updated_at = now() WHERE id = $1 AND status = $2`, id, from, to)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.E(errs.Conflict, "shop.SetStatus", "order is not "+from)
	}
	return nil
}

func (s *Store) PaidOrderIDs(ctx context.Context, limit int) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id FROM orders WHERE status = 'paid' ORDER BY created_at LIMIT $1`, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// DecrementStock fails if any line would take stock below zero.
func (s *Store) DecrementStock(ctx context.Context, items []models.OrderItem) error {
	return db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		for _, it := range items {
			res, err := tx.ExecContext(ctx, `UPDATE devices SET stock = stock - $2 WHERE sku = $1 AND stock >= $2`, it.SKU, it.Quantity)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return errs.E(errs.Conflict, "shop.DecrementStock", "out of stock: "+it.SKU)
			}
		}
		return nil
	})
}

func (s *Store) RecordShipment(ctx context.Context, orderID, carrier, tracking, iccid string) error {
	return db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO shipments (order_id, carrier, tracking_number, shipped_at) VALUES ($1,$2,$3,now())`,
			orderID, carrier, tracking); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE orders SET status = 'shipped', iccid = $2, updated_at = now() WHERE id = $1`,
			orderID, db.NullString(iccid))
		return err
	})
}
