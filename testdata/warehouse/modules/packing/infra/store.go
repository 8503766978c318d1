// Package infra persists pack stations, cartons and their contents.
package infra

import (
	"context"
	"database/sql"
	"time"

	"shipwell.io/wms/pkg/apperr"
	"shipwell.io/wms/pkg/db"
	"shipwell.io/wms/pkg/ids"
	"shipwell.io/wms/pkg/models"
)

type Store struct{ DB *sql.DB }

func New(d *sql.DB) *Store { return &Store{DB: d} }

func (s *Store) StationActive(ctx context.Context, id string) (bool, error) {
	var active bool
	err := s.DB.QueryRowContext(ctx, `SELECT active FROM pack_stations WHERE id = $1`, id).Scan(&active)
	if db.IsNoRows(err) {
		return false, apperr.NotFound("pack station %s", id)
	}
	return active, err
}

func (s *Store) Open(ctx context.Context, c *models.Carton) error {
	if c.ID == "" {
		c.ID = ids.New("ctn")
	}
	_, err := s.DB.ExecContext(ctx, `
		INSERT INTO cartons (id, order_id, station_id, box_type, length_cm, width_cm, height_cm, weight_g, packed_by, opened_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8, now())`,
		c.ID, c.OrderID, c.StationID, c.BoxType, c.Dims.LengthCM, c.Dims.WidthCM, c.Dims.HeightCM, c.PackedBy)
	return err
}

func (s *Store) Carton(ctx context.Context, q db.Querier, id string) (*models.Carton, error) {
	var c models.Carton
	var closed sql.NullTime
	err := q.QueryRowContext(ctx, `
		SELECT id, order_id, station_id, box_type, length_cm, width_cm, height_cm, weight_g, packed_by, closed_at
		FROM cartons WHERE id = $1`, id).Scan(&c.ID, &c.OrderID, &c.StationID, &c.BoxType, &c.Dims.LengthCM,
		&c.Dims.WidthCM, &c.Dims.HeightCM, &c.Dims.WeightG, &c.PackedBy, &closed)
	if db.IsNoRows(err) {
		return nil, apperr.NotFound("carton %s", id)
	}
	if err != nil {
		return nil, err
	}
	if closed.Valid {
		c.Closed, c.ClosedAt = true, &closed.Time
	}
	rows, err := q.QueryContext(ctx, `SELECT sku, qty FROM carton_items WHERE carton_id = $1 ORDER BY sku`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var it models.CartonItem
		if err := rows.Scan(&it.SKU, &it.Qty); err != nil {
			return nil, err
		}
		c.Items = append(c.Items, it)
	}
	return &c, rows.Err()
}

func (s *Store) OrderCartonIDs(ctx context.Context, orderID string) ([]string, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT id FROM cartons WHERE order_id = $1 ORDER BY opened_at`, orderID)
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

func (s *Store) AddItem(ctx context.Context, q db.Querier, cartonID, sku string, qty int) error {
	_, err := q.ExecContext(ctx, `
		INSERT INTO carton_items (carton_id, sku, qty) VALUES ($1, $2, $3)
		ON CONFLICT (carton_id, sku) DO UPDATE SET qty = carton_items.qty + EXCLUDED.qty`, cartonID, sku, qty)
	return err
}

func (s *Store) Close(ctx context.Context, id string, weightG int, at time.Time) error {
	_, err := s.DB.ExecContext(ctx, `UPDATE cartons SET weight_g = $2, closed_at = $3 WHERE id = $1 AND closed_at IS NULL`,
		id, weightG, at)
	return err
}

func (s *Store) sumBySKU(ctx context.Context, q db.Querier, query, orderID string) (map[string]int, error) {
	rows, err := q.QueryContext(ctx, query, orderID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var sku string
		var n int
		if err := rows.Scan(&sku, &n); err != nil {
			return nil, err
		}
		out[sku] = n
	}
	return out, rows.Err()
}

// PickedBySKU is what arrived at the pack bench for the order.
func (s *Store) PickedBySKU(ctx context.Context, q db.Querier, orderID string) (map[string]int, error) {
	return s.sumBySKU(ctx, q, `SELECT sku, SUM(picked_qty) FROM pick_tasks WHERE order_id = $1 GROUP BY sku`, orderID)
}

func (s *Store) PackedBySKU(ctx context.Context, q db.Querier, orderID string) (map[string]int, error) {
	return s.sumBySKU(ctx, q, `
		SELECT ci.sku, SUM(ci.qty) FROM carton_items ci JOIN cartons c ON c.id = ci.carton_id
		WHERE c.order_id = $1 GROUP BY ci.sku`, orderID)
}
