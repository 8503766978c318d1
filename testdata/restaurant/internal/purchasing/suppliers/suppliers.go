// Package suppliers keeps the vendor list and each vendor's catalog.
package suppliers

import (
	"context"
	"database/sql"

	"tablecraft.io/ops/db"
	"tablecraft.io/ops/internal/platform/errs"
	"tablecraft.io/ops/internal/platform/money"
	"tablecraft.io/ops/models"
)

// CatalogItem is what a supplier sells and for how much.
type CatalogItem struct {
	SupplierID  int64       `json:"supplier_id"`
	StockItemID int64       `json:"stock_item_id"`
	UnitCost    money.Cents `json:"unit_cost"`
	PackSize    float64     `json:"pack_size"`
}

// Service manages suppliers.
type Service struct{ db *sql.DB }

// New returns a Service.
func New(conn *sql.DB) *Service { return &Service{db: conn} }

// Get returns a supplier.
func (s *Service) Get(ctx context.Context, id int64) (*models.Supplier, error) {
	var sp models.Supplier
	err := s.db.QueryRowContext(ctx, `SELECT id, name, email, phone, lead_days, order_days FROM suppliers WHERE id = $1`, id).
		Scan(&sp.ID, &sp.Name, &sp.Email, &sp.Phone, &sp.LeadDays, &sp.OrderDays)
	if db.IsNoRows(err) {
		return nil, errs.NotFound("supplier %d not found", id)
	}
	return &sp, err
}

// Save creates or updates a supplier.
func (s *Service) Save(ctx context.Context, sp *models.Supplier) error {
	if sp.Name == "" || sp.Email == "" {
		return errs.Invalid("name and ordering email are required")
	}
	if sp.ID == 0 {
		return s.db.QueryRowContext(ctx,
			`INSERT INTO suppliers (name, email, phone, lead_days, order_days) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
			sp.Name, sp.Email, sp.Phone, sp.LeadDays, sp.OrderDays).Scan(&sp.ID)
	}
	_, err := s.db.ExecContext(ctx,
		`UPDATE suppliers SET name = $2, email = $3, phone = $4, lead_days = $5, order_days = $6 WHERE id = $1`,
		sp.ID, sp.Name, sp.Email, sp.Phone, sp.LeadDays, sp.OrderDays)
	return err
}

// Cheapest returns, per stock item, the lowest-cost catalog entry.
func (s *Service) Cheapest(ctx context.Context, itemIDs []int64) (map[int64]CatalogItem, error) {
	out := map[int64]CatalogItem{}
	if len(itemIDs) == 0 {
		return out, nil
	}
	rows, err := s.db.QueryContext(ctx,
		`SELECT DISTINCT ON (stock_item_id) supplier_id, stock_item_id, unit_cost, pack_size
		 FROM supplier_items WHERE stock_item_id IN (`+db.Placeholders(1, len(itemIDs))+`)
		 ORDER BY stock_item_id, unit_cost`, db.Int64Args(itemIDs)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var c CatalogItem
		if err := rows.Scan(&c.SupplierID, &c.StockItemID, &c.UnitCost, &c.PackSize); err != nil {
			return nil, err
		}
		out[c.StockItemID] = c
	}
	return out, rows.Err()
}
