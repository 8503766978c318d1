// Package infra persists waves and pick tasks.
package infra

import (
	"context"
	"database/sql"
	"time"

	"shipwell.io/wms/modules/waves/domain"
	"shipwell.io/wms/pkg/apperr"
	"shipwell.io/wms/pkg/db"
	"shipwell.io/wms/pkg/ids"
	"shipwell.io/wms/pkg/models"
)

type Store struct{ DB *sql.DB }

func New(d *sql.DB) *Store { return &Store{DB: d} }

// ReleasableOrders lists allocated orders not yet on a wave.
func (s *Store) ReleasableOrders(ctx context.Context) ([]domain.Candidate, error) {
	rows, err := s.DB.QueryContext(ctx, `
		SELECT o.id, o.client_id, COALESCE(o.carrier, ''), o.ship_by, o.priority, SUM(l.allocated_qty)
		FROM orders o JOIN order_lines l ON l.order_id = o.id
		WHERE o.status = 'allocated' AND o.wave_id IS NULL
		GROUP BY o.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.Candidate
	for rows.Next() {
		var c domain.Candidate
		if err := rows.Scan(&c.OrderID, &c.ClientID, &c.Carrier, &c.ShipBy, &c.Priority, &c.Units); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// LocationCodes resolves location ids to codes for sequencing and display.
func (s *Store) LocationCodes(ctx context.Context, locIDs []string) (map[string]string, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT id, code FROM locations WHERE id = ANY($1)`, locIDs)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var id, code string
		if err := rows.Scan(&id, &code); err != nil {
			return nil, err
		}
		out[id] = code
	}
	return out, rows.Err()
}

func (s *Store) CreateWave(ctx context.Context, q db.Querier, w *models.Wave, tasks []models.PickTask) error {
	if w.ID == "" {
		w.ID = ids.New("wav")
	}
	w.CreatedAt = time.Now().UTC()
	w.TaskCount = len(tasks)
	if _, err := q.ExecContext(ctx, `
		INSERT INTO waves (id, status, carrier, cutoff_at, task_count, created_at, released_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		w.ID, w.Status, db.NullString(w.Carrier), w.CutoffAt, w.TaskCount, w.CreatedAt, w.ReleasedAt); err != nil {
		return err
	}
	for _, oid := range w.OrderIDs {
		if _, err := q.ExecContext(ctx, `INSERT INTO wave_orders (wave_id, order_id) VALUES ($1, $2)`, w.ID, oid); err != nil {
			return err
		}
	}
	for _, t := range tasks {
		if _, err := q.ExecContext(ctx, `
			INSERT INTO pick_tasks (id, wave_id, order_id, line_no, sku, location_id, location_code, balance_id, qty, picked_qty, status, seq)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0, 'open', $10)`,
			ids.New("pt"), w.ID, t.OrderID, t.LineNo, t.SKU, t.LocationID, t.LocCode, t.BalanceID, t.Qty, t.Seq); err != nil {
			return err
		}
	}
	return nil
}

// MarkOrdersReleased flags the wave's orders as released on the floor.
func (s *Store) MarkOrdersReleased(ctx context.Context, q db.Querier, waveID string, orderIDs []string) error {
	_, err := q.ExecContext(ctx, `
		UPDATE orders SET status = 'released', wave_id = $1, updated_at = now()
		WHERE id = ANY($2) AND status = 'allocated'`, waveID, orderIDs)
	return err
}

const taskCols = `id, wave_id, order_id, line_no, sku, location_id, location_code, balance_id, qty, picked_qty,
	status, COALESCE(picker_id, ''), seq, picked_at`

func scanTask(row interface{ Scan(...any) error }) (models.PickTask, error) {
	var t models.PickTask
	var picked sql.NullTime
	err := row.Scan(&t.ID, &t.WaveID, &t.OrderID, &t.LineNo, &t.SKU, &t.LocationID, &t.LocCode, &t.BalanceID,
		&t.Qty, &t.PickedQty, &t.Status, &t.PickerID, &t.Seq, &picked)
	if picked.Valid {
		t.PickedAt = &picked.Time
	}
	return t, err
}

func (s *Store) queryTasks(ctx context.Context, q db.Querier, where string, args ...any) ([]models.PickTask, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+taskCols+` FROM pick_tasks WHERE `+where+` ORDER BY seq`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.PickTask
	for rows.Next() {
		t, err := scanTask(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

func (s *Store) WaveTasks(ctx context.Context, q db.Querier, waveID string) ([]models.PickTask, error) {
	return s.queryTasks(ctx, q, `wave_id = $1`, waveID)
}

func (s *Store) OrderTasks(ctx context.Context, orderID string) ([]models.PickTask, error) {
	return s.queryTasks(ctx, s.DB, `order_id = $1`, orderID)
}

func (s *Store) Task(ctx context.Context, q db.Querier, id string) (models.PickTask, error) {
	t, err := scanTask(q.QueryRowContext(ctx, `SELECT `+taskCols+` FROM pick_tasks WHERE id = $1 FOR UPDATE`, id))
	if db.IsNoRows(err) {
		return t, apperr.NotFound("pick task %s", id)
	}
	return t, err
}

// AssignNext hands the picker the next open task of the oldest released wave.
func (s *Store) AssignNext(ctx context.Context, pickerID string) (*models.PickTask, error) {
	t, err := scanTask(s.DB.QueryRowContext(ctx, `
		UPDATE pick_tasks SET status = 'assigned', picker_id = $1, assigned_at = now()
		WHERE id = (
			SELECT pt.id FROM pick_tasks pt JOIN waves w ON w.id = pt.wave_id
			WHERE pt.status = 'open' AND w.status = 'released'
			ORDER BY w.cutoff_at, pt.seq LIMIT 1 FOR UPDATE SKIP LOCKED)
		RETURNING `+taskCols, pickerID))
	if db.IsNoRows(err) {
		return nil, nil
	}
	return &t, err
}

func (s *Store) SaveTask(ctx context.Context, q db.Querier, t models.PickTask) error {
	_, err := q.ExecContext(ctx, `
		UPDATE pick_tasks SET picked_qty = $2, status = $3, picker_id = $4, picked_at = $5 WHERE id = $1`,
		t.ID, t.PickedQty, t.Status, db.NullString(t.PickerID), t.PickedAt)
	return err
}

func (s *Store) Wave(ctx context.Context, id string) (*models.Wave, error) {
	var w models.Wave
	var carrier sql.NullString
	var released sql.NullTime
	err := s.DB.QueryRowContext(ctx, `
		SELECT id, status, carrier, cutoff_at, task_count, created_at, released_at FROM waves WHERE id = $1`, id).
		Scan(&w.ID, &w.Status, &carrier, &w.CutoffAt, &w.TaskCount, &w.CreatedAt, &released)
	if db.IsNoRows(err) {
		return nil, apperr.NotFound("wave %s", id)
	}
	if err != nil {
		return nil, err
	}
	w.Carrier = carrier.String
	if released.Valid {
		w.ReleasedAt = &released.Time
	}
	rows, err := s.DB.QueryContext(ctx, `SELECT order_id FROM wave_orders WHERE wave_id = $1`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var oid string
		if err := rows.Scan(&oid); err != nil {
			return nil, err
		}
		w.OrderIDs = append(w.OrderIDs, oid)
	}
	return &w, rows.Err()
}

func (s *Store) SetWaveStatus(ctx context.Context, q db.Querier, id string, st models.WaveStatus) error {
	_, err := q.ExecContext(ctx, `UPDATE waves SET status = $2, completed_at = CASE WHEN $2 = 'completed' THEN now() END WHERE id = $1`, id, st)
	return err
}
