// Package housekeeping persists cleaning tasks and the room status board.
//
// Tables: housekeeping_tasks, room_status.
package housekeeping

import (
	"context"
	"database/sql"
	"time"

	"github.com/staybright/platform/internal/model"
	"github.com/staybright/platform/internal/pkg/db"
	"github.com/staybright/platform/internal/pkg/errs"
)

// Task kinds.
const (
	KindDepartureClean = "departure_clean"
	KindStayover       = "stayover"
	KindInspection     = "inspection"
	KindMaintenance    = "maintenance"
)

// Task statuses.
const (
	TaskOpen       = "open"
	TaskInProgress = "in_progress"
	TaskDone       = "done"
)

// Task is a unit of housekeeping work on a room.
type Task struct {
	ID          int64      `json:"id"`
	HotelID     int64      `json:"hotel_id"`
	RoomID      int64      `json:"room_id"`
	Day         time.Time  `json:"day"`
	Kind        string     `json:"kind"`
	Status      string     `json:"status"`
	Priority    int        `json:"priority"`
	AssignedTo  string     `json:"assigned_to,omitempty"`
	Notes       string     `json:"notes,omitempty"`
	CreatedAt   time.Time  `json:"created_at"`
	CompletedAt *time.Time `json:"completed_at,omitempty"`
}

// Occupied is an in-house stay, used to plan stayover cleans.
type Occupied struct {
	RoomID   int64
	CheckOut time.Time
}

// Store is the housekeeping repository.
type Store struct {
	db *sql.DB
}

// New returns a Store.
func New(conn *sql.DB) *Store { return &Store{db: conn} }

const taskCols = `id, hotel_id, room_id, day, kind, status, priority, assigned_to, notes, created_at, completed_at`

func scanTask(row interface{ Scan(...any) error }) (*Task, error) {
	var t Task
	var assigned, notes sql.NullString
	var done sql.NullTime
	if err := row.Scan(&t.ID, &t.HotelID, &t.RoomID, &t.Day, &t.Kind, &t.Status, &t.Priority,
		&assigned, &notes, &t.CreatedAt, &done); err != nil {
		return nil, err
	}
	t.AssignedTo, t.Notes = assigned.String, notes.String
	if done.Valid {
		t.CompletedAt = &done.Time
	}
	return &t, nil
}

// CreateTask inserts a task unless one of the same kind exists for the room and day.
func (s *Store) CreateTask(ctx context.Context, t *Task) (bool, error) {
	err := s.db.QueryRowContext(ctx, `
		INSERT INTO housekeeping_tasks (hotel_id, room_id, day, kind, status, priority, notes, created_at)
		VALUES ($1, $2, $3, $4, 'open', $5, $6, now())
		ON CONFLICT (room_id, day, kind) DO NOTHING
		RETURNING id, created_at`, t.HotelID, t.RoomID, t.Day, t.Kind, t.Priority, db.NullString(t.Notes)).
		Scan(&t.ID, &t.CreatedAt)
	if err == sql.ErrNoRows {
		return false, nil
	}
	if err != nil {
		return false, errs.Wrap(err, "housekeeping.CreateTask")
	}
	t.Status = TaskOpen
	return true, nil
}

// Tasks lists a hotel's tasks for a day, most urgent first.
func (s *Store) Tasks(ctx context.Context, hotelID int64, day time.Time) ([]Task, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+taskCols+` FROM housekeeping_tasks
		WHERE hotel_id = $1 AND day = $2 ORDER BY status, priority, room_id`, hotelID, day)
	if err != nil {
		return nil, errs.Wrap(err, "housekeeping.Tasks")
	}
	defer rows.Close()
	var out []Task
	for rows.Next() {
		t, err := scanTask(rows)
		if err != nil {
			return nil, errs.Wrap(err, "housekeeping.Tasks")
		}
		out = append(out, *t)
	}
	return out, rows.Err()
}

// GetTask loads a task.
func (s *Store) GetTask(ctx context.Context, id int64) (*Task, error) {
	t, err := scanTask(s.db.QueryRowContext(ctx, `SELECT `+taskCols+` FROM housekeeping_tasks WHERE id = $1`, id))
	if err != nil {
		return nil, db.NotFound(err, "housekeeping.GetTask", "task")
	}
	return t, nil
}

// UpdateTask saves status/assignment.
func (s *Store) UpdateTask(ctx context.Context, t *Task) error {
	var done any
	if t.CompletedAt != nil {
		done = *t.CompletedAt
	}
	res, err := s.db.ExecContext(ctx, `
		UPDATE housekeeping_tasks SET status = $2, assigned_to = $3, notes = $4, completed_at = $5 WHERE id = $1`,
		t.ID, t.Status, db.NullString(t.AssignedTo), db.NullString(t.Notes), done)
	if err != nil {
		return errs.Wrap(err, "housekeeping.UpdateTask")
	}
	return db.RowsAffected(res, "housekeeping.UpdateTask", "task")
}

// RoomStatus returns the board status of a room (clean if never set).
func (s *Store) RoomStatus(ctx context.Context, roomID int64) (model.RoomStatus, error) {
	var st string
	err := s.db.QueryRowContext(ctx, `SELECT status FROM room_status WHERE room_id = $1`, roomID).Scan(&st)
	if err == sql.ErrNoRows {
		return model.RoomClean, nil
	}
	if err != nil {
		return "", errs.Wrap(err, "housekeeping.RoomStatus")
	}
	return model.RoomStatus(st), nil
}

// HotelStatuses returns the board status of every room with a row.
func (s *Store) HotelStatuses(ctx context.Context, hotelID int64) (map[int64]model.RoomStatus, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT room_id, status FROM room_status WHERE hotel_id = $1`, hotelID)
	if err != nil {
		return nil, errs.Wrap(err, "housekeeping.HotelStatuses")
	}
	defer rows.Close()
	out := map[int64]model.RoomStatus{}
	for rows.Next() {
		var id int64
		var st string
		if err := rows.Scan(&id, &st); err != nil {
			return nil, errs.Wrap(err, "housekeeping.HotelStatuses")
		}
		out[id] = model.RoomStatus(st)
	}
	return out, rows.Err()
}

// SetRoomStatus upserts a room's board status.
func (s *Store) SetRoomStatus(ctx context.Context, hotelID, roomID int64, st model.RoomStatus, by string) error {
	_, err := s.db.ExecContext(ctx, `
		INSERT INTO room_status (hotel_id, room_id, status, updated_by, updated_at) VALUES ($1, $2, $3, $4, now())
		ON CONFLICT (room_id) DO UPDATE SET status = EXCLUDED.status, updated_by = EXCLUDED.updated_by, updated_at = now()`,
		hotelID, roomID, string(st), by)
	return errs.Wrap(err, "housekeeping.SetRoomStatus")
}

// InHouseRooms returns rooms with a guest in house. It reads the
// reservations table directly because the board must work even when the
// booking API is degraded (ops request, 2021).
func (s *Store) InHouseRooms(ctx context.Context, hotelID int64) ([]Occupied, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT room_id, check_out FROM reservations
		WHERE hotel_id = $1 AND status = 'checked_in' AND room_id IS NOT NULL`, hotelID)
	if err != nil {
		return nil, errs.Wrap(err, "housekeeping.InHouseRooms")
	}
	defer rows.Close()
	var out []Occupied
	for rows.Next() {
		var o Occupied
		if err := rows.Scan(&o.RoomID, &o.CheckOut); err != nil {
			return nil, errs.Wrap(err, "housekeeping.InHouseRooms")
		}
		out = append(out, o)
	}
	return out, rows.Err()
}
