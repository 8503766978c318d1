// Package store persists switch requests and their event history.
package store

import (
	"context"
	"database/sql"
	"time"

	"gridline.energy/platform/core/db"
	"gridline.energy/platform/core/models"
	"gridline.energy/platform/kit/errs"
)

type Store struct{ db *sql.DB }

func New(d *sql.DB) *Store { return &Store{db: d} }

type Switch struct {
	models.SwitchRequest
	HubRef string `json:"hub_ref,omitempty"`
	Reason string `json:"reason,omitempty"`
}

const cols = `id, site_id, account_id, direction, status, COALESCE(other_supplier, ''), switch_date, created_at,
	COALESCE(hub_ref, ''), COALESCE(reason, '')`

func scan(row interface{ Scan(...any) error }) (Switch, error) {
	var s Switch
	err := row.Scan(&s.ID, &s.SiteID, &s.AccountID, &s.Direction, &s.Status, &s.OtherSupplier, &s.SwitchDate,
		&s.CreatedAt, &s.HubRef, &s.Reason)
	return s, err
}

func (st *Store) Insert(ctx context.Context, s Switch) error {
	_, err := st.db.ExecContext(ctx, `INSERT INTO switch_requests (id, site_id, account_id, direction, status,
		other_supplier, switch_date, created_at, hub_ref) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		s.ID, s.SiteID, s.AccountID, s.Direction, s.Status, db.NullString(s.OtherSupplier), s.SwitchDate, s.CreatedAt,
		db.NullString(s.HubRef))
	if err != nil {
		return err
	}
	return st.event(ctx, s.ID, s.Status, "")
}

func (st *Store) Get(ctx context.Context, id string) (Switch, error) {
	s, err := scan(st.db.QueryRowContext(ctx, `SELECT `+cols+` FROM switch_requests WHERE id = $1`, id))
	if db.IsNoRows(err) {
		return s, errs.NotFound("switching.Get", "switch %s", id)
	}
	return s, err
}

func (st *Store) ByHubRef(ctx context.Context, ref string) (Switch, error) {
	s, err := scan(st.db.QueryRowContext(ctx, `SELECT `+cols+` FROM switch_requests WHERE hub_ref = $1`, ref))
	if db.IsNoRows(err) {
		return s, errs.NotFound("switching.ByHubRef", "hub ref %s", ref)
	}
	return s, err
}

// Live reports whether the site has a switch in flight in the direction.
func (st *Store) Live(ctx context.Context, siteID, direction string) (bool, error) {
	var n int
	err := st.db.QueryRowContext(ctx, `SELECT count(*) FROM switch_requests WHERE site_id = $1 AND direction = $2
		AND status NOT IN ('completed', 'withdrawn', 'rejected')`, siteID, direction).Scan(&n)
	return n > 0, err
}

func (st *Store) Update(ctx context.Context, s Switch, note string) error {
	_, err := st.db.ExecContext(ctx, `UPDATE switch_requests SET status = $2, hub_ref = NULLIF($3, ''), reason = NULLIF($4, ''),
		switch_date = $5, updated_at = now() WHERE id = $1`, s.ID, s.Status, s.HubRef, s.Reason, s.SwitchDate)
	if err != nil {
		return err
	}
	return st.event(ctx, s.ID, s.Status, note)
}

func (st *Store) event(ctx context.Context, id, status, note string) error {
	_, err := st.db.ExecContext(ctx, `INSERT INTO switch_events (switch_id, status, note, at) VALUES ($1, $2, $3, $4)`,
		id, status, note, time.Now().UTC())
	return err
}

// EndSupply closes the site's supply period on loss completion.
func (st *Store) EndSupply(ctx context.Context, siteID string, at time.Time) error {
	_, err := st.db.ExecContext(ctx, `UPDATE sites SET supply_end = $2 WHERE id = $1 AND supply_end IS NULL`, siteID, at)
	return err
}

func (st *Store) Cursor(ctx context.Context) (string, error) {
	var c string
	err := st.db.QueryRowContext(ctx, `SELECT cursor FROM switch_hub_cursor WHERE id = 1`).Scan(&c)
	if db.IsNoRows(err) {
		return "", nil
	}
	return c, err
}

func (st *Store) SetCursor(ctx context.Context, c string) error {
	_, err := st.db.ExecContext(ctx, `INSERT INTO switch_hub_cursor (id, cursor) VALUES (1, $1)
		ON CONFLICT (id) DO UPDATE SET cursor = EXCLUDED.cursor`, c)
	return err
}
