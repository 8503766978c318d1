// Package posdb is the SQL store for checks (orders, lines, discounts).
package posdb

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"tablecraft.io/ops/db"
	"tablecraft.io/ops/internal/platform/errs"
	"tablecraft.io/ops/internal/platform/money"
	"tablecraft.io/ops/models"
)

// Store persists orders.
type Store struct {
	db *sql.DB
}

// New returns a store.
func New(conn *sql.DB) *Store { return &Store{db: conn} }

// DB exposes the pool for callers that need a transaction.
func (s *Store) DB() *sql.DB { return s.db }

// CreateOrder inserts a new open check.
func (s *Store) CreateOrder(ctx context.Context, q db.Querier, o *models.Order) error {
	o.Status = models.OrderOpen
	o.OpenedAt = time.Now()
	return q.QueryRowContext(ctx,
		`INSERT INTO orders (location_id, table_id, server_id, channel, status, guests, external_id, opened_at)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
		o.LocationID, db.NullInt64(o.TableID), db.NullInt64(o.ServerID), o.Channel, o.Status, o.Guests,
		db.NullString(o.ExternalID), o.OpenedAt).Scan(&o.ID)
}

// Get loads an order with its non-voided lines.
func (s *Store) Get(ctx context.Context, id int64) (*models.Order, error) {
	var o models.Order
	var table, server sql.NullInt64
	var ext sql.NullString
	err := s.db.QueryRowContext(ctx,
		`SELECT id, location_id, table_id, server_id, channel, status, guests, subtotal, discount, tax, total,
		        external_id, opened_at, closed_at
		 FROM orders WHERE id = $1`, id).
		Scan(&o.ID, &o.LocationID, &table, &server, &o.Channel, &o.Status, &o.Guests, &o.Subtotal,
			&o.Discount, &o.Tax, &o.Total, &ext, &o.OpenedAt, &o.ClosedAt)
	if db.IsNoRows(err) {
		return nil, errs.NotFound("order %d not found", id)
	}
	if err != nil {
		return nil, err
	}
	o.TableID, o.ServerID, o.ExternalID = table.Int64, server.Int64, ext.String
	o.Lines, err = s.Lines(ctx, id)
	return &o, err
}

// Lines returns the active lines of an order.
func (s *Store) Lines(ctx context.Context, orderID int64) ([]models.OrderLine, error) {
	rows, err := s.db.QueryContext(ctx,
		`SELECT id, order_id, menu_item_id, name, qty, unit_price, modifiers, notes, seat, fired, voided
		 FROM order_lines WHERE order_id = $1 AND NOT voided ORDER BY id`, orderID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.OrderLine
	for rows.Next() {
		var l models.OrderLine
		var mods []byte
		if err := rows.Scan(&l.ID, &l.OrderID, &l.MenuItemID, &l.Name, &l.Qty, &l.UnitPrice, &mods, &l.Notes, &l.Seat, &l.Fired, &l.Voided); err != nil {
			return nil, err
		}
		if len(mods) > 0 {
			_ = json.Unmarshal(mods, &l.Modifiers)
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// AddLine inserts a line.
func (s *Store) AddLine(ctx context.Context, l *models.OrderLine) error {
	mods, _ := json.Marshal(l.Modifiers)
	return s.db.QueryRowContext(ctx,
		`INSERT INTO order_lines (order_id, menu_item_id, name, qty, unit_price, modifiers, notes, seat, fired, voided)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, false, false) RETURNING id`,
		l.OrderID, l.MenuItemID, l.Name, l.Qty, l.UnitPrice, mods, l.Notes, l.Seat).Scan(&l.ID)
}

// VoidLine marks a line voided with the approving manager.
func (s *Store) VoidLine(ctx context.Context, orderID, lineID, managerID int64, reason string) error {
	res, err := s.db.ExecContext(ctx,
		`UPDATE order_lines SET voided = true, void_reason = $3, voided_by = $4, voided_at = now()
		 WHERE id = $2 AND order_id = $1 AND NOT voided`, orderID, lineID, reason, managerID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.NotFound("line %d not on order %d", lineID, orderID)
	}
	return nil
}

// MarkFired flags lines as sent to the kitchen.
func (s *Store) MarkFired(ctx context.Context, q db.Querier, lineIDs []int64) error {
	if len(lineIDs) == 0 {
		return nil
	}
	_, err := q.ExecContext(ctx,
		`UPDATE order_lines SET fired = true, fired_at = now() WHERE id IN (`+db.Placeholders(1, len(lineIDs))+`)`,
		db.Int64Args(lineIDs)...)
	return err
}

// AddDiscount records a comp or promo against the order.
func (s *Store) AddDiscount(ctx context.Context, orderID int64, name string, amount money.Cents, approvedBy int64) error {
	_, err := s.db.ExecContext(ctx,
		`INSERT INTO order_discounts (order_id, name, amount, approved_by, created_at) VALUES ($1, $2, $3, $4, now())`,
		orderID, name, amount, db.NullInt64(approvedBy))
	return err
}

// DiscountTotal sums discounts on an order.
func (s *Store) DiscountTotal(ctx context.Context, orderID int64) (money.Cents, error) {
	var c money.Cents
	err := s.db.QueryRowContext(ctx, `SELECT COALESCE(SUM(amount), 0) FROM order_discounts WHERE order_id = $1`, orderID).Scan(&c)
	return c, err
}

// SaveTotals writes computed totals.
func (s *Store) SaveTotals(ctx context.Context, o *models.Order) error {
	_, err := s.db.ExecContext(ctx,
		`UPDATE orders SET subtotal = $2, discount = $3, tax = $4, total = $5 WHERE id = $1`,
		o.ID, o.Subtotal, o.Discount, o.Tax, o.Total)
	return err
}

// SetStatus changes the order status; closing stamps closed_at.
func (s *Store) SetStatus(ctx context.Context, id int64, st models.OrderStatus) error {
	q := `UPDATE orders SET status = $2 WHERE id = $1`
	if st == models.OrderClosed || st == models.OrderVoided {
		q = `UPDATE orders SET status = $2, closed_at = now() WHERE id = $1`
	}
	_, err := s.db.ExecContext(ctx, q, id, st)
	return err
}

// SetLoyaltyPhone attaches a rewards member to the check.
func (s *Store) SetLoyaltyPhone(ctx context.Context, id int64, phone string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE orders SET loyalty_phone = $2 WHERE id = $1`, id, phone)
	return err
}

// LoyaltyPhone returns the attached member phone, if any.
func (s *Store) LoyaltyPhone(ctx context.Context, id int64) (string, error) {
	var p sql.NullString
	err := s.db.QueryRowContext(ctx, `SELECT loyalty_phone FROM orders WHERE id = $1`, id).Scan(&p)
	return p.String, err
}

// OpenForServer counts checks a server still has open.
func (s *Store) OpenForServer(ctx context.Context, employeeID int64) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx,
		`SELECT count(*) FROM orders WHERE server_id = $1 AND status IN ('open', 'fired', 'paid')`, employeeID).Scan(&n)
	return n, err
}

// OpenAtLocation lists open checks for the floor view.
func (s *Store) OpenAtLocation(ctx context.Context, locationID int64) ([]models.Order, error) {
	rows, err := s.db.QueryContext(ctx,
		`SELECT id, COALESCE(table_id, 0), COALESCE(server_id, 0), channel, status, guests, total, opened_at
		 FROM orders WHERE location_id = $1 AND status IN ('open', 'fired', 'paid') ORDER BY opened_at`, locationID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Order
	for rows.Next() {
		o := models.Order{LocationID: locationID}
		if err := rows.Scan(&o.ID, &o.TableID, &o.ServerID, &o.Channel, &o.Status, &o.Guests, &o.Total, &o.OpenedAt); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}
