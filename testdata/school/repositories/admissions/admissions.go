// Package admissions is the data access for admission_applications and
// admission_lottery_runs.
package admissions

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

const appCols = `id, first_name, last_name, date_of_birth, grade_level, school_id, school_year,
	guardian_email, guardian_name, guardian_phone, coalesce(sibling_student_id, 0), in_zone, status,
	coalesce(lottery_rank, 0), submitted_at`

func scan(row interface{ Scan(...any) error }) (*models.Application, error) {
	var a models.Application
	err := row.Scan(&a.ID, &a.FirstName, &a.LastName, &a.DateOfBirth, &a.GradeLevel, &a.SchoolID,
		&a.SchoolYear, &a.GuardianEmail, &a.GuardianName, &a.GuardianPhone, &a.SiblingID, &a.InZone,
		&a.Status, &a.LotteryRank, &a.SubmittedAt)
	return &a, err
}

func (st *Store) Get(ctx context.Context, id int64) (*models.Application, error) {
	a, err := scan(st.DB.QueryRowContext(ctx, `SELECT `+appCols+` FROM admission_applications WHERE id = $1`, id))
	if err != nil {
		return nil, db.NotFound(err, "application", id)
	}
	return a, nil
}

func (st *Store) Insert(ctx context.Context, a *models.Application) error {
	return st.DB.QueryRowContext(ctx, `INSERT INTO admission_applications
		(first_name, last_name, date_of_birth, grade_level, school_id, school_year, guardian_email,
		 guardian_name, guardian_phone, sibling_student_id, in_zone, status, submitted_at)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,'submitted', now()) RETURNING id, submitted_at`,
		a.FirstName, a.LastName, a.DateOfBirth, a.GradeLevel, a.SchoolID, a.SchoolYear, a.GuardianEmail,
		a.GuardianName, a.GuardianPhone, db.NullInt64(a.SiblingID), a.InZone).Scan(&a.ID, &a.SubmittedAt)
}

func (st *Store) Pending(ctx context.Context, schoolID int64, grade, year int) ([]models.Application, error) {
	rows, err := st.DB.QueryContext(ctx, `SELECT `+appCols+` FROM admission_applications
		WHERE school_id = $1 AND grade_level = $2 AND school_year = $3 AND status = 'submitted'
		ORDER BY submitted_at`, schoolID, grade, year)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Application
	for rows.Next() {
		a, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *a)
	}
	return out, rows.Err()
}

func (st *Store) Duplicate(ctx context.Context, a *models.Application) (bool, error) {
	var n int
	err := st.DB.QueryRowContext(ctx, `SELECT count(*) FROM admission_applications
		WHERE lower(first_name) = lower($1) AND lower(last_name) = lower($2) AND date_of_birth = $3
		  AND school_year = $4 AND status <> 'withdrawn'`,
		a.FirstName, a.LastName, a.DateOfBirth, a.SchoolYear).Scan(&n)
	return n > 0, err
}

func (st *Store) SetResult(ctx context.Context, q db.Querier, id int64, status string, rank int) error {
	_, err := q.ExecContext(ctx, `UPDATE admission_applications SET status = $2, lottery_rank = $3, decided_at = now()
		WHERE id = $1`, id, status, rank)
	return err
}

type LotteryRun struct {
	ID         int64
	SchoolID   int64
	GradeLevel int
	SchoolYear int
	Seats      int
	Seed       int64
}

func (st *Store) DueLotteryRuns(ctx context.Context) ([]LotteryRun, error) {
	rows, err := st.DB.QueryContext(ctx, `SELECT id, school_id, grade_level, school_year, seats, seed
		FROM admission_lottery_runs WHERE status = 'scheduled' AND run_at <= now() ORDER BY run_at`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []LotteryRun
	for rows.Next() {
		var r LotteryRun
		if err := rows.Scan(&r.ID, &r.SchoolID, &r.GradeLevel, &r.SchoolYear, &r.Seats, &r.Seed); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func (st *Store) FinishLotteryRun(ctx context.Context, id int64, admitted, waitlisted int) error {
	_, err := st.DB.ExecContext(ctx, `UPDATE admission_lottery_runs SET status = 'done', admitted = $2,
		waitlisted = $3, finished_at = now() WHERE id = $1`, id, admitted, waitlisted)
	return err
}
