// Package scheduling is the data access for courses, sections, rooms,
// bell schedules and section_enrollments (rosters).
package scheduling

import (
	"context"
	"database/sql"

	"github.com/k12district/sis/lib/db"
	"github.com/k12district/sis/models"
)

type Store struct {
	DB *sql.DB
}

func New(conn *sql.DB) *Store { return &Store{DB: conn} }

const sectionSelect = `SELECT sec.id, sec.course_id, c.code, c.title, sec.school_id, sec.term, sec.teacher_id,
	coalesce(sec.substitute_staff_id, 0), sec.room_id, r.name, sec.meetings, sec.capacity,
	(SELECT count(*) FROM section_enrollments se WHERE se.section_id = sec.id AND se.dropped_at IS NULL)
	FROM sections sec
	JOIN courses c ON c.id = sec.course_id
	JOIN rooms r ON r.id = sec.room_id`

func scanSection(row interface{ Scan(...any) error }) (*models.Section, error) {
	var s models.Section
	err := row.Scan(&s.ID, &s.CourseID, &s.CourseCode, &s.CourseTitle, &s.SchoolID, &s.Term, &s.TeacherID,
		&s.SubstituteID, &s.RoomID, &s.RoomName, &s.Meetings, &s.Capacity, &s.Enrolled)
	return &s, err
}

func (st *Store) querySections(ctx context.Context, where string, args ...any) ([]models.Section, error) {
	rows, err := st.DB.QueryContext(ctx, sectionSelect+" "+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Section
	for rows.Next() {
		s, err := scanSection(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *s)
	}
	return out, rows.Err()
}

func (st *Store) Section(ctx context.Context, id int64) (*models.Section, error) {
	s, err := scanSection(st.DB.QueryRowContext(ctx, sectionSelect+` WHERE sec.id = $1`, id))
	if err != nil {
		return nil, db.NotFound(err, "section", id)
	}
	return s, nil
}

func (st *Store) SectionsForTeacher(ctx context.Context, teacherID int64, term string) ([]models.Section, error) {
	return st.querySections(ctx, `WHERE sec.teacher_id = $1 AND sec.term = $2 ORDER BY sec.meetings`, teacherID, term)
}

func (st *Store) SectionsForStudent(ctx context.Context, studentID int64, term string) ([]models.Section, error) {
	return st.querySections(ctx, `JOIN section_enrollments se2 ON se2.section_id = sec.id
		WHERE se2.student_id = $1 AND se2.dropped_at IS NULL AND sec.term = $2`, studentID, term)
}

func (st *Store) SectionsInRoom(ctx context.Context, roomID int64, term string) ([]models.Section, error) {
	return st.querySections(ctx, `WHERE sec.room_id = $1 AND sec.term = $2`, roomID, term)
}

func (st *Store) Roster(ctx context.Context, sectionID int64) ([]models.RosterEntry, error) {
	rows, err := st.DB.QueryContext(ctx, `SELECT se.section_id, s.id, s.last_name || ', ' || s.first_name, s.grade_level
		FROM section_enrollments se JOIN students s ON s.id = se.student_id
		WHERE se.section_id = $1 AND se.dropped_at IS NULL
		ORDER BY s.last_name, s.first_name`, sectionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.RosterEntry
	for rows.Next() {
		var e models.RosterEntry
		if err := rows.Scan(&e.SectionID, &e.StudentID, &e.Name, &e.GradeLevel); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

func (st *Store) AddToSection(ctx context.Context, q db.Querier, sectionID, studentID int64) error {
	_, err := q.ExecContext(ctx, `INSERT INTO section_enrollments (section_id, student_id, added_at)
		VALUES ($1, $2, now())
		ON CONFLICT (section_id, student_id) DO UPDATE SET dropped_at = NULL, added_at = now()`, sectionID, studentID)
	return err
}

func (st *Store) DropFromSection(ctx context.Context, q db.Querier, sectionID, studentID int64) error {
	_, err := q.ExecContext(ctx, `UPDATE section_enrollments SET dropped_at = now()
		WHERE section_id = $1 AND student_id = $2 AND dropped_at IS NULL`, sectionID, studentID)
	return err
}

func (st *Store) DropAll(ctx context.Context, studentID int64) (int64, error) {
	res, err := st.DB.ExecContext(ctx, `UPDATE section_enrollments SET dropped_at = now()
		WHERE student_id = $1 AND dropped_at IS NULL`, studentID)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// LockSection takes a row lock so capacity checks are race-free.
func (st *Store) LockSection(ctx context.Context, tx *sql.Tx, sectionID int64) (capacity, enrolled int, err error) {
	err = tx.QueryRowContext(ctx, `SELECT sec.capacity,
		(SELECT count(*) FROM section_enrollments se WHERE se.section_id = sec.id AND se.dropped_at IS NULL)
		FROM sections sec WHERE sec.id = $1 FOR UPDATE`, sectionID).Scan(&capacity, &enrolled)
	return capacity, enrolled, db.NotFound(err, "section", sectionID)
}

func (st *Store) BellSchedule(ctx context.Context, schoolID int64) (map[int]string, error) {
	rows, err := st.DB.QueryContext(ctx, `SELECT period, to_char(starts_at, 'HH24:MI')
		FROM bell_schedules WHERE school_id = $1 AND active`, schoolID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int]string{}
	for rows.Next() {
		var p int
		var t string
		if err := rows.Scan(&p, &t); err != nil {
			return nil, err
		}
		out[p] = t
	}
	return out, rows.Err()
}

func (st *Store) CreateSection(ctx context.Context, s *models.Section) error {
	return st.DB.QueryRowContext(ctx, `INSERT INTO sections (course_id, school_id, term, teacher_id, room_id, meetings, capacity)
		VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id`,
		s.CourseID, s.SchoolID, s.Term, s.TeacherID, s.RoomID, s.Meetings, s.Capacity).Scan(&s.ID)
}

func (st *Store) Course(ctx context.Context, id int64) (*models.Course, error) {
	var c models.Course
	err := st.DB.QueryRowContext(ctx, `SELECT id, code, title, credits, level, subject FROM courses WHERE id = $1`, id).
		Scan(&c.ID, &c.Code, &c.Title, &c.Credits, &c.Level, &c.Subject)
	if err != nil {
		return nil, db.NotFound(err, "course", id)
	}
	return &c, nil
}
