// Package infra is the persistence layer of the clients module. The module
// predates the app/domain split and its handlers talk to the store directly.
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

const clientCols = `id, code, name, active, billing_email, bill_to, COALESCE(default_carrier, ''),
	allow_backorder, lot_controlled, created_at`

func scanClient(row interface{ Scan(...any) error }) (*models.Client, error) {
	var c models.Client
	var billTo []byte
	if err := row.Scan(&c.ID, &c.Code, &c.Name, &c.Active, &c.BillingEmail, &billTo, &c.DefaultCarrier,
		&c.AllowBackorder, &c.LotControlled, &c.CreatedAt); err != nil {
		return nil, err
	}
	if len(billTo) > 0 {
		_ = json.Unmarshal(billTo, &c.BillTo)
	}
	return &c, nil
}

func (s *Store) Get(ctx context.Context, id string) (*models.Client, error) {
	c, err := scanClient(s.DB.QueryRowContext(ctx, `SELECT `+clientCols+` FROM clients WHERE id = $1`, id))
	if db.IsNoRows(err) {
		return nil, apperr.NotFound("client %s", id)
	}
	return c, err
}

func (s *Store) GetByCode(ctx context.Context, code string) (*models.Client, error) {
	c, err := scanClient(s.DB.QueryRowContext(ctx, `SELECT `+clientCols+` FROM clients WHERE code = $1`, code))
	if db.IsNoRows(err) {
		return nil, apperr.NotFound("client code %s", code)
	}
	return c, err
}

func (s *Store) List(ctx context.Context, activeOnly bool, p models.Page) ([]models.Client, error) {
	p = p.Norm()
	rows, err := s.DB.QueryContext(ctx, `SELECT `+clientCols+` FROM clients
		WHERE ($1 = false OR active) ORDER BY code LIMIT $2 OFFSET $3`, activeOnly, p.Limit, p.Offset)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Client
	for rows.Next() {
		c, err := scanClient(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *c)
	}
	return out, rows.Err()
}

func (s *Store) Create(ctx context.Context, c *models.Client) error {
	if c.ID == "" {
		c.ID = ids.New("cli")
	}
	c.CreatedAt = time.Now().UTC()
	billTo, _ := json.Marshal(c.BillTo)
	_, err := s.DB.ExecContext(ctx, `
		INSERT INTO clients (id, code, name, active, billing_email, bill_to, default_carrier,
			allow_backorder, lot_controlled, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		c.ID, c.Code, c.Name, c.Active, c.BillingEmail, billTo, db.NullString(c.DefaultCarrier),
		c.AllowBackorder, c.LotControlled, c.CreatedAt)
	if err != nil {
		return apperr.Wrap(err, "create client")
	}
	return nil
}
