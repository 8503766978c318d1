package maintenance

import (
	"context"
	"database/sql"
	"strings"

	"gitlab.com/roadrunner/fleet/lib/clock"
	"gitlab.com/roadrunner/fleet/lib/dbx"
	"gitlab.com/roadrunner/fleet/lib/errs"
	"gitlab.com/roadrunner/fleet/lib/ids"
	"gitlab.com/roadrunner/fleet/lib/money"
	"gitlab.com/roadrunner/fleet/lib/xlog"
	"gitlab.com/roadrunner/fleet/services/fleet/vehicle"
)

// Service manages work orders. Unlike vehicle it talks SQL directly; we
// never had a second implementation to justify a repository interface.
type Service struct {
	db       *sql.DB
	vehicles *vehicle.Service
	clock    clock.Clock
}

// New wires the service.
func New(db *sql.DB, vehicles *vehicle.Service, clk clock.Clock) *Service {
	return &Service{db: db, vehicles: vehicles, clock: clk}
}

// OpenRequest is the input to Open.
type OpenRequest struct {
	VehicleID   string `json:"vehicle_id"`
	Kind        Kind   `json:"kind"`
	Task        string `json:"task"`
	Description string `json:"description"`
	Blocking    bool   `json:"blocking"`
}

const woCols = `id, vehicle_id, kind, task, description, state, blocking, opened_at, closed_at, cost_cents, currency`

func scanWO(row interface{ Scan(...any) error }) (WorkOrder, error) {
	var (
		w      WorkOrder
		task   sql.NullString
		closed sql.NullTime
	)
	err := row.Scan(&w.ID, &w.VehicleID, &w.Kind, &task, &w.Description, &w.State, &w.Blocking, &w.OpenedAt,
		&closed, &w.Cost.Cents, &w.Cost.Currency)
	w.Task = task.String
	if closed.Valid {
		w.ClosedAt = &closed.Time
	}
	return w, err
}

// Open creates a work order. Blocking orders take the vehicle off the road.
func (s *Service) Open(ctx context.Context, req OpenRequest) (WorkOrder, error) {
	const op = "maintenance.Open"
	var val errs.Validation
	val.Check(req.VehicleID != "", "vehicle_id", "is required")
	val.Check(strings.TrimSpace(req.Description) != "" || req.Task != "", "description", "is required")
	if err := val.Err(op); err != nil {
		return WorkOrder{}, err
	}
	v, err := s.vehicles.Get(ctx, req.VehicleID)
	if err != nil {
		return WorkOrder{}, errs.Wrap(op, err)
	}
	if req.Task != "" {
		var n int
		err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM work_orders
			WHERE vehicle_id = $1 AND task = $2 AND state = 'open'`, v.ID, req.Task).Scan(&n)
		if err != nil {
			return WorkOrder{}, errs.Wrap(op, err)
		}
		if n > 0 {
			return WorkOrder{}, errs.Conflict(op, "task %s already open for %s", req.Task, v.Plate)
		}
	}
	w := WorkOrder{ID: ids.New("wo"), VehicleID: v.ID, Kind: req.Kind, Task: req.Task, Description: req.Description,
		State: Open, Blocking: req.Blocking, OpenedAt: s.clock.Now(), Cost: money.Zero("EUR")}
	_, err = s.db.ExecContext(ctx, `INSERT INTO work_orders (`+woCols+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL, 0, $9)`,
		w.ID, w.VehicleID, w.Kind, dbx.NullString(w.Task), w.Description, w.State, w.Blocking, w.OpenedAt, w.Cost.Currency)
	if err != nil {
		return WorkOrder{}, errs.Wrap(op, err)
	}
	if w.Blocking {
		if err := s.vehicles.MarkInShop(ctx, v.ID); err != nil {
			// the vehicle may be out on a trip; dispatch refuses it at the next assignment anyway
			xlog.From(ctx).Warn("could not take vehicle off the road", "vehicle", v.ID, "err", err)
		}
	}
	return w, nil
}

// Get returns one work order.
func (s *Service) Get(ctx context.Context, id string) (WorkOrder, error) {
	w, err := scanWO(s.db.QueryRowContext(ctx, `SELECT `+woCols+` FROM work_orders WHERE id = $1`, id))
	if err != nil {
		return w, dbx.NotFoundOr(err, "maintenance.Get", "work order", id)
	}
	return w, nil
}

// ListOpen lists unfinished orders of a vehicle ("" for all).
func (s *Service) ListOpen(ctx context.Context, vehicleID string) ([]WorkOrder, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+woCols+` FROM work_orders
		WHERE state = 'open' AND ($1 = '' OR vehicle_id = $1) ORDER BY opened_at`, vehicleID)
	if err != nil {
		return nil, errs.Wrap("maintenance.ListOpen", err)
	}
	return dbx.ScanAll(rows, func(r *sql.Rows) (WorkOrder, error) { return scanWO(r) })
}

// Completion is the input to Complete.
type Completion struct {
	Cost       money.Money `json:"cost"`
	OdometerKm float64     `json:"odometer_km"`
}

// Complete closes an order, records service history, and releases the
// vehicle if nothing else blocks it.
func (s *Service) Complete(ctx context.Context, id string, c Completion) (WorkOrder, error) {
	const op = "maintenance.Complete"
	w, err := s.Get(ctx, id)
	if err != nil {
		return w, err
	}
	if w.State != Open {
		return w, errs.Conflict(op, "work order is %s", w.State)
	}
	now := s.clock.Now()
	err = dbx.InTx(ctx, s.db, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE work_orders SET state = $1, closed_at = $2, cost_cents = $3,
			currency = $4 WHERE id = $5`, Done, now, c.Cost.Cents, c.Cost.Currency, id); err != nil {
			return err
		}
		if w.Task == "" {
			return nil
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO service_history (vehicle_id, task, done_at, odometer_km, work_order_id)
			VALUES ($1, $2, $3, $4, $5)`, w.VehicleID, w.Task, now, c.OdometerKm, id)
		return err
	})
	if err != nil {
		return w, errs.Wrap(op, err)
	}
	if c.OdometerKm > 0 {
		_ = s.vehicles.RecordOdometer(ctx, w.VehicleID, c.OdometerKm)
	}
	if w.Blocking {
		var blocking int
		err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM work_orders
			WHERE vehicle_id = $1 AND blocking AND state = 'open'`, w.VehicleID).Scan(&blocking)
		if err == nil && blocking == 0 {
			err = s.vehicles.Release(ctx, w.VehicleID)
		}
		if err != nil {
			return w, errs.Wrap(op, err)
		}
	}
	w.State, w.ClosedAt, w.Cost = Done, &now, c.Cost
	return w, nil
}

// Due computes the due tasks for one vehicle from its service history.
func (s *Service) Due(ctx context.Context, v vehicle.Vehicle) ([]DueTask, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT ON (task) task, done_at, odometer_km
		FROM service_history WHERE vehicle_id = $1 ORDER BY task, done_at DESC`, v.ID)
	if err != nil {
		return nil, errs.Wrap("maintenance.Due", err)
	}
	defer rows.Close()
	last := map[string]LastService{}
	for rows.Next() {
		var task string
		var ls LastService
		if err := rows.Scan(&task, &ls.At, &ls.OdometerKm); err != nil {
			return nil, err
		}
		last[task] = ls
	}
	return DueTasks(v, last, s.clock.Now()), rows.Err()
}
