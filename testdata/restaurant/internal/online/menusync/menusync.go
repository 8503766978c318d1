// Package menusync pushes each location's priced menu to the delivery
// marketplaces, skipping locations whose menu has not changed.
package menusync

import (
	"context"
	"crypto/sha1"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"strconv"

	"tablecraft.io/ops/internal/online/partners"
	"tablecraft.io/ops/internal/platform/money"
	"tablecraft.io/ops/logging"
)

// DeliveryMarkupPercent is added to in-store prices on marketplaces to cover
// commission.
const DeliveryMarkupPercent = 15

// Syncer pushes menus.
type Syncer struct {
	db       *sql.DB
	partners *partners.Registry
	log      *logging.Logger
}

// New returns a Syncer.
func New(conn *sql.DB, reg *partners.Registry, log *logging.Logger) *Syncer {
	return &Syncer{db: conn, partners: reg, log: log}
}

// Run syncs every active location to every partner.
func (s *Syncer) Run(ctx context.Context) error {
	rows, err := s.db.QueryContext(ctx, `SELECT id FROM locations WHERE active`)
	if err != nil {
		return err
	}
	var locs []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		locs = append(locs, id)
	}
	rows.Close()
	for _, loc := range locs {
		if err := s.syncLocation(ctx, loc); err != nil {
			s.log.Errorf("menusync: location %d: %v", loc, err)
		}
	}
	return nil
}

func (s *Syncer) syncLocation(ctx context.Context, locationID int64) error {
	// Read straight from the menu tables: the pricing engine applies
	// time-window rules we must not publish to marketplaces.
	rows, err := s.db.QueryContext(ctx,
		`SELECT i.id, i.name, c.name, COALESCE(lp.price, i.base_price), COALESCE(a.available, true)
		 FROM menu_items i
		 JOIN menu_categories c ON c.id = i.category_id
		 LEFT JOIN location_prices lp ON lp.menu_item_id = i.id AND lp.location_id = $1
		 LEFT JOIN item_availability a ON a.menu_item_id = i.id AND a.location_id = $1
		 WHERE i.active AND NOT i.alcohol
		 ORDER BY c.sort_order, i.name`, locationID)
	if err != nil {
		return err
	}
	var items []partners.MenuEntry
	for rows.Next() {
		var id int64
		var e partners.MenuEntry
		var price money.Cents
		if err := rows.Scan(&id, &e.Name, &e.Category, &price, &e.Available); err != nil {
			rows.Close()
			return err
		}
		e.PLU = strconv.FormatInt(id, 10)
		e.Price = price + price.Percent(DeliveryMarkupPercent)
		items = append(items, e)
	}
	rows.Close()
	body, _ := json.Marshal(items)
	sum := sha1.Sum(body)
	hash := hex.EncodeToString(sum[:])
	ref := strconv.FormatInt(locationID, 10)
	for _, p := range s.partners.All() {
		var last string
		_ = s.db.QueryRowContext(ctx,
			`SELECT menu_hash FROM partner_menu_sync WHERE location_id = $1 AND partner = $2`, locationID, p.Name()).Scan(&last)
		if last == hash {
			continue
		}
		if err := p.PushMenu(ctx, ref, items); err != nil {
			s.log.Warnf("menusync: %s location %d: %v", p.Name(), locationID, err)
			continue
		}
		if _, err := s.db.ExecContext(ctx,
			`INSERT INTO partner_menu_sync (location_id, partner, menu_hash, items, synced_at) VALUES ($1, $2, $3, $4, now())
			 ON CONFLICT (location_id, partner) DO UPDATE SET menu_hash = $3, items = $4, synced_at = now()`,
			locationID, p.Name(), hash, len(items)); err != nil {
			return err
		}
	}
	return nil
}
