// Package store persists outages, affected sites, work orders and engineer
// appointment capacity.
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

type Outage struct {
	ID         string      `json:"id"`
	Fuel       models.Fuel `json:"fuel"`
	Districts  []string    `json:"districts"`
	Cause      string      `json:"cause"`
	Status     string      `json:"status"` // open | restored
	StartedAt  time.Time   `json:"started_at"`
	ETA        *time.Time  `json:"eta,omitempty"`
	RestoredAt *time.Time  `json:"restored_at,omitempty"`
	Severe     bool        `json:"severe_weather"`
	Sites      int         `json:"affected_sites"`
}

func (s *Store) InsertOutage(ctx context.Context, tx *sql.Tx, o Outage) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO outages (id, fuel, cause, status, started_at, eta, severe_weather)
		VALUES ($1, $2, $3, 'open', $4, $5, $6)`, o.ID, o.Fuel, o.Cause, o.StartedAt, db.NullTime(o.ETA), o.Severe); err != nil {
		return err
	}
	for _, d := range o.Districts {
		if _, err := tx.ExecContext(ctx, `INSERT INTO outage_districts (outage_id, district) VALUES ($1, $2)`, o.ID, d); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) AddAffected(ctx context.Context, tx *sql.Tx, outageID string, siteIDs []string) error {
	for _, id := range siteIDs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO outage_sites (outage_id, site_id) VALUES ($1, $2)
			ON CONFLICT DO NOTHING`, outageID, id); err != nil {
			return err
		}
	}
	return nil
}

const outageCols = `o.id, o.fuel, o.cause, o.status, o.started_at, o.eta, o.restored_at, o.severe_weather,
	(SELECT count(*) FROM outage_sites os WHERE os.outage_id = o.id)`

func scanOutage(row interface{ Scan(...any) error }) (Outage, error) {
	var o Outage
	var eta, restored sql.NullTime
	err := row.Scan(&o.ID, &o.Fuel, &o.Cause, &o.Status, &o.StartedAt, &eta, &restored, &o.Severe, &o.Sites)
	o.ETA, o.RestoredAt = db.TimePtr(eta), db.TimePtr(restored)
	return o, err
}

func (s *Store) Outage(ctx context.Context, id string) (Outage, error) {
	o, err := scanOutage(s.db.QueryRowContext(ctx, `SELECT `+outageCols+` FROM outages o WHERE o.id = $1`, id))
	if db.IsNoRows(err) {
		return o, errs.NotFound("fieldops.Outage", "outage %s", id)
	}
	return o, err
}

func (s *Store) AffectedSites(ctx context.Context, outageID string) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT site_id FROM outage_sites WHERE outage_id = $1 ORDER BY site_id`, outageID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

func (s *Store) Restore(ctx context.Context, id string, at time.Time) error {
	res, err := s.db.ExecContext(ctx, `UPDATE outages SET status = 'restored', restored_at = $2
		WHERE id = $1 AND status = 'open'`, id, at)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.Conflict("fieldops.Restore", "outage %s is not open", id)
	}
	return nil
}

func (s *Store) OpenOutages(ctx context.Context) ([]Outage, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+outageCols+` FROM outages o WHERE o.status = 'open' ORDER BY o.started_at`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Outage
	for rows.Next() {
		o, err := scanOutage(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

func (s *Store) InsertOrder(ctx context.Context, w models.WorkOrder) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO work_orders (id, site_id, kind, status, notes, created_at)
		VALUES ($1, $2, $3, $4, $5, $6)`, w.ID, w.SiteID, w.Kind, w.Status, w.Notes, w.CreatedAt)
	return err
}

const orderCols = `id, site_id, kind, status, scheduled_for, slot, engineer_id, notes, created_at`

func scanOrder(row interface{ Scan(...any) error }) (models.WorkOrder, error) {
	var w models.WorkOrder
	var sched sql.NullTime
	var slot, eng sql.NullString
	err := row.Scan(&w.ID, &w.SiteID, &w.Kind, &w.Status, &sched, &slot, &eng, &w.Notes, &w.CreatedAt)
	w.ScheduledFor, w.Slot, w.EngineerID = db.TimePtr(sched), slot.String, eng.String
	return w, err
}

func (s *Store) Order(ctx context.Context, id string) (models.WorkOrder, error) {
	w, err := scanOrder(s.db.QueryRowContext(ctx, `SELECT `+orderCols+` FROM work_orders WHERE id = $1`, id))
	if db.IsNoRows(err) {
		return w, errs.NotFound("fieldops.Order", "work order %s", id)
	}
	return w, err
}

func (s *Store) OrdersForSite(ctx context.Context, siteID string) ([]models.WorkOrder, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+orderCols+` FROM work_orders WHERE site_id = $1 ORDER BY created_at DESC`, siteID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.WorkOrder
	for rows.Next() {
		w, err := scanOrder(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, w)
	}
	return out, rows.Err()
}

// SlotLoad returns bookings and engineer capacity for a region, date and slot.
func (s *Store) SlotLoad(ctx context.Context, region string, day time.Time, slot string) (booked, capacity int, err error) {
	err = s.db.QueryRowContext(ctx, `
		SELECT
		  (SELECT count(*) FROM work_orders w WHERE w.region = $1 AND w.scheduled_for = $2 AND w.slot = $3
		     AND w.status = 'booked'),
		  (SELECT COALESCE(sum(e.jobs_per_slot), 0) FROM engineers e
		     WHERE e.region = $1 AND e.active AND NOT EXISTS
		       (SELECT 1 FROM engineer_leave l WHERE l.engineer_id = e.id AND $2 BETWEEN l.from_date AND l.to_date))`,
		region, day, slot).Scan(&booked, &capacity)
	return
}

func (s *Store) Book(ctx context.Context, id, region string, day time.Time, slot string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE work_orders SET status = 'booked', region = $2, scheduled_for = $3, slot = $4
		WHERE id = $1`, id, region, day, slot)
	return err
}

func (s *Store) SetOrderStatus(ctx context.Context, id, status, engineerID, notes string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE work_orders SET status = $2, engineer_id = NULLIF($3, ''),
		notes = CASE WHEN $4 = '' THEN notes ELSE notes || E'\n' || $4 END, updated_at = now() WHERE id = $1`,
		id, status, engineerID, notes)
	return err
}
