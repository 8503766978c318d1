package properties

import (
	"context"
	"database/sql"

	"github.com/keystoneprop/platform/internal/db"
	"github.com/keystoneprop/platform/internal/models"
)

type Store struct{ conn *sql.DB }

func NewStore(conn *sql.DB) *Store { return &Store{conn: conn} }

const propertyCols = `id, name, type, line1, line2, city, state, postal_code, year_built,
	owner_id, manager_id, mgmt_fee_bps, reserve_cents, active, created_at`

func scanProperty(sc interface{ Scan(...any) error }) (models.Property, error) {
	var p models.Property
	var line2 sql.NullString
	var year sql.NullInt64
	err := sc.Scan(&p.ID, &p.Name, &p.Type, &p.Address.Line1, &line2, &p.Address.City, &p.Address.State,
		&p.Address.PostalCode, &year, &p.OwnerID, &p.ManagerID, &p.MgmtFeeBps, &p.ReserveHeld, &p.Active, &p.CreatedAt)
	p.Address.Line2 = line2.String
	p.YearBuilt = int(year.Int64)
	return p, err
}

func (s *Store) Get(ctx context.Context, id string) (models.Property, error) {
	row := s.conn.QueryRowContext(ctx, `SELECT `+propertyCols+` FROM properties WHERE id = $1`, id)
	p, err := scanProperty(row)
	return p, db.Check(err, "property")
}

type Filter struct {
	OwnerID   string
	ManagerID string
	City      string
	Active    *bool
	Limit     int
	Offset    int
}

func (s *Store) List(ctx context.Context, f Filter) ([]models.Property, error) {
	rows, err := s.conn.QueryContext(ctx, `SELECT `+propertyCols+` FROM properties
		WHERE ($1 = '' OR owner_id = $1)
		  AND ($2 = '' OR manager_id = $2)
		  AND ($3 = '' OR lower(city) = lower($3))
		  AND ($4::boolean IS NULL OR active = $4)
		ORDER BY name LIMIT $5 OFFSET $6`,
		f.OwnerID, f.ManagerID, f.City, f.Active, f.Limit, f.Offset)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Property
	for rows.Next() {
		p, err := scanProperty(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

func (s *Store) Insert(ctx context.Context, p models.Property) error {
	_, err := s.conn.ExecContext(ctx, `INSERT INTO properties (`+propertyCols+`)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)`,
		p.ID, p.Name, p.Type, p.Address.Line1, db.NullString(p.Address.Line2), p.Address.City, p.Address.State,
		p.Address.PostalCode, p.YearBuilt, p.OwnerID, p.ManagerID, p.MgmtFeeBps, p.ReserveHeld, p.Active, p.CreatedAt)
	return err
}

func (s *Store) Update(ctx context.Context, p models.Property) error {
	res, err := s.conn.ExecContext(ctx, `UPDATE properties SET name=$2, manager_id=$3, mgmt_fee_bps=$4,
		reserve_cents=$5, active=$6 WHERE id=$1`,
		p.ID, p.Name, p.ManagerID, p.MgmtFeeBps, p.ReserveHeld, p.Active)
	return db.MustAffect(res, err, "property")
}

// Occupancy returns occupied/total unit counts.
func (s *Store) Occupancy(ctx context.Context, id string) (occupied, total int, err error) {
	err = s.conn.QueryRowContext(ctx, `SELECT
		count(*) FILTER (WHERE status IN ('occupied','notice')), count(*)
		FROM units WHERE property_id = $1 AND status <> 'offline'`, id).Scan(&occupied, &total)
	return
}
