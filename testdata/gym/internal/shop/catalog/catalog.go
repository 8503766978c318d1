// Package catalog manages the supplement and merchandise catalogue.
package catalog

import (
	"context"
	"database/sql"
	"strings"

	"github.com/pulsefit/clubs/internal/models"
	"github.com/pulsefit/clubs/pkg/db"
	"github.com/pulsefit/clubs/pkg/errs"
	"github.com/pulsefit/clubs/pkg/ids"
	"github.com/pulsefit/clubs/pkg/money"
)

var Categories = []string{"protein", "pre-workout", "vitamins", "drinks", "snacks", "apparel", "accessories"}

type Catalog struct{ db *sql.DB }

func New(conn *sql.DB) *Catalog { return &Catalog{db: conn} }

const cols = `id, sku, name, category, price_minor, vat_bp, active`

func scan(row interface{ Scan(...any) error }) (models.Product, error) {
	var p models.Product
	var price int64
	err := row.Scan(&p.ID, &p.SKU, &p.Name, &p.Category, &price, &p.VATBP, &p.Active)
	p.Price = money.GBP(price)
	return p, err
}

func (c *Catalog) Get(ctx context.Context, id string) (models.Product, error) {
	p, err := scan(c.db.QueryRowContext(ctx, `SELECT `+cols+` FROM products WHERE id = $1`, id))
	return p, db.NotFound(err, "product")
}

func (c *Catalog) List(ctx context.Context, category string) ([]models.Product, error) {
	q := `SELECT ` + cols + ` FROM products WHERE active`
	args := []any{}
	if category != "" {
		q += ` AND category = $1`
		args = append(args, category)
	}
	rows, err := c.db.QueryContext(ctx, q+` ORDER BY category, name`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Product
	for rows.Next() {
		p, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

func validCategory(c string) bool {
	for _, x := range Categories {
		if x == c {
			return true
		}
	}
	return false
}

// Upsert creates or updates a product by SKU.
func (c *Catalog) Upsert(ctx context.Context, p models.Product) (models.Product, error) {
	p.SKU = strings.ToUpper(strings.TrimSpace(p.SKU))
	if p.SKU == "" || p.Name == "" {
		return p, errs.Invalid("sku and name are required")
	}
	if !validCategory(p.Category) {
		return p, errs.Invalid("unknown category %q", p.Category)
	}
	if p.Price.Amount <= 0 {
		return p, errs.Invalid("price must be positive")
	}
	if p.Category == "snacks" || p.Category == "protein" {
		p.VATBP = 0 // food is zero-rated (mostly – ask finance about protein bars)
	} else {
		p.VATBP = 2000
	}
	if p.ID == "" {
		p.ID = ids.New("prd")
	}
	err := c.db.QueryRowContext(ctx, `INSERT INTO products (id, sku, name, category, price_minor, vat_bp, active)
		VALUES ($1,$2,$3,$4,$5,$6,true)
		ON CONFLICT (sku) DO UPDATE SET name = EXCLUDED.name, category = EXCLUDED.category,
		  price_minor = EXCLUDED.price_minor, vat_bp = EXCLUDED.vat_bp
		RETURNING id`, p.ID, p.SKU, p.Name, p.Category, p.Price.Amount, p.VATBP).Scan(&p.ID)
	return p, err
}

func (c *Catalog) Deactivate(ctx context.Context, id string) error {
	res, err := c.db.ExecContext(ctx, `UPDATE products SET active = false WHERE id = $1`, id)
	if err != nil {
		return err
	}
	return db.RowsAffected(res, "product")
}
