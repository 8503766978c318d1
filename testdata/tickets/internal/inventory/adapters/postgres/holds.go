package postgres

import (
	"context"
	"database/sql"
	"time"

	"github.com/jmoiron/sqlx"

	"gatehouse.events/platform/internal/inventory/domain"
	"gatehouse.events/platform/internal/inventory/ports"
	"gatehouse.events/platform/internal/platform/db"
	"gatehouse.events/platform/internal/platform/errs"
)

// HoldStore implements ports.HoldRepository.
type HoldStore struct{ db *sqlx.DB }

// NewHoldStore returns a store.
func NewHoldStore(d *sqlx.DB) *HoldStore { return &HoldStore{db: d} }

var _ ports.HoldRepository = (*HoldStore)(nil)

type holdRow struct {
	ID        string         `db:"id"`
	EventID   string         `db:"event_id"`
	SessionID string         `db:"session_id"`
	OrderID   sql.NullString `db:"order_id"`
	Status    string         `db:"status"`
	CreatedAt time.Time      `db:"created_at"`
	ExpiresAt time.Time      `db:"expires_at"`
}

type holdItemRow struct {
	HoldID      string         `db:"hold_id"`
	SeatID      sql.NullString `db:"seat_id"`
	Section     sql.NullString `db:"section"`
	PriceTierID sql.NullString `db:"price_tier_id"`
	Qty         int            `db:"qty"`
}

// Create inserts a hold and its items.
func (s *HoldStore) Create(ctx context.Context, h *domain.Hold) error {
	conn := db.Conn(ctx, s.db.DB)
	if _, err := conn.ExecContext(ctx, `
		INSERT INTO holds (id, event_id, session_id, status, created_at, expires_at)
		VALUES ($1,$2,$3,$4,$5,$6)`, h.ID, h.EventID, h.SessionID, string(h.Status), h.CreatedAt, h.ExpiresAt); err != nil {
		return errs.Wrap(err, "inventory.HoldStore.Create")
	}
	for _, seat := range h.SeatIDs {
		if _, err := conn.ExecContext(ctx, `INSERT INTO hold_items (hold_id, seat_id, qty) VALUES ($1,$2,1)`, h.ID, seat); err != nil {
			return errs.Wrap(err, "inventory.HoldStore.Create")
		}
	}
	for _, g := range h.GA {
		if _, err := conn.ExecContext(ctx, `INSERT INTO hold_items (hold_id, section, price_tier_id, qty) VALUES ($1,$2,$3,$4)`,
			h.ID, g.Section, g.PriceTierID, g.Qty); err != nil {
			return errs.Wrap(err, "inventory.HoldStore.Create")
		}
	}
	return nil
}

// Get loads a hold with its items.
func (s *HoldStore) Get(ctx context.Context, id string) (*domain.Hold, error) {
	var r holdRow
	if err := s.db.GetContext(ctx, &r, `
		SELECT id, event_id, session_id, order_id, status, created_at, expires_at
		FROM holds WHERE id=$1`, id); err != nil {
		return nil, db.NotFound(err, "inventory.HoldStore.Get", "hold", id)
	}
	var items []holdItemRow
	if err := s.db.SelectContext(ctx, &items, `
		SELECT hold_id, seat_id, section, price_tier_id, qty FROM hold_items WHERE hold_id=$1`, id); err != nil {
		return nil, errs.Wrap(err, "inventory.HoldStore.Get")
	}
	h := &domain.Hold{ID: r.ID, EventID: r.EventID, SessionID: r.SessionID, OrderID: r.OrderID.String,
		Status: domain.HoldStatus(r.Status), CreatedAt: r.CreatedAt, ExpiresAt: r.ExpiresAt}
	for _, it := range items {
		if it.SeatID.Valid {
			h.SeatIDs = append(h.SeatIDs, it.SeatID.String)
			continue
		}
		h.GA = append(h.GA, domain.GAItem{Section: it.Section.String, PriceTierID: it.PriceTierID.String, Qty: it.Qty})
	}
	return h, nil
}

// Save persists status and order linkage.
func (s *HoldStore) Save(ctx context.Context, h *domain.Hold) error {
	res, err := db.Conn(ctx, s.db.DB).ExecContext(ctx,
		`UPDATE holds SET status=$2, order_id=$3, updated_at=now() WHERE id=$1`,
		h.ID, string(h.Status), db.NullString(h.OrderID))
	if err != nil {
		return errs.Wrap(err, "inventory.HoldStore.Save")
	}
	return db.ExpectOne(res, "inventory.HoldStore.Save")
}

// DueForExpiry lists active holds whose time is up.
func (s *HoldStore) DueForExpiry(ctx context.Context, now time.Time, limit int) ([]string, error) {
	var out []string
	err := s.db.SelectContext(ctx, &out, `
		SELECT id FROM holds WHERE status='active' AND expires_at <= $1
		ORDER BY expires_at LIMIT $2`, now, limit)
	return out, errs.Wrap(err, "inventory.HoldStore.DueForExpiry")
}
