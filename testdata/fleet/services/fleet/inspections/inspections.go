// Package inspections records the daily walk-around checks (DVIR) drivers
// do before taking a vehicle out. A critical defect grounds the vehicle and
// opens a work order.
package inspections

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"gitlab.com/roadrunner/fleet/lib/clock"
	"gitlab.com/roadrunner/fleet/lib/dbx"
	"gitlab.com/roadrunner/fleet/lib/errs"
	"gitlab.com/roadrunner/fleet/lib/ids"
	"gitlab.com/roadrunner/fleet/services/crew/roster"
	"gitlab.com/roadrunner/fleet/services/fleet/maintenance"
	"gitlab.com/roadrunner/fleet/services/fleet/vehicle"
)

// Defect is a problem found during an inspection.
type Defect struct {
	Item     string `json:"item"` // "tyres", "lights", "brakes", ...
	Critical bool   `json:"critical"`
	Comment  string `json:"comment"`
}

// Report is one inspection.
type Report struct {
	ID          string    `json:"id"`
	VehicleID   string    `json:"vehicle_id"`
	DriverID    string    `json:"driver_id"`
	At          time.Time `json:"at"`
	Defects     []Defect  `json:"defects"`
	Safe        bool      `json:"safe"`
	WorkOrderID string    `json:"work_order_id,omitempty"`
}

// Service records inspections.
type Service struct {
	db       *sql.DB
	vehicles *vehicle.Service
	maint    *maintenance.Service
	drivers  *roster.Store // TODO(fleet): go through roster.Service once it has a cheap Exists
	clock    clock.Clock
}

// New wires the service.
func New(db *sql.DB, v *vehicle.Service, m *maintenance.Service, drivers *roster.Store, clk clock.Clock) *Service {
	return &Service{db: db, vehicles: v, maint: m, drivers: drivers, clock: clk}
}

// Submit stores a report and grounds the vehicle if needed.
func (s *Service) Submit(ctx context.Context, r Report) (Report, error) {
	const op = "inspections.Submit"
	veh, err := s.vehicles.Get(ctx, r.VehicleID)
	if err != nil {
		return r, errs.Wrap(op, err)
	}
	drv, err := s.drivers.Get(ctx, r.DriverID)
	if err != nil {
		return r, errs.Wrap(op, err)
	}
	if !drv.CanWork() {
		return r, errs.Conflict(op, "driver %s is %s", drv.EmployeeNo, drv.Status)
	}
	r.ID, r.At, r.Safe = ids.New("dvir"), s.clock.Now(), true
	var critical []string
	for _, d := range r.Defects {
		if d.Critical {
			r.Safe = false
			critical = append(critical, d.Item)
		}
	}
	err = dbx.InTx(ctx, s.db, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO inspections (id, vehicle_id, driver_id, at, safe)
			VALUES ($1, $2, $3, $4, $5)`, r.ID, r.VehicleID, r.DriverID, r.At, r.Safe); err != nil {
			return err
		}
		for _, d := range r.Defects {
			if _, err := tx.ExecContext(ctx, `INSERT INTO inspection_defects (inspection_id, item, critical, comment)
				VALUES ($1, $2, $3, $4)`, r.ID, d.Item, d.Critical, d.Comment); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return r, errs.Wrap(op, err)
	}
	if !r.Safe {
		wo, err := s.maint.Open(ctx, maintenance.OpenRequest{
			VehicleID: veh.ID, Kind: maintenance.KindDefect, Blocking: true,
			Description: "Critical defect on inspection " + r.ID + ": " + strings.Join(critical, ", "),
		})
		if err != nil {
			return r, errs.Wrap(op, err)
		}
		r.WorkOrderID = wo.ID
		_, _ = s.db.ExecContext(ctx, `UPDATE inspections SET work_order_id = $1 WHERE id = $2`, wo.ID, r.ID)
	}
	return r, nil
}

// Latest returns the most recent inspection of a vehicle, without defects.
func (s *Service) Latest(ctx context.Context, vehicleID string) (Report, error) {
	var (
		r  Report
		wo sql.NullString
	)
	err := s.db.QueryRowContext(ctx, `SELECT id, vehicle_id, driver_id, at, safe, work_order_id
		FROM inspections WHERE vehicle_id = $1 ORDER BY at DESC LIMIT 1`, vehicleID).
		Scan(&r.ID, &r.VehicleID, &r.DriverID, &r.At, &r.Safe, &wo)
	if err != nil {
		return r, dbx.NotFoundOr(err, "inspections.Latest", "inspection for vehicle", vehicleID)
	}
	r.WorkOrderID = wo.String
	return r, nil
}

// InspectedToday reports whether the vehicle passed a walk-around since
// the start of the local day. Dispatch asks this before a trip starts.
func (s *Service) InspectedToday(ctx context.Context, vehicleID string) (bool, error) {
	r, err := s.Latest(ctx, vehicleID)
	if errs.Is(err, errs.KindNotFound) {
		return false, nil
	}
	return err == nil && r.Safe && !r.At.Before(clock.StartOfDay(s.clock.Now(), clock.Local)), err
}
