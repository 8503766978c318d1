// Package infra persists orders and order lines.
package infra

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"shipwell.io/wms/pkg/apperr"
	"shipwell.io/wms/pkg/db"
	"shipwell.io/wms/pkg/ids"
	"shipwell.io/wms/pkg/models"
)

type Store struct{ DB *sql.DB }

func New(d *sql.DB) *Store { return &Store{DB: d} }

func (s *Store) Create(ctx context.Context, q db.Querier, o *models.Order) error {
	if o.ID == "" {
		o.ID = ids.New("ord")
	}
	o.CreatedAt = time.Now().UTC()
	shipTo, _ := json.Marshal(o.ShipTo)
	if _, err := q.ExecContext(ctx, `
		INSERT INTO orders (id, client_id, external_ref, status, priority, ship_to, carrier, service, ship_by, notes, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
		o.ID, o.ClientID, o.ExternalRef, o.Status, o.Priority, shipTo, db.NullString(o.Carrier),
		db.NullString(o.Service), o.ShipBy, db.NullString(o.Notes), o.CreatedAt); err != nil {
		return apperr.Wrap(err, "insert order")
	}
	for _, l := range o.Lines {
		if _, err := q.ExecContext(ctx, `
			INSERT INTO order_lines (order_id, line_no, sku, qty, allocated_qty, picked_qty, shipped_qty)
			VALUES ($1, $2, $3, $4, 0, 0, 0)`, o.ID, l.LineNo, l.SKU, l.Qty); err != nil {
			return apperr.Wrap(err, "insert order line")
		}
	}
	return nil
}

func (s *Store) Get(ctx context.Context, q db.Querier, id string) (*models.Order, error) {
	var o models.Order
	var shipTo []byte
	var carrier, service, wave, notes sql.NullString
	var shipped sql.NullTime
	err := q.QueryRowContext(ctx, `
		SELECT id, client_id, external_ref, status, priority, ship_to, carrier, service, ship_by,
		       wave_id, notes, created_at, shipped_at
		FROM orders WHERE id = $1`, id).Scan(&o.ID, &o.ClientID, &o.ExternalRef, &o.Status, &o.Priority,
		&shipTo, &carrier, &service, &o.ShipBy, &wave, &notes, &o.CreatedAt, &shipped)
	if db.IsNoRows(err) {
		return nil, apperr.NotFound("order %s", id)
	}
	if err != nil {
		return nil, err
	}
	_ = json.Unmarshal(shipTo, &o.ShipTo)
	o.Carrier, o.Service, o.WaveID, o.Notes = carrier.String, service.String, wave.String, notes.String
	if shipped.Valid {
		o.ShippedAt = &shipped.Time
	}
	rows, err := q.QueryContext(ctx, `
		SELECT line_no, sku, qty, allocated_qty, picked_qty, shipped_qty
		FROM order_lines WHERE order_id = $1 ORDER BY line_no`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var l models.OrderLine
		if err := rows.Scan(&l.LineNo, &l.SKU, &l.Qty, &l.AllocatedQty, &l.PickedQty, &l.ShippedQty); err != nil {
			return nil, err
		}
		o.Lines = append(o.Lines, l)
	}
	return &o, rows.Err()
}

func (s *Store) ExistsRef(ctx context.Context, clientID, ref string) (bool, error) {
	var n int
	err := s.DB.QueryRowContext(ctx, `SELECT COUNT(*) FROM orders WHERE client_id = $1 AND external_ref = $2`,
		clientID, ref).Scan(&n)
	return n > 0, err
}

func (s *Store) List(ctx context.Context, clientID string, status models.OrderStatus, p models.Page) ([]models.Order, error) {
	p = p.Norm()
	rows, err := s.DB.QueryContext(ctx, `
		SELECT o.id, o.client_id, o.external_ref, o.status, o.priority, o.ship_by, o.created_at,
		       COALESCE(SUM(l.qty), 0)
		FROM orders o LEFT JOIN order_lines l ON l.order_id = o.id
		WHERE ($1 = '' OR o.client_id = $1) AND ($2 = '' OR o.status = $2)
		GROUP BY o.id ORDER BY o.ship_by, o.priority LIMIT $3 OFFSET $4`,
		clientID, string(status), p.Limit, p.Offset)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Order
	for rows.Next() {
		var o models.Order
		var units int
		if err := rows.Scan(&o.ID, &o.ClientID, &o.ExternalRef, &o.Status, &o.Priority, &o.ShipBy, &o.CreatedAt, &units); err != nil {
			return nil, err
		}
		o.Lines = []models.OrderLine{{SKU: "*", Qty: units}}
		out = append(out, o)
	}
	return out, rows.Err()
}

// IDsByStatus returns order ids in a status, oldest ship-by first.
func (s *Store) IDsByStatus(ctx context.Context, limit int, statuses ...models.OrderStatus) ([]string, error) {
	ss := make([]string, len(statuses))
	for i, st := range statuses {
		ss[i] = string(st)
	}
	rows, err := s.DB.QueryContext(ctx, `
		SELECT id FROM orders WHERE status = ANY($1)
		ORDER BY priority, ship_by LIMIT $2`, ss, limit)
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

// SetStatus moves an order between statuses with an optimistic check.
func (s *Store) SetStatus(ctx context.Context, q db.Querier, id string, from, to models.OrderStatus) error {
	res, err := q.ExecContext(ctx, `UPDATE orders SET status = $3, updated_at = now() WHERE id = $1 AND status = $2`,
		id, from, to)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return apperr.Conflict("order %s changed concurrently", id)
	}
	return nil
}

func (s *Store) SaveLineAllocations(ctx context.Context, q db.Querier, o *models.Order) error {
	for _, l := range o.Lines {
		if _, err := q.ExecContext(ctx, `UPDATE order_lines SET allocated_qty = $3 WHERE order_id = $1 AND line_no = $2`,
			o.ID, l.LineNo, l.AllocatedQty); err != nil {
			return err
		}
	}
	return nil
}
