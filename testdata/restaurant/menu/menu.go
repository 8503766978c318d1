// Package menu manages the master menu: categories, items, modifiers and
// per-location availability ("86" lists).
package menu

import (
	"context"
	"database/sql"
	"strings"

	"tablecraft.io/ops/db"
	"tablecraft.io/ops/internal/platform/errs"
	"tablecraft.io/ops/models"
)

// Service is the menu API used by the rest of the system.
type Service struct {
	db *sql.DB
}

// NewService returns a menu service.
func NewService(conn *sql.DB) *Service { return &Service{db: conn} }

const itemCols = `i.id, i.category_id, i.name, i.description, i.base_price, i.plu,
	COALESCE(NULLIF(i.station, ''), c.station), i.prep_seconds, i.alcohol, i.active`

func scanItem(row interface{ Scan(...any) error }) (*models.MenuItem, error) {
	var it models.MenuItem
	err := row.Scan(&it.ID, &it.CategoryID, &it.Name, &it.Description, &it.BasePrice, &it.PLU,
		&it.Station, &it.PrepSeconds, &it.Alcohol, &it.Active)
	return &it, err
}

// Item returns a single item with its modifiers.
func (s *Service) Item(ctx context.Context, id int64) (*models.MenuItem, error) {
	it, err := scanItem(s.db.QueryRowContext(ctx,
		`SELECT `+itemCols+` FROM menu_items i JOIN menu_categories c ON c.id = i.category_id WHERE i.id = $1`, id))
	if db.IsNoRows(err) {
		return nil, errs.NotFound("menu item %d not found", id)
	}
	if err != nil {
		return nil, err
	}
	mods, err := s.modifiersFor(ctx, []int64{id})
	if err != nil {
		return nil, err
	}
	it.Modifiers = mods[id]
	return it, nil
}

// Items lists active items, optionally restricted to a category.
func (s *Service) Items(ctx context.Context, categoryID int64) ([]models.MenuItem, error) {
	q := `SELECT ` + itemCols + ` FROM menu_items i JOIN menu_categories c ON c.id = i.category_id WHERE i.active`
	var args []any
	if categoryID > 0 {
		q += ` AND i.category_id = $1`
		args = append(args, categoryID)
	}
	q += ` ORDER BY c.sort_order, i.name`
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.MenuItem
	var ids []int64
	for rows.Next() {
		it, err := scanItem(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *it)
		ids = append(ids, it.ID)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	mods, err := s.modifiersFor(ctx, ids)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Modifiers = mods[out[i].ID]
	}
	return out, nil
}

func (s *Service) modifiersFor(ctx context.Context, ids []int64) (map[int64][]models.Modifier, error) {
	out := map[int64][]models.Modifier{}
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := s.db.QueryContext(ctx,
		`SELECT mim.menu_item_id, m.id, m.name, m.price_delta
		 FROM menu_item_modifiers mim JOIN modifiers m ON m.id = mim.modifier_id
		 WHERE mim.menu_item_id IN (`+db.Placeholders(1, len(ids))+`) ORDER BY m.name`,
		db.Int64Args(ids)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var itemID int64
		var m models.Modifier
		if err := rows.Scan(&itemID, &m.ID, &m.Name, &m.PriceDelta); err != nil {
			return nil, err
		}
		out[itemID] = append(out[itemID], m)
	}
	return out, rows.Err()
}

// Categories lists menu categories.
func (s *Service) Categories(ctx context.Context) ([]models.Category, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, name, station, sort_order FROM menu_categories ORDER BY sort_order`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Category
	for rows.Next() {
		var c models.Category
		if err := rows.Scan(&c.ID, &c.Name, &c.Station, &c.SortOrder); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// SaveItem creates or updates an item.
func (s *Service) SaveItem(ctx context.Context, it *models.MenuItem) error {
	it.Name = strings.TrimSpace(it.Name)
	if it.Name == "" {
		return errs.Invalid("item name is required")
	}
	if it.BasePrice < 0 {
		return errs.Invalid("price cannot be negative")
	}
	if it.ID == 0 {
		return s.db.QueryRowContext(ctx,
			`INSERT INTO menu_items (category_id, name, description, base_price, plu, station, prep_seconds, alcohol, active)
			 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, true) RETURNING id`,
			it.CategoryID, it.Name, it.Description, it.BasePrice, it.PLU, it.Station, it.PrepSeconds, it.Alcohol).Scan(&it.ID)
	}
	res, err := s.db.ExecContext(ctx,
		`UPDATE menu_items SET category_id=$2, name=$3, description=$4, base_price=$5, plu=$6, station=$7,
		 prep_seconds=$8, alcohol=$9, active=$10, updated_at=now() WHERE id=$1`,
		it.ID, it.CategoryID, it.Name, it.Description, it.BasePrice, it.PLU, it.Station, it.PrepSeconds, it.Alcohol, it.Active)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.NotFound("menu item %d not found", it.ID)
	}
	return nil
}

// Set86 marks an item unavailable (or available again) at one location.
func (s *Service) Set86(ctx context.Context, locationID, itemID int64, out bool) error {
	if out {
		_, err := s.db.ExecContext(ctx,
			`INSERT INTO item_availability (location_id, menu_item_id, available, updated_at)
			 VALUES ($1, $2, false, now())
			 ON CONFLICT (location_id, menu_item_id) DO UPDATE SET available = false, updated_at = now()`,
			locationID, itemID)
		return err
	}
	_, err := s.db.ExecContext(ctx,
		`DELETE FROM item_availability WHERE location_id = $1 AND menu_item_id = $2`, locationID, itemID)
	return err
}

// Unavailable returns the set of 86'd item ids at a location.
func (s *Service) Unavailable(ctx context.Context, locationID int64) (map[int64]bool, error) {
	rows, err := s.db.QueryContext(ctx,
		`SELECT menu_item_id FROM item_availability WHERE location_id = $1 AND NOT available`, locationID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out[id] = true
	}
	return out, rows.Err()
}
