// Package attendance is the data access for attendance_records,
// attendance_codes and truancy_cases.
package attendance

import (
	"context"
	"database/sql"
	"time"

	"github.com/k12district/sis/lib/db"
	"github.com/k12district/sis/models"
)

type Store struct {
	DB *sql.DB
}

func New(conn *sql.DB) *Store { return &Store{DB: conn} }

// Upsert records one mark; a later mark for the same student, section and
// day replaces the earlier one (teachers correct mistakes).
func (st *Store) Upsert(ctx context.Context, q db.Querier, r models.AttendanceRecord) error {
	_, err := q.ExecContext(ctx, `INSERT INTO attendance_records (student_id, section_id, date, code, minutes_late, taken_by, taken_at)
		VALUES ($1,$2,$3,$4,$5,$6, now())
		ON CONFLICT (student_id, section_id, date)
		DO UPDATE SET code = $4, minutes_late = $5, taken_by = $6, taken_at = now()`,
		r.StudentID, r.SectionID, r.Date, r.Code, r.Minutes, r.TakenBy)
	return err
}

func (st *Store) ForSectionDate(ctx context.Context, sectionID int64, date time.Time) ([]models.AttendanceRecord, error) {
	rows, err := st.DB.QueryContext(ctx, `SELECT id, student_id, section_id, date, code, minutes_late, taken_by
		FROM attendance_records WHERE section_id = $1 AND date = $2`, sectionID, date)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.AttendanceRecord
	for rows.Next() {
		var r models.AttendanceRecord
		if err := rows.Scan(&r.ID, &r.StudentID, &r.SectionID, &r.Date, &r.Code, &r.Minutes, &r.TakenBy); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Summary counts daily attendance: a student is absent for the day when
// they missed at least half their periods.
func (st *Store) Summary(ctx context.Context, studentID int64, from, to time.Time) (models.AttendanceSummary, error) {
	s := models.AttendanceSummary{StudentID: studentID}
	err := st.DB.QueryRowContext(ctx, `
		WITH daily AS (
			SELECT date,
			       count(*) FILTER (WHERE code = 'A') AS a,
			       count(*) FILTER (WHERE code = 'E') AS e,
			       count(*) FILTER (WHERE code = 'T') AS t,
			       count(*) AS n
			FROM attendance_records WHERE student_id = $1 AND date BETWEEN $2 AND $3
			GROUP BY date)
		SELECT count(*) FILTER (WHERE a + e < n / 2.0 AND t = 0),
		       count(*) FILTER (WHERE a >= n / 2.0),
		       count(*) FILTER (WHERE e >= n / 2.0 AND a < n / 2.0),
		       count(*) FILTER (WHERE t > 0 AND a + e < n / 2.0)
		FROM daily`, studentID, from, to).Scan(&s.Present, &s.Absent, &s.Excused, &s.Tardy)
	return s, err
}

type Absentee struct {
	StudentID int64
	SchoolID  int64
	Unexcused int
}

// UnexcusedOver lists students at or above the threshold of unexcused
// full-day absences since the given date who have no open truancy case.
func (st *Store) UnexcusedOver(ctx context.Context, since time.Time, threshold int) ([]Absentee, error) {
	rows, err := st.DB.QueryContext(ctx, `
		SELECT ar.student_id, s.school_id, count(DISTINCT ar.date)
		FROM attendance_records ar
		JOIN students s ON s.id = ar.student_id AND s.status = 'active'
		WHERE ar.code = 'A' AND ar.date >= $1
		  AND NOT EXISTS (SELECT 1 FROM truancy_cases tc WHERE tc.student_id = ar.student_id AND tc.closed_at IS NULL)
		GROUP BY ar.student_id, s.school_id
		HAVING count(DISTINCT ar.date) >= $2`, since, threshold)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Absentee
	for rows.Next() {
		var a Absentee
		if err := rows.Scan(&a.StudentID, &a.SchoolID, &a.Unexcused); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

func (st *Store) OpenTruancyCase(ctx context.Context, q db.Querier, studentID int64, absences int) (int64, error) {
	var id int64
	err := q.QueryRowContext(ctx, `INSERT INTO truancy_cases (student_id, absences_at_open, opened_at, stage)
		VALUES ($1, $2, now(), 'letter_1') RETURNING id`, studentID, absences).Scan(&id)
	return id, err
}

func (st *Store) ValidCodes(ctx context.Context) (map[string]bool, error) {
	rows, err := st.DB.QueryContext(ctx, `SELECT code FROM attendance_codes WHERE active`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		out[c] = true
	}
	return out, rows.Err()
}

// Excuse converts absences in a date range to excused, e.g. when a parent
// sends a doctor's note.
func (st *Store) Excuse(ctx context.Context, studentID int64, from, to time.Time, by int64) (int64, error) {
	res, err := st.DB.ExecContext(ctx, `UPDATE attendance_records SET code = 'E', taken_by = $4, taken_at = now()
		WHERE student_id = $1 AND date BETWEEN $2 AND $3 AND code = 'A'`, studentID, from, to, by)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
