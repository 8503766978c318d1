// Package dispatch is the PostgreSQL store for depots, routes and stops.
package dispatch

import (
	"context"
	"database/sql"
	"time"

	dd "parcelgo.com/platform/domain/dispatch"
	"parcelgo.com/platform/shared/db"
	"parcelgo.com/platform/shared/errs"
)

type Store struct{ db *sql.DB }

func NewStore(d *sql.DB) *Store { return &Store{db: d} }

func (s *Store) Depot(ctx context.Context, id string) (dd.Depot, error) {
	var d dd.Depot
	err := s.db.QueryRowContext(ctx,
		`SELECT id, name, lat, lng, timezone, route_capacity FROM depots WHERE id = $1`, id).
		Scan(&d.ID, &d.Name, &d.Location.Lat, &d.Location.Lng, &d.Timezone, &d.Capacity)
	return d, db.NotFound(err, "depot")
}

func (s *Store) DeletePlanned(ctx context.Context, depotID string, day time.Time) error {
	return db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx,
			`DELETE FROM route_stops WHERE route_id IN
			   (SELECT id FROM routes WHERE depot_id = $1 AND route_date = $2 AND status = 'planned')`,
			depotID, day); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx,
			`DELETE FROM routes WHERE depot_id = $1 AND route_date = $2 AND status = 'planned'`, depotID, day)
		return err
	})
}

func (s *Store) SaveRoutes(ctx context.Context, rs []*dd.Route) error {
	return db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		for _, r := range rs {
			if _, err := tx.ExecContext(ctx,
				`INSERT INTO routes (id, depot_id, driver_id, route_date, status, planned_km, planned_minutes, created_at)
				 VALUES ($1,$2,$3,$4,$5,$6,$7,now())`,
				r.ID, r.DepotID, db.NullString(r.DriverID), r.Date, r.Status, r.PlannedKM, r.PlannedMinutes); err != nil {
				return err
			}
			for _, st := range r.Stops {
				a := st.Address
				if _, err := tx.ExecContext(ctx,
					`INSERT INTO route_stops (id, route_id, shipment_id, tracking_number, seq, lat, lng,
					        line1, city, postal_code, country, recipient_name, recipient_phone, requires_pin, status, eta)
					 VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16)`,
					st.ID, r.ID, st.ShipmentID, st.TrackingNumber, st.Sequence, st.Location.Lat, st.Location.Lng,
					a.Line1, a.City, a.PostalCode, a.Country, st.RecipientName, st.RecipientPhone, st.RequiresPIN,
					st.Status, st.ETA); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

const routeCols = `id, depot_id, COALESCE(driver_id, ''), route_date, status, planned_km, planned_minutes, dispatched_at, completed_at`

func (s *Store) scanRoute(ctx context.Context, row interface{ Scan(...any) error }) (*dd.Route, error) {
	r := &dd.Route{}
	var disp, comp sql.NullTime
	if err := row.Scan(&r.ID, &r.DepotID, &r.DriverID, &r.Date, &r.Status, &r.PlannedKM, &r.PlannedMinutes, &disp, &comp); err != nil {
		return nil, err
	}
	r.DispatchedAt, r.CompletedAt = db.TimePtr(disp), db.TimePtr(comp)
	return r, nil
}

func (s *Store) loadStops(ctx context.Context, r *dd.Route) error {
	rows, err := s.db.QueryContext(ctx,
		`SELECT id, route_id, shipment_id, tracking_number, seq, lat, lng, line1, city, postal_code, country,
		        recipient_name, recipient_phone, requires_pin, status, eta, completed_at
		   FROM route_stops WHERE route_id = $1 ORDER BY seq`, r.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var st dd.Stop
		var comp sql.NullTime
		if err := rows.Scan(&st.ID, &st.RouteID, &st.ShipmentID, &st.TrackingNumber, &st.Sequence,
			&st.Location.Lat, &st.Location.Lng, &st.Address.Line1, &st.Address.City, &st.Address.PostalCode,
			&st.Address.Country, &st.RecipientName, &st.RecipientPhone, &st.RequiresPIN, &st.Status, &st.ETA, &comp); err != nil {
			return err
		}
		st.CompletedAt = db.TimePtr(comp)
		r.Stops = append(r.Stops, st)
	}
	return rows.Err()
}

func (s *Store) Route(ctx context.Context, id string) (*dd.Route, error) {
	r, err := s.scanRoute(ctx, s.db.QueryRowContext(ctx, `SELECT `+routeCols+` FROM routes WHERE id = $1`, id))
	if err != nil {
		return nil, db.NotFound(err, "route")
	}
	return r, s.loadStops(ctx, r)
}

func (s *Store) Routes(ctx context.Context, depotID string, day time.Time) ([]*dd.Route, error) {
	rows, err := s.db.QueryContext(ctx,
		`SELECT `+routeCols+` FROM routes WHERE depot_id = $1 AND route_date = $2 ORDER BY id`, depotID, day)
	if err != nil {
		return nil, err
	}
	var out []*dd.Route
	for rows.Next() {
		r, err := s.scanRoute(ctx, rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, r)
	}
	rows.Close()
	for _, r := range out {
		if err := s.loadStops(ctx, r); err != nil {
			return nil, err
		}
	}
	return out, rows.Err()
}

func (s *Store) RouteForDriver(ctx context.Context, driverID string, day time.Time) (*dd.Route, error) {
	r, err := s.scanRoute(ctx, s.db.QueryRowContext(ctx,
		`SELECT `+routeCols+` FROM routes
		  WHERE driver_id = $1 AND route_date = $2 AND status IN ('dispatched', 'in_progress', 'assigned')
		  ORDER BY dispatched_at DESC NULLS LAST LIMIT 1`, driverID, day))
	if err != nil {
		return nil, db.NotFound(err, "route for driver")
	}
	return r, s.loadStops(ctx, r)
}

func (s *Store) UpdateRoute(ctx context.Context, r *dd.Route) error {
	_, err := s.db.ExecContext(ctx,
		`UPDATE routes SET driver_id = $2, status = $3, dispatched_at = $4, completed_at = $5 WHERE id = $1`,
		r.ID, db.NullString(r.DriverID), r.Status, r.DispatchedAt, r.CompletedAt)
	return err
}

func (s *Store) UpdateStop(ctx context.Context, st dd.Stop) error {
	_, err := s.db.ExecContext(ctx,
		`UPDATE route_stops SET status = $2, completed_at = $3 WHERE id = $1`, st.ID, st.Status, st.CompletedAt)
	return err
}

// MarkStop is the shortcut the driver app uses: it updates the stop and
// rolls the route status forward in one statement pair.
func (s *Store) MarkStop(ctx context.Context, stopID string, status dd.StopStatus, at time.Time) (string, error) {
	var routeID string
	err := db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx,
			`UPDATE route_stops SET status = $2, completed_at = $3
			  WHERE id = $1 AND status IN ('pending', 'arrived')
			  RETURNING route_id`, stopID, status, at).Scan(&routeID)
		if err != nil {
			if err == sql.ErrNoRows {
				return errs.Conflict("stop %s already completed", stopID)
			}
			return err
		}
		_, err = tx.ExecContext(ctx,
			`UPDATE routes r
			    SET status = CASE WHEN NOT EXISTS (
			            SELECT 1 FROM route_stops s WHERE s.route_id = r.id AND s.status IN ('pending', 'arrived'))
			        THEN 'completed' ELSE 'in_progress' END,
			        completed_at = CASE WHEN NOT EXISTS (
			            SELECT 1 FROM route_stops s WHERE s.route_id = r.id AND s.status IN ('pending', 'arrived'))
			        THEN $2 ELSE NULL END
			  WHERE r.id = $1`, routeID, at)
		return err
	})
	return routeID, err
}
