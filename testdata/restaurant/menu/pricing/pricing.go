// Package pricing computes the effective price of menu items per location:
// the base price, a location override, then time-window rules (happy hour,
// late-night specials).
package pricing

import (
	"context"
	"database/sql"
	"time"

	"tablecraft.io/ops/internal/platform/errs"
	"tablecraft.io/ops/internal/platform/money"
	"tablecraft.io/ops/menu"
	"tablecraft.io/ops/models"
	"tablecraft.io/ops/stores"
)

// Rule is a time-window price rule.
type Rule struct {
	ID          int64
	LocationID  int64
	Name        string
	CategoryID  int64 // 0 = any
	Weekdays    int   // bitmask, bit 0 = Sunday
	StartMinute int   // minutes after midnight, local time
	EndMinute   int
	PercentOff  int
	FixedPrice  money.Cents // if > 0 overrides PercentOff
}

func (r Rule) applies(it models.MenuItem, lt time.Time) bool {
	if r.CategoryID != 0 && r.CategoryID != it.CategoryID {
		return false
	}
	if r.Weekdays&(1<<uint(lt.Weekday())) == 0 {
		return false
	}
	m := lt.Hour()*60 + lt.Minute()
	return m >= r.StartMinute && m < r.EndMinute
}

// Engine prices items.
type Engine struct {
	db     *sql.DB
	menu   *menu.Service
	stores *stores.Directory
}

// NewEngine returns a pricing engine.
func NewEngine(conn *sql.DB, m *menu.Service, s *stores.Directory) *Engine {
	return &Engine{db: conn, menu: m, stores: s}
}

// Price returns one item's effective price at a location and time.
func (e *Engine) Price(ctx context.Context, locationID, itemID int64, at time.Time) (*models.PricedItem, error) {
	it, err := e.menu.Item(ctx, itemID)
	if err != nil {
		return nil, err
	}
	items, err := e.price(ctx, locationID, []models.MenuItem{*it}, at)
	if err != nil {
		return nil, err
	}
	return &items[0], nil
}

// Menu returns the whole priced menu for a location at a time.
func (e *Engine) Menu(ctx context.Context, locationID int64, at time.Time) ([]models.PricedItem, error) {
	items, err := e.menu.Items(ctx, 0)
	if err != nil {
		return nil, err
	}
	return e.price(ctx, locationID, items, at)
}

func (e *Engine) price(ctx context.Context, locationID int64, items []models.MenuItem, at time.Time) ([]models.PricedItem, error) {
	tz, err := e.stores.TZ(ctx, locationID)
	if err != nil {
		return nil, err
	}
	overrides, err := e.overrides(ctx, locationID)
	if err != nil {
		return nil, err
	}
	rules, err := e.Rules(ctx, locationID)
	if err != nil {
		return nil, err
	}
	out86, err := e.menu.Unavailable(ctx, locationID)
	if err != nil {
		return nil, err
	}
	lt := at.In(tz)
	out := make([]models.PricedItem, 0, len(items))
	for _, it := range items {
		p := models.PricedItem{MenuItem: it, Price: it.BasePrice, Available: it.Active && !out86[it.ID]}
		if o, ok := overrides[it.ID]; ok {
			p.Price = o
		}
		for _, r := range rules {
			if !r.applies(it, lt) {
				continue
			}
			if r.FixedPrice > 0 {
				p.Price = r.FixedPrice
			} else {
				p.Price -= p.Price.Percent(r.PercentOff)
			}
			p.RuleName = r.Name
			break // first matching rule wins; rules are ordered by priority
		}
		out = append(out, p)
	}
	return out, nil
}

func (e *Engine) overrides(ctx context.Context, locationID int64) (map[int64]money.Cents, error) {
	rows, err := e.db.QueryContext(ctx,
		`SELECT menu_item_id, price FROM location_prices WHERE location_id = $1`, locationID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]money.Cents{}
	for rows.Next() {
		var id int64
		var p money.Cents
		if err := rows.Scan(&id, &p); err != nil {
			return nil, err
		}
		out[id] = p
	}
	return out, rows.Err()
}

// Rules lists the active rules for a location ordered by priority.
func (e *Engine) Rules(ctx context.Context, locationID int64) ([]Rule, error) {
	rows, err := e.db.QueryContext(ctx,
		`SELECT id, location_id, name, COALESCE(category_id, 0), weekdays, start_minute, end_minute, percent_off, fixed_price
		 FROM price_rules WHERE location_id = $1 AND active ORDER BY priority`, locationID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Rule
	for rows.Next() {
		var r Rule
		if err := rows.Scan(&r.ID, &r.LocationID, &r.Name, &r.CategoryID, &r.Weekdays, &r.StartMinute, &r.EndMinute, &r.PercentOff, &r.FixedPrice); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// SetLocationPrice sets or clears (price <= 0) a location override.
func (e *Engine) SetLocationPrice(ctx context.Context, locationID, itemID int64, price money.Cents) error {
	if price <= 0 {
		_, err := e.db.ExecContext(ctx, `DELETE FROM location_prices WHERE location_id = $1 AND menu_item_id = $2`, locationID, itemID)
		return err
	}
	_, err := e.db.ExecContext(ctx,
		`INSERT INTO location_prices (location_id, menu_item_id, price) VALUES ($1, $2, $3)
		 ON CONFLICT (location_id, menu_item_id) DO UPDATE SET price = EXCLUDED.price`,
		locationID, itemID, price)
	return err
}

// AddRule stores a new price rule.
func (e *Engine) AddRule(ctx context.Context, r *Rule) error {
	if r.EndMinute <= r.StartMinute {
		return errs.Invalid("rule window must end after it starts")
	}
	if r.PercentOff < 0 || r.PercentOff > 100 {
		return errs.Invalid("percent_off must be 0..100")
	}
	return e.db.QueryRowContext(ctx,
		`INSERT INTO price_rules (location_id, name, category_id, weekdays, start_minute, end_minute, percent_off, fixed_price, priority, active)
		 VALUES ($1, $2, NULLIF($3, 0), $4, $5, $6, $7, $8,
		   (SELECT COALESCE(MAX(priority), 0) + 1 FROM price_rules WHERE location_id = $1), true)
		 RETURNING id`,
		r.LocationID, r.Name, r.CategoryID, r.Weekdays, r.StartMinute, r.EndMinute, r.PercentOff, r.FixedPrice).Scan(&r.ID)
}
