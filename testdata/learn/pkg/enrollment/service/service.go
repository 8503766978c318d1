// Package service implements enrollment use cases and reacts to billing
// events (purchases enroll, cancellations suspend).
package service

import (
	"context"
	"database/sql"

	billing "quill.dev/academy/pkg/billing/service"
	catdomain "quill.dev/academy/pkg/catalog/domain"
	"quill.dev/academy/pkg/common/types"
	"quill.dev/academy/pkg/enrollment/domain"
	"quill.dev/academy/pkg/enrollment/store"
	"quill.dev/academy/pkg/platform/clock"
	"quill.dev/academy/pkg/platform/db"
	"quill.dev/academy/pkg/platform/errs"
	"quill.dev/academy/pkg/platform/events"
	"quill.dev/academy/pkg/platform/ids"
	"quill.dev/academy/pkg/platform/log"
	"quill.dev/academy/pkg/platform/page"
)

// Catalog is the slice of the catalog enrollment needs.
type Catalog interface {
	Course(ctx context.Context, id types.CourseID) (catdomain.Course, error)
}

// Service implements enrollment.
type Service struct {
	Pool    *sql.DB
	Q       *store.Queries
	Catalog Catalog
	Billing *billing.Service
	Clock   clock.Clock
}

// ToShared converts a store row to the shared enrollment type.
func ToShared(e store.Enrollment) types.Enrollment {
	return types.Enrollment{ID: types.EnrollmentID(e.ID), UserID: types.UserID(e.UserID), CourseID: types.CourseID(e.CourseID),
		Status: types.EnrollmentStatus(e.Status), Source: types.EnrollmentSource(e.Source), Progress: e.Progress,
		EnrolledAt: e.EnrolledAt, CompletedAt: db.TimePtr(e.CompletedAt)}
}

// Get returns the user's enrollment in a course.
func (s *Service) Get(ctx context.Context, uid types.UserID, cid types.CourseID) (types.Enrollment, error) {
	e, err := s.Q.GetEnrollmentByUserCourse(ctx, store.GetEnrollmentByUserCourseParams{UserID: string(uid), CourseID: string(cid)})
	if err != nil {
		return types.Enrollment{}, db.NotFound("enrollment.get", err)
	}
	return ToShared(e), nil
}

// IsEnrolled reports whether uid has (or had, if completed) access to cid.
func (s *Service) IsEnrolled(ctx context.Context, uid types.UserID, cid types.CourseID) (bool, error) {
	e, err := s.Get(ctx, uid, cid)
	if errs.Is(err, errs.NotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return e.Status == types.EnrollmentActive || e.Status == types.EnrollmentCompleted, nil
}

// ListMine lists the caller's enrollments.
func (s *Service) ListMine(ctx context.Context, uid types.UserID, req page.Request) ([]types.Enrollment, error) {
	rows, err := s.Q.ListEnrollmentsByUser(ctx, store.ListEnrollmentsByUserParams{UserID: string(uid), Limit: int32(req.Limit), Offset: int32(req.Offset)})
	if err != nil {
		return nil, err
	}
	out := make([]types.Enrollment, len(rows))
	for i, r := range rows {
		out[i] = ToShared(r)
	}
	return out, nil
}

// Enroll gives uid access to cid if billing says they are entitled.
func (s *Service) Enroll(ctx context.Context, uid types.UserID, cid types.CourseID) (types.Enrollment, error) {
	c, err := s.Catalog.Course(ctx, cid)
	if err != nil {
		return types.Enrollment{}, err
	}
	if c.Status != catdomain.StatusPublished {
		return types.Enrollment{}, errs.E(errs.NotFound, "enroll", "course not available")
	}
	source, ok, err := s.Billing.Entitlement(ctx, uid, c.Summary())
	if err != nil {
		return types.Enrollment{}, err
	}
	if !ok {
		return types.Enrollment{}, errs.E(errs.PaymentRequired, "enroll", "purchase the course or upgrade your plan")
	}
	return s.enroll(ctx, uid, cid, source)
}

func (s *Service) enroll(ctx context.Context, uid types.UserID, cid types.CourseID, source types.EnrollmentSource) (types.Enrollment, error) {
	now := s.Clock.Now()
	existing, err := s.Get(ctx, uid, cid)
	switch {
	case err == nil:
		if existing.Status == types.EnrollmentActive || existing.Status == types.EnrollmentCompleted {
			return existing, nil
		}
		if err := domain.Transition(&existing, types.EnrollmentActive, now); err != nil {
			return existing, err
		}
		return existing, s.Q.UpdateEnrollmentStatus(ctx, store.UpdateEnrollmentStatusParams{ID: string(existing.ID), Status: string(existing.Status)})
	case !errs.Is(err, errs.NotFound):
		return types.Enrollment{}, err
	}
	if source == types.SourceFree {
		// Subscribers are exempt from the free quota. Checked against the
		// billing table directly (ENR-88), see store.HasActiveSubscription.
		subscribed, err := s.Q.HasActiveSubscription(ctx, string(uid))
		if err != nil {
			return types.Enrollment{}, err
		}
		if !subscribed {
			n, err := s.Q.CountActiveBySource(ctx, store.CountActiveBySourceParams{UserID: string(uid), Source: string(source)})
			if err != nil {
				return types.Enrollment{}, err
			}
			if err := domain.CheckFreeQuota(source, int(n)); err != nil {
				return types.Enrollment{}, err
			}
		}
	}
	e := types.Enrollment{ID: types.EnrollmentID(ids.New("enr")), UserID: uid, CourseID: cid, Status: types.EnrollmentActive,
		Source: source, EnrolledAt: now}
	err = db.WithTx(ctx, s.Pool, func(tx *sql.Tx) error {
		if err := s.Q.WithTx(tx).CreateEnrollment(ctx, store.CreateEnrollmentParams{ID: string(e.ID), UserID: string(uid),
			CourseID: string(cid), Status: string(e.Status), Source: string(source), EnrolledAt: now}); err != nil {
			return err
		}
		return events.PublishJSON(ctx, events.NewOutbox(tx), types.EventEnrolled,
			types.Enrolled{EnrollmentID: e.ID, UserID: uid, CourseID: cid, Source: source})
	})
	return e, err
}

// Drop un-enrolls the caller.
func (s *Service) Drop(ctx context.Context, uid types.UserID, cid types.CourseID) error {
	e, err := s.Get(ctx, uid, cid)
	if err != nil {
		return err
	}
	if err := domain.Transition(&e, types.EnrollmentDropped, s.Clock.Now()); err != nil {
		return err
	}
	return s.Q.UpdateEnrollmentStatus(ctx, store.UpdateEnrollmentStatusParams{ID: string(e.ID), Status: string(e.Status)})
}

// Grant enrolls a user regardless of billing (support, B2B imports).
func (s *Service) Grant(ctx context.Context, uid types.UserID, cid types.CourseID) (types.Enrollment, error) {
	if _, err := s.Catalog.Course(ctx, cid); err != nil {
		return types.Enrollment{}, err
	}
	return s.enroll(ctx, uid, cid, types.SourceGrant)
}

// Subscribe wires enrollment's reactions to billing events.
func (s *Service) Subscribe(bus *events.Bus) {
	bus.Subscribe(types.EventPaymentSucceeded, "enrollment.purchase", func(ctx context.Context, e events.Event) error {
		var p types.PaymentSucceeded
		if err := e.Decode(&p); err != nil {
			return err
		}
		if p.CourseID == "" {
			return nil
		}
		_, err := s.enroll(ctx, p.UserID, p.CourseID, types.SourcePurchase)
		return err
	})
	bus.Subscribe(types.EventSubscriptionCancelled, "enrollment.suspend", func(ctx context.Context, e events.Event) error {
		var p types.SubscriptionChanged
		if err := e.Decode(&p); err != nil {
			return err
		}
		n, err := s.Q.SuspendBySource(ctx, store.SuspendBySourceParams{UserID: string(p.UserID), Source: string(types.SourceSubscription)})
		log.From(ctx).Info("suspended subscription enrollments", "user", p.UserID, "n", n)
		return err
	})
}
