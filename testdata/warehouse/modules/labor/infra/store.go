// Package infra persists staff, shifts, time entries and labour standards.
package infra

import (
	"context"
	"database/sql"
	"time"

	"shipwell.io/wms/pkg/apperr"
	"shipwell.io/wms/pkg/db"
	"shipwell.io/wms/pkg/ids"
	"shipwell.io/wms/pkg/models"
)

type Store struct{ DB *sql.DB }

func New(d *sql.DB) *Store { return &Store{DB: d} }

func (s *Store) StaffByBadge(ctx context.Context, badge string) (*models.Staff, error) {
	var st models.Staff
	var agency sql.NullString
	err := s.DB.QueryRowContext(ctx, `
		SELECT id, name, badge_no, role, agency, hourly_rate_cents, active FROM staff WHERE badge_no = $1`, badge).
		Scan(&st.ID, &st.Name, &st.BadgeNo, &st.Role, &agency, &st.HourlyRate, &st.Active)
	if db.IsNoRows(err) {
		return nil, apperr.NotFound("badge %s", badge)
	}
	st.Agency = agency.String
	return &st, err
}

func (s *Store) OpenEntry(ctx context.Context, staffID string) (*models.TimeEntry, error) {
	var e models.TimeEntry
	var shift sql.NullString
	err := s.DB.QueryRowContext(ctx, `
		SELECT id, staff_id, shift_id, clock_in, activity FROM time_entries
		WHERE staff_id = $1 AND clock_out IS NULL`, staffID).Scan(&e.ID, &e.StaffID, &shift, &e.ClockIn, &e.Activity)
	if db.IsNoRows(err) {
		return nil, nil
	}
	e.ShiftID = shift.String
	return &e, err
}

func (s *Store) ClockIn(ctx context.Context, e *models.TimeEntry) error {
	e.ID = ids.New("te")
	_, err := s.DB.ExecContext(ctx, `
		INSERT INTO time_entries (id, staff_id, shift_id, clock_in, activity) VALUES ($1, $2, $3, $4, $5)`,
		e.ID, e.StaffID, db.NullString(e.ShiftID), e.ClockIn, e.Activity)
	return err
}

func (s *Store) ClockOut(ctx context.Context, entryID string, at time.Time) error {
	_, err := s.DB.ExecContext(ctx, `UPDATE time_entries SET clock_out = $2 WHERE id = $1`, entryID, at)
	return err
}

func (s *Store) CurrentShift(ctx context.Context, staffID string, at time.Time) (string, error) {
	var id string
	err := s.DB.QueryRowContext(ctx, `
		SELECT id FROM shifts WHERE staff_id = $1 AND starts_at - interval '30 minutes' <= $2 AND ends_at >= $2`,
		staffID, at).Scan(&id)
	if db.IsNoRows(err) {
		return "", nil
	}
	return id, err
}

func (s *Store) Shifts(ctx context.Context, staffID string, from, to time.Time) ([]models.Shift, error) {
	rows, err := s.DB.QueryContext(ctx, `
		SELECT id, staff_id, starts_at, ends_at, area FROM shifts
		WHERE ($1 = '' OR staff_id = $1) AND starts_at < $3 AND ends_at > $2 ORDER BY starts_at`, staffID, from, to)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Shift
	for rows.Next() {
		var sh models.Shift
		if err := rows.Scan(&sh.ID, &sh.StaffID, &sh.StartsAt, &sh.EndsAt, &sh.Area); err != nil {
			return nil, err
		}
		out = append(out, sh)
	}
	return out, rows.Err()
}

func (s *Store) CreateShift(ctx context.Context, sh *models.Shift) error {
	sh.ID = ids.New("sft")
	_, err := s.DB.ExecContext(ctx, `
		INSERT INTO shifts (id, staff_id, starts_at, ends_at, area) VALUES ($1, $2, $3, $4, $5)`,
		sh.ID, sh.StaffID, sh.StartsAt, sh.EndsAt, sh.Area)
	return err
}

// Output is units handled per staff member and activity in a window.
type Output struct {
	StaffID  string
	Activity string
	Units    int
	Hours    float64
}

// Productivity joins time on task with units from the pick and pack
// records. Picks are attributed by picker_id, packs by cartons.packed_by.
func (s *Store) Productivity(ctx context.Context, from, to time.Time) ([]Output, error) {
	rows, err := s.DB.QueryContext(ctx, `
		WITH hours AS (
			SELECT staff_id, activity,
			       SUM(EXTRACT(EPOCH FROM (COALESCE(clock_out, now()) - clock_in)) / 3600.0) AS h
			FROM time_entries WHERE clock_in >= $1 AND clock_in < $2
			GROUP BY staff_id, activity
		), units AS (
			SELECT picker_id AS staff_id, 'pick' AS activity, SUM(picked_qty) AS u
			FROM pick_tasks WHERE picked_at >= $1 AND picked_at < $2 AND picker_id IS NOT NULL
			GROUP BY picker_id
			UNION ALL
			SELECT c.packed_by, 'pack', SUM(ci.qty)
			FROM cartons c JOIN carton_items ci ON ci.carton_id = c.id
			WHERE c.closed_at >= $1 AND c.closed_at < $2
			GROUP BY c.packed_by
		)
		SELECT h.staff_id, h.activity, COALESCE(u.u, 0), h.h
		FROM hours h LEFT JOIN units u ON u.staff_id = h.staff_id AND u.activity = h.activity
		ORDER BY h.staff_id, h.activity`, from, to)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Output
	for rows.Next() {
		var o Output
		if err := rows.Scan(&o.StaffID, &o.Activity, &o.Units, &o.Hours); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// Standards returns engineered units-per-hour by activity.
func (s *Store) Standards(ctx context.Context) (map[string]float64, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT activity, units_per_hour FROM labor_standards`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]float64{}
	for rows.Next() {
		var a string
		var u float64
		if err := rows.Scan(&a, &u); err != nil {
			return nil, err
		}
		out[a] = u
	}
	return out, rows.Err()
}
