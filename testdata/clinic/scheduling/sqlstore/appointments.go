// Package sqlstore persists appointments and the reminder log.
package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/acme/clinic/pkg/database"
	"github.com/acme/clinic/pkg/domain"
	"github.com/acme/clinic/pkg/errs"
	"github.com/acme/clinic/pkg/timeutil"
)

var (
	ErrNotFound     = errors.New("appointment not found")
	ErrStaleStatus  = errors.New("appointment status changed concurrently")
	ErrSlotConflict = errors.New("practitioner already booked in that slot")
)

type AppointmentStore struct {
	db *sql.DB
}

func NewAppointmentStore(db *sql.DB) *AppointmentStore { return &AppointmentStore{db: db} }

const apptCols = `id, patient_id, practitioner_id, starts_at, ends_at, visit_type, status, reason, room, created_at, cancelled_at, billed_at`

func scanAppt(s database.Scanner) (domain.Appointment, error) {
	var a domain.Appointment
	var id, pid, sid, vt, st string
	var room sql.NullString
	var cancelled, billed sql.NullTime
	err := s.Scan(&id, &pid, &sid, &a.Start, &a.End, &vt, &st, &a.Reason, &room, &a.CreatedAt, &cancelled, &billed)
	if err != nil {
		return a, err
	}
	a.ID, a.PatientID, a.PractitionerID = domain.AppointmentID(id), domain.PatientID(pid), domain.StaffID(sid)
	a.VisitType, a.Status, a.Room = domain.VisitType(vt), domain.AppointmentStatus(st), room.String
	a.CancelledAt, a.BilledAt = database.TimePtr(cancelled), database.TimePtr(billed)
	return a, nil
}

func (s *AppointmentStore) list(ctx context.Context, q string, args ...any) ([]domain.Appointment, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.Appointment
	for rows.Next() {
		a, err := scanAppt(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// Create inserts an appointment, re-checking inside a transaction (with a
// locking read) that the practitioner is still free.
func (s *AppointmentStore) Create(ctx context.Context, a domain.Appointment) error {
	const op errs.Op = "sqlstore.Create"
	err := database.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		var n int
		err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM appointments
			WHERE practitioner_id = ? AND status IN ('booked', 'checked_in') AND starts_at < ? AND ends_at > ?
			FOR UPDATE`, string(a.PractitionerID), a.End, a.Start).Scan(&n)
		if err != nil {
			return err
		}
		if n > 0 {
			return errs.E(op, errs.KindConflict, ErrSlotConflict)
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO appointments
			(id, patient_id, practitioner_id, starts_at, ends_at, visit_type, status, reason, room, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			string(a.ID), string(a.PatientID), string(a.PractitionerID), a.Start, a.End,
			string(a.VisitType), string(a.Status), a.Reason, database.NullString(a.Room), a.CreatedAt)
		return err
	})
	return errs.Wrap(op, err)
}

func (s *AppointmentStore) Get(ctx context.Context, id domain.AppointmentID) (domain.Appointment, error) {
	a, err := scanAppt(s.db.QueryRowContext(ctx, `SELECT `+apptCols+` FROM appointments WHERE id = ?`, string(id)))
	if errors.Is(err, sql.ErrNoRows) {
		return a, errs.E("sqlstore.Get", errs.KindNotFound, ErrNotFound)
	}
	return a, errs.Wrap("sqlstore.Get", err)
}

// Transition moves an appointment from one status to another, failing if
// someone else moved it first.
func (s *AppointmentStore) Transition(ctx context.Context, id domain.AppointmentID, from, to domain.AppointmentStatus, at time.Time) error {
	const op errs.Op = "sqlstore.Transition"
	q := `UPDATE appointments SET status = ? WHERE id = ? AND status = ?`
	args := []any{string(to), string(id), string(from)}
	if to == domain.AppointmentCancelled {
		q = `UPDATE appointments SET status = ?, cancelled_at = ? WHERE id = ? AND status = ?`
		args = []any{string(to), at, string(id), string(from)}
	}
	res, err := s.db.ExecContext(ctx, q, args...)
	if err != nil {
		return errs.Wrap(op, err)
	}
	return errs.E(op, errs.KindConflict, database.Affected(res, ErrStaleStatus))
}

// BookedRanges returns the busy intervals of a practitioner on a day.
func (s *AppointmentStore) BookedRanges(ctx context.Context, staff domain.StaffID, day timeutil.Range) ([]timeutil.Range, error) {
	appts, err := s.ForPractitioner(ctx, staff, day.Start, day.End)
	if err != nil {
		return nil, err
	}
	out := make([]timeutil.Range, 0, len(appts))
	for _, a := range appts {
		if a.Active() {
			out = append(out, timeutil.Range{Start: a.Start, End: a.End})
		}
	}
	return out, nil
}

func (s *AppointmentStore) ForPractitioner(ctx context.Context, staff domain.StaffID, from, to time.Time) ([]domain.Appointment, error) {
	list, err := s.list(ctx, `SELECT `+apptCols+` FROM appointments
		WHERE practitioner_id = ? AND starts_at >= ? AND starts_at < ? ORDER BY starts_at`, string(staff), from, to)
	return list, errs.Wrap("sqlstore.ForPractitioner", err)
}

// CountPriorVisits counts completed visits before t; billing uses this to
// tell new patients from established ones.
func (s *AppointmentStore) CountPriorVisits(ctx context.Context, patient domain.PatientID, before time.Time) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM appointments
		WHERE patient_id = ? AND status = 'completed' AND starts_at < ?`, string(patient), before).Scan(&n)
	return n, errs.Wrap("sqlstore.CountPriorVisits", err)
}
