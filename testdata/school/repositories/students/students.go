// Package students is the data access for students, enrollments and
// student_addresses.
package students

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

const studentCols = `s.id, s.student_number, s.first_name, s.last_name, s.date_of_birth,
	s.grade_level, s.school_id, s.status, s.home_language, s.iep, s.created_at`

func scanStudent(row interface{ Scan(...any) error }) (*models.Student, error) {
	var s models.Student
	err := row.Scan(&s.ID, &s.StudentNumber, &s.FirstName, &s.LastName, &s.DateOfBirth,
		&s.GradeLevel, &s.SchoolID, &s.Status, &s.HomeLanguage, &s.IEP, &s.CreatedAt)
	return &s, err
}

func (st *Store) Get(ctx context.Context, id int64) (*models.Student, error) {
	row := st.DB.QueryRowContext(ctx, `SELECT `+studentCols+` FROM students s WHERE s.id = $1`, id)
	s, err := scanStudent(row)
	if err != nil {
		return nil, db.NotFound(err, "student", id)
	}
	return s, nil
}

func (st *Store) GetByNumber(ctx context.Context, number string) (*models.Student, error) {
	row := st.DB.QueryRowContext(ctx, `SELECT `+studentCols+` FROM students s WHERE s.student_number = $1`, number)
	s, err := scanStudent(row)
	if err != nil {
		return nil, db.NotFound(err, "student", number)
	}
	return s, nil
}

func (st *Store) ListBySchool(ctx context.Context, schoolID int64, grade *int, limit, offset int) ([]models.Student, error) {
	q := `SELECT ` + studentCols + ` FROM students s WHERE s.school_id = $1 AND s.status = 'active'`
	args := []any{schoolID}
	if grade != nil {
		q += ` AND s.grade_level = $2`
		args = append(args, *grade)
	}
	q += ` ORDER BY s.last_name, s.first_name LIMIT ` + itoa(limit) + ` OFFSET ` + itoa(offset)
	rows, err := st.DB.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Student
	for rows.Next() {
		s, err := scanStudent(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *s)
	}
	return out, rows.Err()
}

func (st *Store) Search(ctx context.Context, term string, schoolID int64) ([]models.Student, error) {
	rows, err := st.DB.QueryContext(ctx, `SELECT `+studentCols+` FROM students s
		WHERE s.school_id = $1 AND (s.last_name ILIKE $2 || '%' OR s.student_number = $2)
		ORDER BY s.last_name LIMIT 25`, schoolID, term)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Student
	for rows.Next() {
		s, err := scanStudent(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *s)
	}
	return out, rows.Err()
}

func (st *Store) NextSequence(ctx context.Context, q db.Querier) (int64, error) {
	var n int64
	err := q.QueryRowContext(ctx, `SELECT nextval('student_number_seq')`).Scan(&n)
	return n, err
}

func (st *Store) Insert(ctx context.Context, q db.Querier, s *models.Student) error {
	return q.QueryRowContext(ctx, `INSERT INTO students
		(student_number, first_name, last_name, date_of_birth, grade_level, school_id, status, home_language, iep, created_at)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9, now()) RETURNING id, created_at`,
		s.StudentNumber, s.FirstName, s.LastName, s.DateOfBirth, s.GradeLevel, s.SchoolID,
		s.Status, s.HomeLanguage, s.IEP).Scan(&s.ID, &s.CreatedAt)
}

func (st *Store) SetStatus(ctx context.Context, q db.Querier, id int64, status string) error {
	_, err := q.ExecContext(ctx, `UPDATE students SET status = $2, updated_at = now() WHERE id = $1`, id, status)
	return err
}

func (st *Store) OpenEnrollment(ctx context.Context, q db.Querier, e *models.Enrollment) error {
	return q.QueryRowContext(ctx, `INSERT INTO enrollments (student_id, school_id, school_year, entry_date)
		VALUES ($1,$2,$3,$4) RETURNING id`, e.StudentID, e.SchoolID, e.SchoolYear, e.EntryDate).Scan(&e.ID)
}

func (st *Store) CloseEnrollment(ctx context.Context, q db.Querier, studentID int64, exit time.Time, reason string) (int64, error) {
	res, err := q.ExecContext(ctx, `UPDATE enrollments SET exit_date = $2, exit_reason = $3
		WHERE student_id = $1 AND exit_date IS NULL`, studentID, exit, reason)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

func (st *Store) Address(ctx context.Context, studentID int64) (*models.Address, error) {
	var a models.Address
	err := st.DB.QueryRowContext(ctx, `SELECT student_id, line1, city, zip, lat, lng
		FROM student_addresses WHERE student_id = $1 AND current`, studentID).
		Scan(&a.StudentID, &a.Line1, &a.City, &a.Zip, &a.Lat, &a.Lng)
	if err != nil {
		return nil, db.NotFound(err, "address for student", studentID)
	}
	return &a, nil
}

func (st *Store) ReplaceAddress(ctx context.Context, q db.Querier, a models.Address) error {
	if _, err := q.ExecContext(ctx, `UPDATE student_addresses SET current = false WHERE student_id = $1`, a.StudentID); err != nil {
		return err
	}
	_, err := q.ExecContext(ctx, `INSERT INTO student_addresses (student_id, line1, city, zip, lat, lng, current)
		VALUES ($1,$2,$3,$4,$5,$6,true)`, a.StudentID, a.Line1, a.City, a.Zip, a.Lat, a.Lng)
	return err
}

func itoa(n int) string {
	if n <= 0 {
		return "0"
	}
	b := make([]byte, 0, 8)
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}
