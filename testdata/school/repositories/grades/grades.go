// Package grades is the data access for the gradebook: assignments,
// scores, grading categories, term_grades and report_cards.
package grades

import (
	"context"
	"database/sql"
	"encoding/json"

	"github.com/k12district/sis/lib/db"
	"github.com/k12district/sis/models"
)

type Store struct {
	DB *sql.DB
}

func New(conn *sql.DB) *Store { return &Store{DB: conn} }

func (st *Store) Assignment(ctx context.Context, id int64) (*models.Assignment, error) {
	var a models.Assignment
	err := st.DB.QueryRowContext(ctx, `SELECT id, section_id, title, category, max_points, due_date
		FROM assignments WHERE id = $1`, id).Scan(&a.ID, &a.SectionID, &a.Title, &a.Category, &a.MaxPoints, &a.DueDate)
	if err != nil {
		return nil, db.NotFound(err, "assignment", id)
	}
	return &a, nil
}

func (st *Store) CreateAssignment(ctx context.Context, a *models.Assignment) error {
	return st.DB.QueryRowContext(ctx, `INSERT INTO assignments (section_id, title, category, max_points, due_date)
		VALUES ($1,$2,$3,$4,$5) RETURNING id`, a.SectionID, a.Title, a.Category, a.MaxPoints, a.DueDate).Scan(&a.ID)
}

func (st *Store) UpsertScore(ctx context.Context, q db.Querier, s models.Score) error {
	_, err := q.ExecContext(ctx, `INSERT INTO scores (assignment_id, student_id, points, excused, missing, updated_at)
		VALUES ($1,$2,$3,$4,$5, now())
		ON CONFLICT (assignment_id, student_id) DO UPDATE SET points = $3, excused = $4, missing = $5, updated_at = now()`,
		s.AssignmentID, s.StudentID, s.Points, s.Excused, s.Missing)
	return err
}

// Weights returns category -> weight (percent) for a section.
func (st *Store) Weights(ctx context.Context, sectionID int64) (map[string]float64, error) {
	rows, err := st.DB.QueryContext(ctx, `SELECT category, weight FROM grading_categories WHERE section_id = $1`, sectionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]float64{}
	for rows.Next() {
		var c string
		var w float64
		if err := rows.Scan(&c, &w); err != nil {
			return nil, err
		}
		out[c] = w
	}
	return out, rows.Err()
}

type ScoreRow struct {
	StudentID int64
	Category  string
	Points    float64
	MaxPoints float64
	Excused   bool
	Missing   bool
}

func (st *Store) SectionScores(ctx context.Context, sectionID int64) ([]ScoreRow, error) {
	rows, err := st.DB.QueryContext(ctx, `SELECT s.student_id, a.category, s.points, a.max_points, s.excused, s.missing
		FROM scores s JOIN assignments a ON a.id = s.assignment_id
		WHERE a.section_id = $1`, sectionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ScoreRow
	for rows.Next() {
		var r ScoreRow
		if err := rows.Scan(&r.StudentID, &r.Category, &r.Points, &r.MaxPoints, &r.Excused, &r.Missing); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func (st *Store) SaveTermGrade(ctx context.Context, q db.Querier, g models.TermGrade) error {
	_, err := q.ExecContext(ctx, `INSERT INTO term_grades (student_id, section_id, term, percent, letter, final, updated_at)
		VALUES ($1,$2,$3,$4,$5,$6, now())
		ON CONFLICT (student_id, section_id, term)
		DO UPDATE SET percent = $4, letter = $5, final = $6, updated_at = now()
		WHERE NOT term_grades.final`, g.StudentID, g.SectionID, g.Term, g.Percent, g.Letter, g.Final)
	return err
}

// TermGrades returns a student's grades for a term, with course metadata
// from scheduling's tables for display and GPA weighting.
func (st *Store) TermGrades(ctx context.Context, studentID int64, term string) ([]models.TermGrade, error) {
	return st.termGrades(ctx, `WHERE tg.student_id = $1 AND tg.term = $2`, studentID, term)
}

func (st *Store) FinalGrades(ctx context.Context, studentID int64) ([]models.TermGrade, error) {
	return st.termGrades(ctx, `WHERE tg.student_id = $1 AND tg.final`, studentID)
}

func (st *Store) termGrades(ctx context.Context, where string, args ...any) ([]models.TermGrade, error) {
	rows, err := st.DB.QueryContext(ctx, `SELECT tg.student_id, tg.section_id, c.code, c.title, tg.term,
		tg.percent, tg.letter, c.credits, c.level, tg.final
		FROM term_grades tg
		JOIN sections sec ON sec.id = tg.section_id
		JOIN courses c ON c.id = sec.course_id `+where+` ORDER BY c.code`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.TermGrade
	for rows.Next() {
		var g models.TermGrade
		if err := rows.Scan(&g.StudentID, &g.SectionID, &g.CourseCode, &g.CourseTitle, &g.Term,
			&g.Percent, &g.Letter, &g.Credits, &g.Level, &g.Final); err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

func (st *Store) SaveReportCard(ctx context.Context, rc *models.ReportCard, html string) error {
	payload, err := json.Marshal(rc)
	if err != nil {
		return err
	}
	return st.DB.QueryRowContext(ctx, `INSERT INTO report_cards (student_id, term, gpa, payload, html, issued_at)
		VALUES ($1,$2,$3,$4,$5, now())
		ON CONFLICT (student_id, term) DO UPDATE SET gpa = $3, payload = $4, html = $5, issued_at = now()
		RETURNING id, issued_at`, rc.StudentID, rc.Term, rc.GPA, payload, html).Scan(&rc.ID, &rc.IssuedAt)
}

func (st *Store) ReportCardHTML(ctx context.Context, studentID int64, term string) (string, error) {
	var html string
	err := st.DB.QueryRowContext(ctx, `SELECT html FROM report_cards WHERE student_id = $1 AND term = $2`,
		studentID, term).Scan(&html)
	return html, db.NotFound(err, "report card", term)
}

func (st *Store) FinalizeSection(ctx context.Context, sectionID int64, term string) ([]int64, error) {
	rows, err := st.DB.QueryContext(ctx, `UPDATE term_grades SET final = true, finalized_at = now()
		WHERE section_id = $1 AND term = $2 AND NOT final RETURNING student_id`, sectionID, term)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
