// Package booking handles class bookings and cancellations.
package booking

import (
	"context"
	"database/sql"
	"time"

	"github.com/pulsefit/clubs/internal/classes/store"
	"github.com/pulsefit/clubs/internal/models"
	"github.com/pulsefit/clubs/pkg/db"
	"github.com/pulsefit/clubs/pkg/errs"
	"github.com/pulsefit/clubs/pkg/events"
	"github.com/pulsefit/clubs/pkg/ids"
	"github.com/pulsefit/clubs/pkg/money"
)

const (
	BookingWindow    = 7 * 24 * time.Hour
	LateCancelCutoff = 2 * time.Hour
)

// LateCancelFee is charged for cancelling inside the cutoff or not turning up.
var LateCancelFee = money.GBP(300)

// Eligibility is answered by the membership context.
type Eligibility interface {
	CanBook(ctx context.Context, memberID, clubID string) (ok bool, reason string, err error)
}

// Charger adds a fee to the member's next bill (billing).
type Charger interface {
	AddCharge(ctx context.Context, memberID string, line models.InvoiceLine) error
}

type Service struct {
	db      *sql.DB
	store   *store.Store
	elig    Eligibility
	charger Charger
	bus     *events.Bus
	now     func() time.Time
}

func New(conn *sql.DB, st *store.Store, e Eligibility, c Charger, bus *events.Bus) *Service {
	return &Service{db: conn, store: st, elig: e, charger: c, bus: bus, now: time.Now}
}

// creditsLeft counts this month's bookings against the plan's class credits.
// Reads the membership tables directly: plan credits were added after the eligibility API was frozen.
func (s *Service) creditsLeft(ctx context.Context, q db.Querier, memberID string, at time.Time) (int, error) {
	var credits, used int
	err := q.QueryRowContext(ctx, `
		SELECT p.class_credits,
		       (SELECT count(*) FROM class_bookings b JOIN class_sessions cs ON cs.id = b.session_id
		        WHERE b.member_id = ms.member_id AND b.status IN ('booked','attended','no_show')
		          AND date_trunc('month', cs.starts_at) = date_trunc('month', $2::timestamptz))
		FROM memberships ms JOIN membership_plans p ON p.id = ms.plan_id
		WHERE ms.member_id = $1 AND ms.status = 'active'`, memberID, at).Scan(&credits, &used)
	if err != nil {
		return 0, db.NotFound(err, "membership")
	}
	if credits < 0 {
		return 1 << 30, nil
	}
	return credits - used, nil
}

// Book books a member onto a session.
func (s *Service) Book(ctx context.Context, sessionID, memberID string) (models.Booking, error) {
	now := s.now().UTC()
	var b models.Booking
	err := db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		if err := s.store.LockSession(ctx, tx, sessionID); err != nil {
			return err
		}
		cs, err := s.store.Session(ctx, tx, sessionID)
		if err != nil {
			return err
		}
		switch {
		case cs.Cancelled:
			return errs.Conflict("class is cancelled")
		case cs.StartsAt.Before(now):
			return errs.Conflict("class has started")
		case cs.StartsAt.Sub(now) > BookingWindow:
			return errs.Invalid("bookings open 7 days ahead")
		}
		ok, reason, err := s.elig.CanBook(ctx, memberID, cs.ClubID)
		if err != nil {
			return err
		}
		if !ok {
			return errs.Forbidden("cannot book: %s", reason)
		}
		if _, err := s.store.Booking(ctx, tx, sessionID, memberID); err == nil {
			return errs.Conflict("already booked")
		}
		left, err := s.creditsLeft(ctx, tx, memberID, cs.StartsAt)
		if err != nil {
			return err
		}
		if left <= 0 {
			return errs.Forbidden("no class credits left this month")
		}
		if cs.SpacesLeft() <= 0 {
			return errs.Conflict("class is full; join the waitlist")
		}
		b = models.Booking{ID: ids.New(ids.Booking), SessionID: sessionID, MemberID: memberID, Status: "booked", CreatedAt: now}
		return s.store.InsertBooking(ctx, tx, b)
	})
	if err != nil {
		return b, err
	}
	_ = s.bus.Publish(ctx, events.BookingMade, memberID, b)
	return b, nil
}

// Cancel cancels a booking, charging a late fee inside the cutoff.
func (s *Service) Cancel(ctx context.Context, sessionID, memberID string) error {
	cs, err := s.store.Session(ctx, s.db, sessionID)
	if err != nil {
		return err
	}
	b, err := s.store.Booking(ctx, s.db, sessionID, memberID)
	if err != nil {
		return err
	}
	if err := s.store.SetBookingStatus(ctx, s.db, b.ID, "cancelled"); err != nil {
		return err
	}
	if cs.StartsAt.Sub(s.now()) < LateCancelCutoff {
		if err := s.charger.AddCharge(ctx, memberID, models.InvoiceLine{
			Description: "Late cancellation: " + cs.Title + " " + cs.StartsAt.Format("02 Jan 15:04"),
			Quantity:    1, UnitPrice: LateCancelFee, Source: "membership", SourceRef: b.ID,
		}); err != nil {
			return err
		}
	}
	return s.bus.Publish(ctx, events.BookingCancelled, memberID, map[string]any{"session_id": sessionID, "by": "member"})
}

// CheckInToClass marks a booking attended (instructor register).
func (s *Service) CheckInToClass(ctx context.Context, sessionID, memberID string) error {
	b, err := s.store.Booking(ctx, s.db, sessionID, memberID)
	if err != nil {
		return err
	}
	return s.store.SetBookingStatus(ctx, s.db, b.ID, "attended")
}

// ProcessNoShows is a worker job.
func (s *Service) ProcessNoShows(ctx context.Context) error {
	bs, err := s.store.MarkNoShows(ctx, s.now().UTC())
	if err != nil {
		return err
	}
	for _, b := range bs {
		if err := s.charger.AddCharge(ctx, b.MemberID, models.InvoiceLine{
			Description: "Class no-show fee", Quantity: 1, UnitPrice: LateCancelFee, Source: "membership", SourceRef: b.ID,
		}); err != nil {
			return err
		}
		_ = s.bus.Publish(ctx, events.ClassNoShow, b.MemberID, b)
	}
	return nil
}
