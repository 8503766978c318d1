// Package infra persists locations and zones.
package infra

import (
	"context"
	"database/sql"

	"shipwell.io/wms/modules/locations/domain"
	"shipwell.io/wms/pkg/apperr"
	"shipwell.io/wms/pkg/db"
	"shipwell.io/wms/pkg/ids"
	"shipwell.io/wms/pkg/models"
)

type Store struct{ DB *sql.DB }

func New(d *sql.DB) *Store { return &Store{DB: d} }

const cols = `id, code, zone, type, max_volume_cm3, max_weight_g, pick_seq, blocked`

func scan(row interface{ Scan(...any) error }) (*models.Location, error) {
	var l models.Location
	err := row.Scan(&l.ID, &l.Code, &l.Zone, &l.Type, &l.MaxVolume, &l.MaxWeight, &l.PickSeq, &l.Blocked)
	return &l, err
}

func (s *Store) Get(ctx context.Context, id string) (*models.Location, error) {
	l, err := scan(s.DB.QueryRowContext(ctx, `SELECT `+cols+` FROM locations WHERE id = $1`, id))
	if db.IsNoRows(err) {
		return nil, apperr.NotFound("location %s", id)
	}
	return l, err
}

func (s *Store) GetByCode(ctx context.Context, code string) (*models.Location, error) {
	l, err := scan(s.DB.QueryRowContext(ctx, `SELECT `+cols+` FROM locations WHERE code = $1`, code))
	if db.IsNoRows(err) {
		return nil, apperr.NotFound("location %s", code)
	}
	return l, err
}

func (s *Store) ListZone(ctx context.Context, zone string, typ models.LocationType) ([]models.Location, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT `+cols+` FROM locations
		WHERE zone = $1 AND ($2 = '' OR type = $2) ORDER BY pick_seq`, zone, string(typ))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Location
	for rows.Next() {
		l, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *l)
	}
	return out, rows.Err()
}

func (s *Store) Create(ctx context.Context, l *models.Location) error {
	if l.ID == "" {
		l.ID = ids.New("loc")
	}
	_, err := s.DB.ExecContext(ctx, `
		INSERT INTO locations (id, code, zone, type, max_volume_cm3, max_weight_g, pick_seq, blocked)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
		ON CONFLICT (code) DO NOTHING`,
		l.ID, l.Code, l.Zone, l.Type, l.MaxVolume, l.MaxWeight, l.PickSeq, l.Blocked)
	return err
}

// Occupancy returns candidate locations of a type with their current fill,
// emptiest first.
func (s *Store) Occupancy(ctx context.Context, zone string, typ models.LocationType, limit int) ([]domain.Occupancy, error) {
	rows, err := s.DB.QueryContext(ctx, `
		SELECT l.id, l.code, l.zone, l.type, l.max_volume_cm3, l.max_weight_g, l.pick_seq, l.blocked,
		       COALESCE(SUM(b.on_hand * i.length_cm * i.width_cm * i.height_cm), 0),
		       COALESCE(SUM(b.on_hand * i.weight_g), 0),
		       COUNT(DISTINCT b.sku)
		FROM locations l
		LEFT JOIN inventory_balances b ON b.location_id = l.id AND b.on_hand > 0
		LEFT JOIN items i ON i.sku = b.sku AND i.client_id = b.client_id
		WHERE ($1 = '' OR l.zone = $1) AND l.type = $2 AND NOT l.blocked
		GROUP BY l.id
		ORDER BY 9 ASC, l.pick_seq
		LIMIT $3`, zone, string(typ), limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.Occupancy
	for rows.Next() {
		var o domain.Occupancy
		l := &o.Location
		if err := rows.Scan(&l.ID, &l.Code, &l.Zone, &l.Type, &l.MaxVolume, &l.MaxWeight, &l.PickSeq, &l.Blocked,
			&o.UsedCM3, &o.UsedG, &o.SKUs); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}
