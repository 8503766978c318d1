// Package alerts turns position streams into things a dispatcher should
// look at: speeding, long idling, restricted-zone entries, silent devices.
package alerts

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"gitlab.com/roadrunner/fleet/entities"
	"gitlab.com/roadrunner/fleet/lib/dbx"
	"gitlab.com/roadrunner/fleet/lib/errs"
	"gitlab.com/roadrunner/fleet/services/telematics/geofence"
)

// Type of alert.
type Type string

const (
	Speeding  Type = "speeding"
	Idling    Type = "idling"
	ZoneEntry Type = "zone_entry"
	Silent    Type = "device_silent"
)

// Alert is one raised alert.
type Alert struct {
	ID        int64     `json:"id"`
	VehicleID string    `json:"vehicle_id"`
	Type      Type      `json:"type"`
	Message   string    `json:"message"`
	At        time.Time `json:"at"`
}

// SpeedLimits per class, km/h. Tachograph limiters sit at 90 for trucks.
var SpeedLimits = map[entities.VehicleClass]float64{
	entities.ClassVan: 130, entities.ClassRigid: 90, entities.ClassTractor: 90, entities.ClassReefer: 90,
}

// IdleLimit is how long the engine may run stationary.
const IdleLimit = 15 * time.Minute

// Evaluate checks a ping; idleSince is when the vehicle last started idling
// (zero if it was moving).
func Evaluate(p entities.Ping, class entities.VehicleClass, idleSince time.Time) []Alert {
	var out []Alert
	if lim, ok := SpeedLimits[class]; ok && p.SpeedKph > lim+5 {
		out = append(out, Alert{VehicleID: p.VehicleID, Type: Speeding, At: p.At,
			Message: fmt.Sprintf("%.0f km/h (limit %.0f) at %s", p.SpeedKph, lim, p.Pos)})
	}
	if !idleSince.IsZero() && p.Ignition && p.SpeedKph < 1 && p.At.Sub(idleSince) > IdleLimit {
		out = append(out, Alert{VehicleID: p.VehicleID, Type: Idling, At: p.At,
			Message: fmt.Sprintf("idling for %s", p.At.Sub(idleSince).Truncate(time.Minute))})
	}
	return out
}

// FromFence turns a restricted-zone entry into an alert.
func FromFence(ev geofence.Event) (Alert, bool) {
	if ev.Fence.Kind != geofence.Restricted || !ev.Enter {
		return Alert{}, false
	}
	return Alert{VehicleID: ev.VehicleID, Type: ZoneEntry, At: ev.At, Message: "entered " + ev.Fence.Name}, true
}

// Store persists alerts.
type Store struct{ db *sql.DB }

// NewStore returns a store.
func NewStore(db *sql.DB) *Store { return &Store{db: db} }

// Raise stores alerts, collapsing duplicates of the same type for the same
// vehicle within fifteen minutes.
func (s *Store) Raise(ctx context.Context, as ...Alert) error {
	for _, a := range as {
		_, err := s.db.ExecContext(ctx, `INSERT INTO telematics_alerts (vehicle_id, type, message, at)
			SELECT $1, $2, $3, $4 WHERE NOT EXISTS (SELECT 1 FROM telematics_alerts WHERE vehicle_id = $1
			AND type = $2 AND at > $4::timestamptz - interval '15 minutes' AND acked_by IS NULL)`,
			a.VehicleID, a.Type, a.Message, a.At)
		if err != nil {
			return errs.Wrap("alerts.Raise", err)
		}
	}
	return nil
}

// Open lists unacknowledged alerts, newest first.
func (s *Store) Open(ctx context.Context, limit int) ([]Alert, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, vehicle_id, type, message, at FROM telematics_alerts
		WHERE acked_by IS NULL ORDER BY at DESC LIMIT $1`, limit)
	if err != nil {
		return nil, errs.Wrap("alerts.Open", err)
	}
	return dbx.ScanAll(rows, func(r *sql.Rows) (Alert, error) {
		var a Alert
		return a, r.Scan(&a.ID, &a.VehicleID, &a.Type, &a.Message, &a.At)
	})
}
