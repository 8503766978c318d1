// Package repo persists quizzes and submissions (database/sql, JSONB).
package repo

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"quill.dev/academy/pkg/assessment/domain"
	"quill.dev/academy/pkg/common/types"
	"quill.dev/academy/pkg/platform/db"
)

func init() {
	db.Register(db.Migration{Version: 400, Owner: "assessment", SQL: `
CREATE TABLE quizzes (
	id TEXT PRIMARY KEY, course_id TEXT NOT NULL, lesson_id TEXT NOT NULL, title TEXT NOT NULL,
	pass_percent DOUBLE PRECISION NOT NULL, final BOOLEAN NOT NULL DEFAULT false, max_attempts INT NOT NULL DEFAULT 3,
	questions JSONB NOT NULL
);
CREATE TABLE quiz_submissions (
	id TEXT PRIMARY KEY, quiz_id TEXT NOT NULL REFERENCES quizzes(id), user_id TEXT NOT NULL, attempt INT NOT NULL,
	answers JSONB NOT NULL, score DOUBLE PRECISION NOT NULL DEFAULT 0, passed BOOLEAN NOT NULL DEFAULT false,
	status TEXT NOT NULL, similarity DOUBLE PRECISION NOT NULL DEFAULT 0, submitted_at TIMESTAMPTZ NOT NULL, graded_at TIMESTAMPTZ
);`})
}

// Repo is the assessment repository.
type Repo struct{ q db.Querier }

func New(q db.Querier) *Repo { return &Repo{q: q} }

// Quiz loads a quiz with its questions.
func (r *Repo) Quiz(ctx context.Context, id types.QuizID) (domain.Quiz, error) {
	var q domain.Quiz
	var qs []byte
	err := r.q.QueryRowContext(ctx, `SELECT id, course_id, lesson_id, title, pass_percent, final, max_attempts, questions
		FROM quizzes WHERE id = $1`, id).Scan(&q.ID, &q.CourseID, &q.LessonID, &q.Title, &q.PassPercent, &q.Final, &q.MaxAttempts, &qs)
	if err != nil {
		return q, db.NotFound("assessment.quiz", err)
	}
	return q, json.Unmarshal(qs, &q.Questions)
}

// SaveQuiz upserts a quiz.
func (r *Repo) SaveQuiz(ctx context.Context, q domain.Quiz) error {
	qs, err := json.Marshal(q.Questions)
	if err != nil {
		return err
	}
	_, err = r.q.ExecContext(ctx, `INSERT INTO quizzes (id, course_id, lesson_id, title, pass_percent, final, max_attempts, questions)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8) ON CONFLICT (id) DO UPDATE SET title=$4, pass_percent=$5, final=$6, max_attempts=$7, questions=$8`,
		q.ID, q.CourseID, q.LessonID, q.Title, q.PassPercent, q.Final, q.MaxAttempts, qs)
	return err
}

const subCols = `id, quiz_id, user_id, attempt, answers, score, passed, status, similarity, submitted_at, graded_at`

func scanSub(row interface{ Scan(...any) error }) (domain.Submission, error) {
	var s domain.Submission
	var ans []byte
	var graded sql.NullTime
	if err := row.Scan(&s.ID, &s.QuizID, &s.UserID, &s.Attempt, &ans, &s.Score, &s.Passed, &s.Status, &s.Similarity, &s.SubmittedAt, &graded); err != nil {
		return s, err
	}
	s.GradedAt = db.TimePtr(graded)
	return s, json.Unmarshal(ans, &s.Answers)
}

// Submission loads one submission.
func (r *Repo) Submission(ctx context.Context, id types.SubmissionID) (domain.Submission, error) {
	s, err := scanSub(r.q.QueryRowContext(ctx, `SELECT `+subCols+` FROM quiz_submissions WHERE id = $1`, id))
	if err != nil {
		return s, db.NotFound("assessment.submission", err)
	}
	return s, nil
}

// CountAttempts returns how many times uid submitted quiz.
func (r *Repo) CountAttempts(ctx context.Context, quiz types.QuizID, uid types.UserID) (int, error) {
	var n int
	err := r.q.QueryRowContext(ctx, `SELECT count(*) FROM quiz_submissions WHERE quiz_id = $1 AND user_id = $2`, quiz, uid).Scan(&n)
	return n, err
}

// SaveSubmission upserts a submission.
func (r *Repo) SaveSubmission(ctx context.Context, s domain.Submission) error {
	ans, err := json.Marshal(s.Answers)
	if err != nil {
		return err
	}
	_, err = r.q.ExecContext(ctx, `INSERT INTO quiz_submissions (`+subCols+`) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)
		ON CONFLICT (id) DO UPDATE SET score=$6, passed=$7, status=$8, similarity=$9, graded_at=$11`,
		s.ID, s.QuizID, s.UserID, s.Attempt, ans, s.Score, s.Passed, s.Status, s.Similarity, s.SubmittedAt, db.NullTime(s.GradedAt))
	return err
}

// Pending lists submissions awaiting the plagiarism check.
func (r *Repo) Pending(ctx context.Context, limit int) ([]domain.Submission, error) {
	rows, err := r.q.QueryContext(ctx, `SELECT `+subCols+` FROM quiz_submissions WHERE status = 'pending' ORDER BY submitted_at LIMIT $1`, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.Submission
	for rows.Next() {
		s, err := scanSub(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// MarkLessonComplete records a passed quiz lesson as completed in the
// learner's progress so the sidebar tick shows up immediately. Enrollment
// recomputes the percentage on next read.
func (r *Repo) MarkLessonComplete(ctx context.Context, uid types.UserID, cid types.CourseID, lid types.LessonID, at time.Time) error {
	_, err := r.q.ExecContext(ctx, `INSERT INTO enrollment_lesson_progress (enrollment_id, lesson_id, completed_at)
		SELECT e.id, $3, $4 FROM enrollments e WHERE e.user_id = $1 AND e.course_id = $2
		ON CONFLICT DO NOTHING`, uid, cid, lid, at)
	return err
}
