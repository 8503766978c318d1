// Package progress tracks lesson completion and detects course completion.
package progress

import (
	"context"
	"database/sql"

	"quill.dev/academy/pkg/common/types"
	"quill.dev/academy/pkg/enrollment/domain"
	"quill.dev/academy/pkg/enrollment/store"
	"quill.dev/academy/pkg/platform/clock"
	"quill.dev/academy/pkg/platform/db"
	"quill.dev/academy/pkg/platform/errs"
	"quill.dev/academy/pkg/platform/events"
)

// Lessons lists the lessons of a course (backed by catalog).
type Lessons interface {
	LessonIDs(ctx context.Context, id types.CourseID) ([]types.LessonID, error)
}

// Tracker records progress.
type Tracker struct {
	Pool    *sql.DB
	Q       *store.Queries
	Lessons Lessons
	Clock   clock.Clock
}

// Summary is the progress view for one enrollment.
type Summary struct {
	EnrollmentID types.EnrollmentID `json:"enrollment_id"`
	Completed    []types.LessonID   `json:"completed"`
	Total        int                `json:"total"`
	Progress     float64            `json:"progress"`
	Done         bool               `json:"done"`
}

// CompleteLesson marks a lesson done and completes the course when all
// lessons are done.
func (t *Tracker) CompleteLesson(ctx context.Context, uid types.UserID, cid types.CourseID, lid types.LessonID) (Summary, error) {
	e, err := t.Q.GetEnrollmentByUserCourse(ctx, store.GetEnrollmentByUserCourseParams{UserID: string(uid), CourseID: string(cid)})
	if err != nil {
		return Summary{}, db.NotFound("progress.enrollment", err)
	}
	if e.Status != string(types.EnrollmentActive) && e.Status != string(types.EnrollmentCompleted) {
		return Summary{}, errs.E(errs.Forbidden, "progress", "enrollment is %s", e.Status)
	}
	all, err := t.Lessons.LessonIDs(ctx, cid)
	if err != nil {
		return Summary{}, err
	}
	found := false
	for _, id := range all {
		if id == lid {
			found = true
		}
	}
	if !found {
		return Summary{}, errs.E(errs.Invalid, "progress", "lesson not in course")
	}
	now := t.Clock.Now()
	if err := t.Q.InsertLessonProgress(ctx, store.InsertLessonProgressParams{EnrollmentID: e.ID, LessonID: string(lid), CompletedAt: now}); err != nil {
		return Summary{}, err
	}
	return t.Recompute(ctx, e, all, &lid)
}

// Recompute refreshes the stored progress of an enrollment, completing it
// if every lesson is done. Lesson rows may also be written by assessment.
func (t *Tracker) Recompute(ctx context.Context, e store.Enrollment, all []types.LessonID, just *types.LessonID) (Summary, error) {
	done, err := t.Q.ListCompletedLessons(ctx, e.ID)
	if err != nil {
		return Summary{}, err
	}
	s := Summary{EnrollmentID: types.EnrollmentID(e.ID), Total: len(all)}
	for _, d := range done {
		s.Completed = append(s.Completed, types.LessonID(d))
	}
	s.Progress = domain.Progress(len(done), len(all))
	s.Done = domain.IsComplete(len(done), len(all))
	now := t.Clock.Now()
	err = db.WithTx(ctx, t.Pool, func(tx *sql.Tx) error {
		q := t.Q.WithTx(tx)
		if err := q.UpdateEnrollmentProgress(ctx, store.UpdateEnrollmentProgressParams{ID: e.ID, Progress: s.Progress,
			LastActivityAt: sql.NullTime{Time: now, Valid: true}}); err != nil {
			return err
		}
		out := events.NewOutbox(tx)
		if just != nil {
			if err := events.PublishJSON(ctx, out, types.EventLessonCompleted, types.LessonCompleted{
				UserID: types.UserID(e.UserID), CourseID: types.CourseID(e.CourseID), LessonID: *just}); err != nil {
				return err
			}
		}
		if !s.Done || e.Status == string(types.EnrollmentCompleted) {
			return nil
		}
		if err := q.UpdateEnrollmentStatus(ctx, store.UpdateEnrollmentStatusParams{ID: e.ID, Status: string(types.EnrollmentCompleted),
			CompletedAt: sql.NullTime{Time: now, Valid: true}}); err != nil {
			return err
		}
		return events.PublishJSON(ctx, out, types.EventCourseCompleted, types.CourseCompleted{
			EnrollmentID: types.EnrollmentID(e.ID), UserID: types.UserID(e.UserID), CourseID: types.CourseID(e.CourseID), CompletedAt: now})
	})
	return s, err
}

// ForCourse returns (and refreshes) the caller's progress in a course.
func (t *Tracker) ForCourse(ctx context.Context, uid types.UserID, cid types.CourseID) (Summary, error) {
	e, err := t.Q.GetEnrollmentByUserCourse(ctx, store.GetEnrollmentByUserCourseParams{UserID: string(uid), CourseID: string(cid)})
	if err != nil {
		return Summary{}, db.NotFound("progress.enrollment", err)
	}
	all, err := t.Lessons.LessonIDs(ctx, cid)
	if err != nil {
		return Summary{}, err
	}
	return t.Recompute(ctx, e, all, nil)
}
