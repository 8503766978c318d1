package grading

import (
	"context"
	"database/sql"

	"quill.dev/academy/pkg/assessment/domain"
	"quill.dev/academy/pkg/assessment/repo"
	"quill.dev/academy/pkg/common/types"
	"quill.dev/academy/pkg/platform/clock"
	"quill.dev/academy/pkg/platform/db"
	"quill.dev/academy/pkg/platform/errs"
	"quill.dev/academy/pkg/platform/events"
	"quill.dev/academy/pkg/platform/ids"
)

// Enrollments checks course access (enrollment service).
type Enrollments interface {
	IsEnrolled(ctx context.Context, uid types.UserID, cid types.CourseID) (bool, error)
}

// Service accepts and grades submissions.
type Service struct {
	Pool        *sql.DB
	Repo        *repo.Repo
	Enrollments Enrollments
	Clock       clock.Clock
}

// Submit records an attempt. Quizzes without free text are graded at once;
// others wait for the assessment worker's plagiarism check.
func (s *Service) Submit(ctx context.Context, uid types.UserID, qid types.QuizID, answers map[string]domain.Answer) (domain.Submission, error) {
	q, err := s.Repo.Quiz(ctx, qid)
	if err != nil {
		return domain.Submission{}, err
	}
	ok, err := s.Enrollments.IsEnrolled(ctx, uid, q.CourseID)
	if err != nil {
		return domain.Submission{}, err
	}
	if !ok {
		return domain.Submission{}, errs.E(errs.Forbidden, "submit", "not enrolled in this course")
	}
	n, err := s.Repo.CountAttempts(ctx, qid, uid)
	if err != nil {
		return domain.Submission{}, err
	}
	if q.MaxAttempts > 0 && n >= q.MaxAttempts {
		return domain.Submission{}, errs.E(errs.Conflict, "submit", "no attempts left")
	}
	sub := domain.Submission{ID: types.SubmissionID(ids.New("sbm")), QuizID: qid, UserID: uid, Attempt: n + 1,
		Answers: answers, Status: domain.SubmissionPending, SubmittedAt: s.Clock.Now()}
	if q.HasFreeText() {
		return sub, s.Repo.SaveSubmission(ctx, sub)
	}
	return sub, s.Finalize(ctx, q, &sub)
}

// Finalize scores a submission, stores it, and emits grading events in the
// same transaction.
func (s *Service) Finalize(ctx context.Context, q domain.Quiz, sub *domain.Submission) error {
	now := s.Clock.Now()
	sub.Score = Score(q, sub.Answers)
	sub.Passed = sub.Score >= q.PassPercent
	sub.Status = domain.SubmissionGraded
	sub.GradedAt = &now
	return db.WithTx(ctx, s.Pool, func(tx *sql.Tx) error {
		r := repo.New(tx)
		if err := r.SaveSubmission(ctx, *sub); err != nil {
			return err
		}
		if sub.Passed {
			if err := r.MarkLessonComplete(ctx, sub.UserID, q.CourseID, q.LessonID, now); err != nil {
				return err
			}
		}
		out := events.NewOutbox(tx)
		ev := types.SubmissionGraded{SubmissionID: sub.ID, QuizID: q.ID, UserID: sub.UserID, CourseID: q.CourseID,
			LessonID: q.LessonID, Score: sub.Score, Passed: sub.Passed, Final: q.Final}
		if err := events.PublishJSON(ctx, out, types.EventSubmissionGraded, ev); err != nil {
			return err
		}
		if q.Final && sub.Passed {
			return events.PublishJSON(ctx, out, types.EventFinalExamPassed, ev)
		}
		return nil
	})
}
