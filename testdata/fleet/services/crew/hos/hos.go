// Package hos implements hours-of-service bookkeeping under the EU
// drivers' hours rules (Reg. 561/2006), simplified: no ferry/train
// exceptions, no split daily rest, no 10-hour extension days.
package hos

import (
	"context"
	"database/sql"
	"time"

	"gitlab.com/roadrunner/fleet/lib/clock"
	"gitlab.com/roadrunner/fleet/lib/dbx"
	"gitlab.com/roadrunner/fleet/lib/errs"
)

// Activity is what the tachograph says the driver was doing.
type Activity string

const (
	Driving   Activity = "drive"
	OtherWork Activity = "work"
	Rest      Activity = "rest"
)

// Limits from the regulation.
const (
	MaxDailyDrive  = 9 * time.Hour
	MaxWeeklyDrive = 56 * time.Hour
	MinDailyRest   = 11 * time.Hour
)

// Entry is one tachograph activity span.
type Entry struct {
	DriverID string    `json:"driver_id"`
	Activity Activity  `json:"activity"`
	Start    time.Time `json:"start"`
	End      time.Time `json:"end"`
}

// Remaining is how much a driver may still drive.
type Remaining struct {
	Daily  time.Duration `json:"daily"`
	Weekly time.Duration `json:"weekly"`
}

// Drivable is the binding constraint.
func (r Remaining) Drivable() time.Duration { return max(0, min(r.Daily, r.Weekly)) }

// Compute works out remaining driving time at now from entries sorted by
// start. The driving day starts at the end of the last daily rest.
func Compute(entries []Entry, now time.Time) Remaining {
	day := now.Add(-24 * time.Hour)
	for _, e := range entries {
		if e.Activity == Rest && e.End.Sub(e.Start) >= MinDailyRest && !e.End.After(now) {
			day = e.End
		}
	}
	week := clock.StartOfWeek(now, clock.Local)
	var daily, weekly time.Duration
	for _, e := range entries {
		if e.Activity != Driving || e.Start.After(now) {
			continue
		}
		end := e.End
		if end.After(now) {
			end = now
		}
		d := end.Sub(e.Start)
		if !e.Start.Before(day) {
			daily += d
		}
		if !e.Start.Before(week) {
			weekly += d
		}
	}
	return Remaining{Daily: max(0, MaxDailyDrive-daily), Weekly: max(0, MaxWeeklyDrive-weekly)}
}

// Service stores tachograph activity and answers "how long can X drive".
type Service struct {
	db    *sql.DB
	clock clock.Clock
}

// New wires the service.
func New(db *sql.DB, clk clock.Clock) *Service { return &Service{db: db, clock: clk} }

// Log records activity spans, skipping ones already present.
func (s *Service) Log(ctx context.Context, entries ...Entry) error {
	return dbx.InTx(ctx, s.db, func(tx *sql.Tx) error {
		for _, e := range entries {
			if !e.End.After(e.Start) {
				return errs.Invalid("hos.Log", "span ends before it starts (%s)", e.Start)
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO hos_entries (driver_id, activity, started_at, ended_at)
				VALUES ($1, $2, $3, $4) ON CONFLICT (driver_id, started_at) DO NOTHING`,
				e.DriverID, e.Activity, e.Start, e.End); err != nil {
				return errs.Wrap("hos.Log", err)
			}
		}
		return nil
	})
}

// Remaining returns the driving time left for a driver now.
func (s *Service) Remaining(ctx context.Context, driverID string) (Remaining, error) {
	now := s.clock.Now()
	rows, err := s.db.QueryContext(ctx, `SELECT driver_id, activity, started_at, ended_at FROM hos_entries
		WHERE driver_id = $1 AND ended_at > $2 ORDER BY started_at`, driverID, now.AddDate(0, 0, -8))
	if err != nil {
		return Remaining{}, errs.Wrap("hos.Remaining", err)
	}
	entries, err := dbx.ScanAll(rows, func(r *sql.Rows) (Entry, error) {
		var e Entry
		return e, r.Scan(&e.DriverID, &e.Activity, &e.Start, &e.End)
	})
	return Compute(entries, now), err
}

// CanDriveFor reports whether the driver has d of driving left today.
func (s *Service) CanDriveFor(ctx context.Context, driverID string, d time.Duration) (bool, Remaining, error) {
	r, err := s.Remaining(ctx, driverID)
	return err == nil && r.Drivable() >= d, r, err
}
