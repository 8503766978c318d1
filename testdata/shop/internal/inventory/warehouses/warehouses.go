// Package warehouses knows the shop's warehouses and which to ship from.
package warehouses

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"

	"example.com/shop/internal/platform/db"
	"example.com/shop/internal/platform/errs"
	"example.com/shop/internal/platform/validate"
)

// Warehouse is a place stock is kept.
type Warehouse struct {
	ID       string `json:"id"`
	Code     string `json:"code"`
	Name     string `json:"name"`
	Country  string `json:"country"`
	Priority int    `json:"priority"`
	Active   bool   `json:"active"`
}

const warehouseColumns = "id, code, name, country, priority, active"

const (
	selectWarehousesSQL = "SELECT " + warehouseColumns + " FROM warehouses ORDER BY priority, code"
	selectActiveSQL     = "SELECT " + warehouseColumns + " FROM warehouses WHERE active ORDER BY priority, code"
	selectWarehouseSQL  = "SELECT " + warehouseColumns + " FROM warehouses WHERE id = $1"
	upsertWarehouseSQL  = `INSERT INTO warehouses (id, code, name, country, priority, active)
VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (id) DO UPDATE SET code = EXCLUDED.code, name = EXCLUDED.name, country = EXCLUDED.country,
	priority = EXCLUDED.priority, active = EXCLUDED.active`
)

// Store reads and writes warehouses.
type Store struct {
	db *sql.DB
}

// NewStore returns a warehouse store on conn.
func NewStore(conn *sql.DB) *Store { return &Store{db: conn} }

func scan(s db.Scanner) (Warehouse, error) {
	var w Warehouse
	err := s.Scan(&w.ID, &w.Code, &w.Name, &w.Country, &w.Priority, &w.Active)
	return w, err
}

// List returns the warehouses, best priority first.
func (s *Store) List(ctx context.Context, q db.Querier, activeOnly bool) ([]Warehouse, error) {
	query := selectWarehousesSQL
	if activeOnly {
		query = selectActiveSQL
	}
	out, err := db.QueryAll(ctx, q, scan, query)
	if err != nil {
		return nil, fmt.Errorf("warehouses: list: %w", err)
	}
	return out, nil
}

// Get returns one warehouse.
func (s *Store) Get(ctx context.Context, id string) (Warehouse, error) {
	w, err := db.ScanOne(s.db.QueryRowContext(ctx, selectWarehouseSQL, id), scan)
	if errors.Is(err, db.ErrNotFound) {
		return Warehouse{}, errs.NotFound("warehouses.Get", "warehouse %q not found", id)
	}
	return w, err
}

// Upsert creates or updates a warehouse.
func (s *Store) Upsert(ctx context.Context, w Warehouse) error {
	w.Code = strings.ToUpper(strings.TrimSpace(w.Code))
	w.Country = strings.ToUpper(strings.TrimSpace(w.Country))
	var v validate.Validator
	v.Required("id", w.ID)
	v.Required("code", w.Code)
	v.MaxLen("code", w.Code, 10)
	v.Check(len(w.Country) == 2, "country", "must be an ISO country code")
	v.Between("priority", w.Priority, 0, 1000)
	if err := v.Err("warehouses.Upsert"); err != nil {
		return err
	}
	if _, err := s.db.ExecContext(ctx, upsertWarehouseSQL, w.ID, w.Code, w.Name, w.Country, w.Priority, w.Active); err != nil {
		return fmt.Errorf("warehouses: upsert %s: %w", w.Code, err)
	}
	return nil
}

// Rank orders active warehouses for shipping to country: warehouses in
// the same country first, then by priority.
func Rank(ws []Warehouse, country string) []Warehouse {
	out := make([]Warehouse, 0, len(ws))
	for _, w := range ws {
		if w.Active {
			out = append(out, w)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		li, lj := strings.EqualFold(out[i].Country, country), strings.EqualFold(out[j].Country, country)
		if li != lj {
			return li
		}
		return out[i].Priority < out[j].Priority
	})
	return out
}
