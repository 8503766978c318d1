// Package reportcards holds the end-of-term report card generation job.
package reportcards

import (
	"context"
	"database/sql"
	"log/slog"

	"github.com/k12district/sis/reportcards"
)

// GenerateJob builds report cards for every student with finalized grades
// in the term who does not have one yet, then notifies families.
type GenerateJob struct {
	DB      *sql.DB
	Builder *reportcards.Builder
	Term    func(ctx context.Context) (*reportcards.Term, error)
	Log     *slog.Logger
}

func (j *GenerateJob) Name() string { return "reportcards.generate" }

func (j *GenerateJob) Run(ctx context.Context) error {
	term, err := j.Term(ctx)
	if err != nil || term == nil {
		return err
	}
	rows, err := j.DB.QueryContext(ctx, `SELECT DISTINCT tg.student_id FROM term_grades tg
		WHERE tg.term = $1 AND tg.final
		  AND NOT EXISTS (SELECT 1 FROM report_cards rc WHERE rc.student_id = tg.student_id AND rc.term = $1)
		  AND NOT EXISTS (SELECT 1 FROM term_grades open
		                  WHERE open.student_id = tg.student_id AND open.term = $1 AND NOT open.final)`, term.Name)
	if err != nil {
		return err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	built := 0
	for _, id := range ids {
		rc, _, err := j.Builder.Build(ctx, id, *term)
		if err != nil {
			j.Log.Error("report card failed", "student", id, "err", err)
			continue
		}
		if err := j.Builder.Deliver(ctx, rc); err != nil {
			j.Log.Warn("report card notice failed", "student", id, "err", err)
		}
		built++
	}
	j.Log.Info("report cards generated", "term", term.Name, "count", built)
	return nil
}

// CurrentTerm reads the grading term whose report card window is open.
func CurrentTerm(conn *sql.DB) func(ctx context.Context) (*reportcards.Term, error) {
	return func(ctx context.Context) (*reportcards.Term, error) {
		var t reportcards.Term
		err := conn.QueryRowContext(ctx, `SELECT name, starts_on, ends_on FROM grading_terms
			WHERE report_cards_open_on <= current_date AND report_cards_close_on >= current_date
			ORDER BY ends_on DESC LIMIT 1`).Scan(&t.Name, &t.Start, &t.End)
		if err == sql.ErrNoRows {
			return nil, nil
		}
		return &t, err
	}
}
