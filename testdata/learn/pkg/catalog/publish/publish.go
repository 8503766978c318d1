// Package publish runs the course review and publication workflow.
package publish

import (
	"context"
	"database/sql"
	"strings"

	"quill.dev/academy/pkg/catalog/domain"
	"quill.dev/academy/pkg/catalog/repo"
	"quill.dev/academy/pkg/common/types"
	"quill.dev/academy/pkg/identity/auth"
	"quill.dev/academy/pkg/platform/clock"
	"quill.dev/academy/pkg/platform/db"
	"quill.dev/academy/pkg/platform/errs"
	"quill.dev/academy/pkg/platform/events"
)

// Workflow moves courses through draft → in_review → published.
type Workflow struct {
	Pool  *sql.DB
	Repo  *repo.Repo
	Clock clock.Clock
}

// Submit sends a draft for content review.
func (w *Workflow) Submit(ctx context.Context, p auth.Principal, id types.CourseID) error {
	c, err := w.Repo.FullCourse(ctx, id)
	if err != nil {
		return err
	}
	if c.InstructorID != p.UserID && p.Role != types.RoleAdmin {
		return errs.E(errs.Forbidden, "submit", "not your course")
	}
	if c.Status != domain.StatusDraft {
		return errs.E(errs.Conflict, "submit", "course is %s", c.Status)
	}
	if probs := c.PublishProblems(); len(probs) > 0 {
		return errs.E(errs.Invalid, "submit", "not ready: %s", strings.Join(probs, "; "))
	}
	return w.Repo.SetStatus(ctx, id, domain.StatusInReview, w.Clock.Now())
}

// Approve publishes a course in review. Admins only.
func (w *Workflow) Approve(ctx context.Context, p auth.Principal, id types.CourseID) error {
	if p.Role != types.RoleAdmin {
		return errs.E(errs.Forbidden, "approve", "admins only")
	}
	return w.transition(ctx, id, domain.StatusInReview, domain.StatusPublished, types.EventCoursePublished)
}

// Reject sends a course back to draft.
func (w *Workflow) Reject(ctx context.Context, p auth.Principal, id types.CourseID) error {
	if p.Role != types.RoleAdmin {
		return errs.E(errs.Forbidden, "reject", "admins only")
	}
	return w.transition(ctx, id, domain.StatusInReview, domain.StatusDraft, "")
}

// Unpublish hides a published course from the catalog. Existing enrollments
// keep access.
func (w *Workflow) Unpublish(ctx context.Context, p auth.Principal, id types.CourseID) error {
	c, err := w.Repo.Course(ctx, id)
	if err != nil {
		return err
	}
	if c.InstructorID != p.UserID && p.Role != types.RoleAdmin {
		return errs.E(errs.Forbidden, "unpublish", "not your course")
	}
	return w.transition(ctx, id, domain.StatusPublished, domain.StatusDraft, types.EventCourseUnpublished)
}

func (w *Workflow) transition(ctx context.Context, id types.CourseID, from, to domain.Status, event string) error {
	return db.WithTx(ctx, w.Pool, func(tx *sql.Tx) error {
		r := w.Repo.WithTx(tx)
		c, err := r.Course(ctx, id)
		if err != nil {
			return err
		}
		if c.Status != from {
			return errs.E(errs.Conflict, "publish", "course is %s, expected %s", c.Status, from)
		}
		now := w.Clock.Now()
		if err := r.SetStatus(ctx, id, to, now); err != nil {
			return err
		}
		if event == "" {
			return nil
		}
		c.Status, c.UpdatedAt = to, now
		return events.PublishJSON(ctx, events.NewOutbox(tx), event, types.CoursePublished{Course: c.Summary()})
	})
}
