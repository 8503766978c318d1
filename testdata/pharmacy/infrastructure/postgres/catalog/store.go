// Package catalog is the PostgreSQL store for products.
// Tables: products, product_prices.
package catalog

import (
	"context"
	"database/sql"

	"rxnow.health/backend/domain/catalog"
	"rxnow.health/backend/domain/models"
	"rxnow.health/backend/infrastructure/postgres"
	"rxnow.health/backend/kernel/errs"
	"rxnow.health/backend/kernel/money"
)

// Store implements application/catalog.Repository.
type Store struct{ db *sql.DB }

// NewStore wraps db.
func NewStore(db *sql.DB) *Store { return &Store{db: db} }

const cols = `id, ndc, name, generic_name, strength, form, package_size, requires_rx, dea_schedule, cold_chain, unit_price_cents, active, updated_at`

func scan(row interface{ Scan(...any) error }) (catalog.Product, error) {
	var p catalog.Product
	var ndc sql.NullString
	var cents int64
	err := row.Scan(&p.ID, &ndc, &p.Name, &p.GenericName, &p.Strength, &p.Form, &p.PackageSize, &p.RequiresRx, &p.Schedule, &p.ColdChain, &cents, &p.Active, &p.UpdatedAt)
	p.NDC = ndc.String
	p.UnitPrice = money.USD(cents)
	return p, err
}

func (s *Store) Create(ctx context.Context, p *catalog.Product) error {
	err := s.db.QueryRowContext(ctx, `
		INSERT INTO products (ndc, name, generic_name, strength, form, package_size, requires_rx, dea_schedule, cold_chain, unit_price_cents, active, updated_at)
		VALUES (NULLIF($1, ''), $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now()) RETURNING id, updated_at`,
		p.NDC, p.Name, p.GenericName, p.Strength, p.Form, p.PackageSize, p.RequiresRx, p.Schedule, p.ColdChain, p.UnitPrice.Cents, p.Active,
	).Scan(&p.ID, &p.UpdatedAt)
	if postgres.IsUniqueViolation(err) {
		return errs.Conflictf("catalog.Store.Create", "NDC %s already exists", p.NDC)
	}
	return err
}

func (s *Store) Get(ctx context.Context, id int64) (catalog.Product, error) {
	p, err := scan(s.db.QueryRowContext(ctx, `SELECT `+cols+` FROM products WHERE id = $1`, id))
	if err != nil {
		return p, postgres.NotFound("catalog.Store.Get", err, "product", id)
	}
	return p, nil
}

func (s *Store) GetByNDC(ctx context.Context, ndc string) (catalog.Product, error) {
	p, err := scan(s.db.QueryRowContext(ctx, `SELECT `+cols+` FROM products WHERE ndc = $1`, ndc))
	if err != nil {
		return p, postgres.NotFound("catalog.Store.GetByNDC", err, "product with NDC", ndc)
	}
	return p, nil
}

func (s *Store) Search(ctx context.Context, q string, rxOnly bool, page models.Page) ([]catalog.Product, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT `+cols+` FROM products
		WHERE active AND (name ILIKE '%' || $1 || '%' OR generic_name ILIKE '%' || $1 || '%')
		  AND ($2 = false OR requires_rx)
		ORDER BY name LIMIT $3 OFFSET $4`, q, rxOnly, page.Limit, page.Offset)
	if err != nil {
		return nil, err
	}
	return collect(rows)
}

func (s *Store) RecordPrice(ctx context.Context, productID int64, price money.Money, changedBy string) error {
	_, err := s.db.ExecContext(ctx, `
		INSERT INTO product_prices (product_id, unit_price_cents, changed_by, effective_at) VALUES ($1, $2, $3, now())`,
		productID, price.Cents, changedBy)
	return err
}

// AverageWholesalePrice returns the latest AWP per unit for an NDC, used as
// the "ingredient cost submitted" on pharmacy claims.
func (s *Store) AverageWholesalePrice(ctx context.Context, ndc string) (money.Money, error) {
	var cents int64
	err := s.db.QueryRowContext(ctx, `
		SELECT pp.unit_price_cents FROM product_prices pp
		JOIN products p ON p.id = pp.product_id
		WHERE p.ndc = $1 ORDER BY pp.effective_at DESC LIMIT 1`, ndc).Scan(&cents)
	if err != nil {
		return money.Zero, postgres.NotFound("catalog.Store.AverageWholesalePrice", err, "price for NDC", ndc)
	}
	return money.USD(cents), nil
}

func collect(rows *sql.Rows) ([]catalog.Product, error) {
	defer rows.Close()
	var out []catalog.Product
	for rows.Next() {
		p, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
