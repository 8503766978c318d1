// Package inventory tracks on-hand stock per location: recipe depletion from
// sales, manual adjustments, waste, and par levels.
package inventory

import (
	"context"
	"database/sql"
	"net/http"

	"tablecraft.io/ops/db"
	"tablecraft.io/ops/internal/platform/events"
	"tablecraft.io/ops/internal/platform/httpx"
	"tablecraft.io/ops/models"
)

// Service is the inventory service.
type Service struct {
	db  *sql.DB
	bus *events.Bus
}

// New returns a Service.
func New(conn *sql.DB, bus *events.Bus) *Service { return &Service{db: conn, bus: bus} }

// Levels returns on-hand quantities and pars for a location.
func (s *Service) Levels(ctx context.Context, locationID int64, belowParOnly bool) ([]models.StockItem, error) {
	q := `SELECT si.id, si.name, si.unit, COALESCE(sl.par_level, 0), COALESCE(sl.on_hand, 0)
	      FROM stock_items si LEFT JOIN stock_levels sl ON sl.stock_item_id = si.id AND sl.location_id = $1
	      WHERE si.active`
	if belowParOnly {
		q += ` AND COALESCE(sl.on_hand, 0) < COALESCE(sl.par_level, 0)`
	}
	rows, err := s.db.QueryContext(ctx, q+` ORDER BY si.name`, locationID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.StockItem
	for rows.Next() {
		var it models.StockItem
		if err := rows.Scan(&it.ID, &it.Name, &it.Unit, &it.ParLevel, &it.OnHand); err != nil {
			return nil, err
		}
		out = append(out, it)
	}
	return out, rows.Err()
}

// Adjust changes on-hand by delta and records the movement.
func (s *Service) Adjust(ctx context.Context, locationID, itemID int64, delta float64, reason string, ref int64) error {
	var onHand, par float64
	err := db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		return adjust(ctx, tx, locationID, itemID, delta, reason, ref, &onHand, &par)
	})
	if err == nil && onHand < par && onHand-delta >= par {
		s.bus.Publish(ctx, events.Event{Topic: events.StockLow, LocationID: locationID,
			Payload: map[string]any{"stock_item_id": itemID, "on_hand": onHand, "par": par}})
	}
	return err
}

func adjust(ctx context.Context, tx *sql.Tx, loc, item int64, delta float64, reason string, ref int64, onHand, par *float64) error {
	if err := tx.QueryRowContext(ctx,
		`INSERT INTO stock_levels (location_id, stock_item_id, on_hand, par_level) VALUES ($1, $2, $3, 0)
		 ON CONFLICT (location_id, stock_item_id) DO UPDATE SET on_hand = stock_levels.on_hand + $3
		 RETURNING on_hand, par_level`, loc, item, delta).Scan(onHand, par); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx,
		`INSERT INTO stock_movements (location_id, stock_item_id, delta, reason, ref_id, created_at) VALUES ($1, $2, $3, $4, $5, now())`,
		loc, item, delta, reason, db.NullInt64(ref))
	return err
}

// OnOrderClosed depletes ingredients for everything sold on the check.
func (s *Service) OnOrderClosed(ctx context.Context, e events.Event) error {
	var ev models.OrderClosedEvent
	if err := events.Decode(e, &ev); err != nil {
		return err
	}
	rows, err := s.db.QueryContext(ctx,
		`SELECT rc.stock_item_id, SUM(rc.qty * ol.qty)
		 FROM order_lines ol JOIN recipe_components rc ON rc.menu_item_id = ol.menu_item_id
		 WHERE ol.order_id = $1 AND NOT ol.voided
		 GROUP BY rc.stock_item_id`, ev.OrderID)
	if err != nil {
		return err
	}
	usage := map[int64]float64{}
	for rows.Next() {
		var id int64
		var q float64
		if err := rows.Scan(&id, &q); err != nil {
			rows.Close()
			return err
		}
		usage[id] = q
	}
	rows.Close()
	for id, q := range usage {
		if err := s.Adjust(ctx, ev.LocationID, id, -q, "sale", ev.OrderID); err != nil {
			return err
		}
	}
	return nil
}

// SetPar sets the par level of an item at a location.
func (s *Service) SetPar(ctx context.Context, locationID, itemID int64, par float64) error {
	_, err := s.db.ExecContext(ctx,
		`INSERT INTO stock_levels (location_id, stock_item_id, on_hand, par_level) VALUES ($1, $2, 0, $3)
		 ON CONFLICT (location_id, stock_item_id) DO UPDATE SET par_level = $3`, locationID, itemID, par)
	return err
}

// Routes registers the legacy inventory endpoints.
func (s *Service) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /locations/{loc}/inventory", func(w http.ResponseWriter, r *http.Request) {
		loc, err := httpx.PathID(r, "loc")
		if err != nil {
			httpx.Error(w, err)
			return
		}
		items, err := s.Levels(r.Context(), loc, r.URL.Query().Get("below_par") == "1")
		if err != nil {
			httpx.Error(w, err)
			return
		}
		httpx.JSON(w, http.StatusOK, items)
	})
	mux.HandleFunc("POST /locations/{loc}/inventory/waste", func(w http.ResponseWriter, r *http.Request) {
		loc, err := httpx.PathID(r, "loc")
		if err != nil {
			httpx.Error(w, err)
			return
		}
		var b struct {
			StockItemID int64   `json:"stock_item_id"`
			Qty         float64 `json:"qty"`
		}
		if err := httpx.Decode(r, &b); err != nil {
			httpx.Error(w, err)
			return
		}
		if err := s.Adjust(r.Context(), loc, b.StockItemID, -b.Qty, "waste", 0); err != nil {
			httpx.Error(w, err)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
}
