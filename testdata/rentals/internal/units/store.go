package units

import (
	"context"
	"database/sql"

	"github.com/keystoneprop/platform/internal/db"
	"github.com/keystoneprop/platform/internal/models"
)

type Store struct{ conn *sql.DB }

func NewStore(conn *sql.DB) *Store { return &Store{conn: conn} }

const unitCols = `id, property_id, label, bedrooms, bathrooms, square_feet, market_rent_cents, status, updated_at`

func scanUnit(sc interface{ Scan(...any) error }) (models.Unit, error) {
	var u models.Unit
	err := sc.Scan(&u.ID, &u.PropertyID, &u.Label, &u.Bedrooms, &u.Bathrooms, &u.SquareFeet, &u.MarketRent, &u.Status, &u.UpdatedAt)
	return u, err
}

func (s *Store) Get(ctx context.Context, id string) (models.Unit, error) {
	u, err := scanUnit(s.conn.QueryRowContext(ctx, `SELECT `+unitCols+` FROM units WHERE id = $1`, id))
	return u, db.Check(err, "unit")
}

func (s *Store) ListByProperty(ctx context.Context, propertyID string) ([]models.Unit, error) {
	return s.list(ctx, `SELECT `+unitCols+` FROM units WHERE property_id = $1 ORDER BY label`, propertyID)
}

func (s *Store) ListByStatus(ctx context.Context, status models.UnitStatus) ([]models.Unit, error) {
	return s.list(ctx, `SELECT `+unitCols+` FROM units WHERE status = $1 ORDER BY updated_at`, status)
}

func (s *Store) list(ctx context.Context, q string, args ...any) ([]models.Unit, error) {
	rows, err := s.conn.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Unit
	for rows.Next() {
		u, err := scanUnit(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

func (s *Store) Insert(ctx context.Context, u models.Unit) error {
	_, err := s.conn.ExecContext(ctx, `INSERT INTO units (`+unitCols+`) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
		u.ID, u.PropertyID, u.Label, u.Bedrooms, u.Bathrooms, u.SquareFeet, u.MarketRent, u.Status, u.UpdatedAt)
	return err
}

func (s *Store) UpdateMarketRent(ctx context.Context, id string, rent int64) error {
	res, err := s.conn.ExecContext(ctx, `UPDATE units SET market_rent_cents = $2, updated_at = now() WHERE id = $1`, id, rent)
	return db.MustAffect(res, err, "unit")
}

// SetStatus updates status inside tx only if the current status is from.
func (s *Store) SetStatus(ctx context.Context, q db.Querier, id string, from, to models.UnitStatus) error {
	res, err := q.ExecContext(ctx, `UPDATE units SET status = $3, updated_at = now() WHERE id = $1 AND status = $2`, id, from, to)
	return db.MustAffect(res, err, "unit in status "+string(from))
}
