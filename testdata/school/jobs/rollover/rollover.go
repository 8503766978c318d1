// Package rollover is the year-end job: promote students a grade, graduate
// seniors, close the year's enrollments and reset the things that key off
// the school year. Run once in July from sisctl.
package rollover

import (
	"context"
	"database/sql"
	"log/slog"
	"strconv"
	"time"

	"github.com/k12district/sis/lib/db"
)

type Job struct {
	DB         *sql.DB
	Log        *slog.Logger
	EndingYear int
	// CarryMealBalances keeps positive meal balances into next year
	// (negatives are written off either way, per board policy); when false
	// every balance is zeroed and refunds are handled by the business office.
	CarryMealBalances bool
}

type Result struct {
	Promoted  int64
	Graduated int64
	Retained  int64
}

func (j *Job) Name() string { return "rollover.year_end" }

func (j *Job) Run(ctx context.Context) error {
	_, err := j.Execute(ctx)
	return err
}

func (j *Job) Execute(ctx context.Context) (*Result, error) {
	res := &Result{}
	yearEnd := time.Date(j.EndingYear, time.June, 30, 0, 0, 0, 0, time.UTC)
	err := db.WithTx(ctx, j.DB, func(tx *sql.Tx) error {
		var done bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM rollover_runs WHERE school_year = $1)`,
			j.EndingYear).Scan(&done); err != nil {
			return err
		}
		if done {
			j.Log.Info("rollover already ran", "year", j.EndingYear)
			return nil
		}
		r, err := tx.ExecContext(ctx, `UPDATE students SET status = 'graduated', updated_at = now()
			WHERE status = 'active' AND grade_level = 12
			  AND id NOT IN (SELECT student_id FROM retentions WHERE school_year = $1)`, j.EndingYear)
		if err != nil {
			return err
		}
		res.Graduated, _ = r.RowsAffected()
		r, err = tx.ExecContext(ctx, `UPDATE students SET grade_level = grade_level + 1, updated_at = now()
			WHERE status = 'active' AND grade_level < 12
			  AND id NOT IN (SELECT student_id FROM retentions WHERE school_year = $1)`, j.EndingYear)
		if err != nil {
			return err
		}
		res.Promoted, _ = r.RowsAffected()
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM retentions WHERE school_year = $1`,
			j.EndingYear).Scan(&res.Retained); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE enrollments SET exit_date = $2, exit_reason = 'year_end'
			WHERE school_year = $1 AND exit_date IS NULL`, j.EndingYear, yearEnd); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO enrollments (student_id, school_id, school_year, entry_date)
			SELECT id, school_id, $1, $2 FROM students WHERE status = 'active'`,
			j.EndingYear+1, yearEnd.AddDate(0, 0, 1)); err != nil {
			return err
		}
		// Old sections and bus assignments do not carry over; scheduling and
		// transport rebuild them over the summer.
		if _, err := tx.ExecContext(ctx, `UPDATE section_enrollments se SET dropped_at = $2
			FROM sections sec WHERE sec.id = se.section_id AND sec.term LIKE $1 || '%' AND se.dropped_at IS NULL`,
			strconv.Itoa(j.EndingYear), yearEnd); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE rider_assignments SET active = false, ended_at = $1 WHERE active`,
			yearEnd); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE meal_accounts SET active = false
			WHERE student_id IN (SELECT id FROM students WHERE status = 'graduated')`); err != nil {
			return err
		}
		resetMeals := `UPDATE meal_accounts SET balance_cents = 0, updated_at = now()`
		if j.CarryMealBalances {
			resetMeals += ` WHERE balance_cents < 0`
		}
		if _, err := tx.ExecContext(ctx, resetMeals); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO rollover_runs (school_year, promoted, graduated, retained, ran_at)
			VALUES ($1,$2,$3,$4, now())`, j.EndingYear, res.Promoted, res.Graduated, res.Retained)
		return err
	})
	if err != nil {
		return nil, err
	}
	j.Log.Info("year-end rollover", "year", j.EndingYear, "promoted", res.Promoted, "graduated", res.Graduated)
	return res, nil
}
