// Package transport is the data access for buses, bus_routes, bus_stops,
// route_stops and rider_assignments.
package transport

import (
	"context"
	"database/sql"

	"github.com/k12district/sis/lib/db"
	"github.com/k12district/sis/models"
	"github.com/k12district/sis/routing"
)

type Store struct {
	DB *sql.DB
}

func New(conn *sql.DB) *Store { return &Store{DB: conn} }

func (st *Store) Route(ctx context.Context, id int64) (*models.BusRoute, error) {
	var r models.BusRoute
	err := st.DB.QueryRowContext(ctx, `SELECT br.id, br.code, b.number, coalesce(br.driver_staff_id, 0), b.capacity, br.session
		FROM bus_routes br JOIN buses b ON b.id = br.bus_id WHERE br.id = $1`, id).
		Scan(&r.ID, &r.Code, &r.BusNumber, &r.DriverID, &r.Capacity, &r.Session)
	if err != nil {
		return nil, db.NotFound(err, "route", id)
	}
	rows, err := st.DB.QueryContext(ctx, `SELECT s.id, s.name, s.lat, s.lng, rs.sequence, to_char(rs.scheduled_at, 'HH24:MI')
		FROM route_stops rs JOIN bus_stops s ON s.id = rs.stop_id
		WHERE rs.route_id = $1 ORDER BY rs.sequence`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var s models.BusStop
		if err := rows.Scan(&s.ID, &s.Name, &s.Lat, &s.Lng, &s.Sequence, &s.Time); err != nil {
			return nil, err
		}
		r.Stops = append(r.Stops, s)
	}
	return &r, rows.Err()
}

// CandidateStops lists stops served for a school and session, with current
// ridership so full stops can be skipped.
func (st *Store) CandidateStops(ctx context.Context, schoolID int64, session string) ([]routing.Stop, error) {
	rows, err := st.DB.QueryContext(ctx, `SELECT s.id, s.lat, s.lng, br.id, b.capacity,
		(SELECT count(*) FROM rider_assignments ra WHERE ra.route_id = br.id AND ra.active)
		FROM bus_stops s
		JOIN route_stops rs ON rs.stop_id = s.id
		JOIN bus_routes br ON br.id = rs.route_id AND br.session = $2
		JOIN buses b ON b.id = br.bus_id
		WHERE br.school_id = $1 AND br.active`, schoolID, session)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []routing.Stop
	for rows.Next() {
		var s routing.Stop
		if err := rows.Scan(&s.ID, &s.Lat, &s.Lng, &s.RouteID, &s.Capacity, &s.Riders); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

func (st *Store) SchoolLocation(ctx context.Context, schoolID int64) (routing.Point, error) {
	var p routing.Point
	err := st.DB.QueryRowContext(ctx, `SELECT lat, lng FROM transport_school_sites WHERE school_id = $1`, schoolID).
		Scan(&p.Lat, &p.Lng)
	return p, db.NotFound(err, "school site", schoolID)
}

func (st *Store) Assign(ctx context.Context, q db.Querier, a models.RiderAssignment) error {
	if _, err := q.ExecContext(ctx, `UPDATE rider_assignments SET active = false, ended_at = now()
		WHERE student_id = $1 AND session = $2 AND active`, a.StudentID, a.Session); err != nil {
		return err
	}
	_, err := q.ExecContext(ctx, `INSERT INTO rider_assignments (student_id, route_id, stop_id, session, active, started_at)
		VALUES ($1,$2,$3,$4,true, now())`, a.StudentID, a.RouteID, a.StopID, a.Session)
	return err
}

func (st *Store) Unassign(ctx context.Context, studentID int64) error {
	_, err := st.DB.ExecContext(ctx, `UPDATE rider_assignments SET active = false, ended_at = now()
		WHERE student_id = $1 AND active`, studentID)
	return err
}

func (st *Store) StudentRoute(ctx context.Context, studentID int64, session string) (string, error) {
	var code string
	err := st.DB.QueryRowContext(ctx, `SELECT br.code FROM rider_assignments ra JOIN bus_routes br ON br.id = ra.route_id
		WHERE ra.student_id = $1 AND ra.session = $2 AND ra.active`, studentID, session).Scan(&code)
	if err == sql.ErrNoRows {
		return "", nil
	}
	return code, err
}

type Rider struct {
	StudentID int64  `json:"student_id"`
	Name      string `json:"name"`
	Grade     int    `json:"grade"`
	Stop      string `json:"stop"`
	Address   string `json:"address"`
}

// Riders is the driver's manifest. Names and home addresses come straight
// from the registrar's tables.
func (st *Store) Riders(ctx context.Context, routeID int64) ([]Rider, error) {
	rows, err := st.DB.QueryContext(ctx, `SELECT s.id, s.first_name || ' ' || s.last_name, s.grade_level, bs.name,
		coalesce(sa.line1, '')
		FROM rider_assignments ra
		JOIN students s ON s.id = ra.student_id
		JOIN bus_stops bs ON bs.id = ra.stop_id
		LEFT JOIN student_addresses sa ON sa.student_id = s.id AND sa.current
		WHERE ra.route_id = $1 AND ra.active AND s.status = 'active'
		ORDER BY bs.name, s.last_name`, routeID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Rider
	for rows.Next() {
		var r Rider
		if err := rows.Scan(&r.StudentID, &r.Name, &r.Grade, &r.Stop, &r.Address); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func (st *Store) RiderIDs(ctx context.Context, routeID int64) ([]int64, error) {
	rows, err := st.DB.QueryContext(ctx, `SELECT student_id FROM rider_assignments WHERE route_id = $1 AND active`, routeID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

func (st *Store) LogDelay(ctx context.Context, routeID int64, minutes int, reason string, by int64) error {
	_, err := st.DB.ExecContext(ctx, `INSERT INTO bus_delays (route_id, minutes, reason, reported_by, reported_at)
		VALUES ($1,$2,$3,$4, now())`, routeID, minutes, reason, by)
	return err
}
