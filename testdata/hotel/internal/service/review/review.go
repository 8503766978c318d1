// Package review collects, moderates and publishes guest reviews.
package review

import (
	"context"
	"strings"
	"time"

	"github.com/staybright/platform/internal/model"
	paystore "github.com/staybright/platform/internal/payments/store"
	"github.com/staybright/platform/internal/pkg/clock"
	"github.com/staybright/platform/internal/pkg/errs"
	"github.com/staybright/platform/internal/pkg/ids"
	"github.com/staybright/platform/internal/pkg/log"
	reviewstore "github.com/staybright/platform/internal/store/review"
)

// ReviewWindow is how long after check-out a guest may review.
const ReviewWindow = 60 * 24 * time.Hour

// Stays looks up reservations.
type Stays interface {
	Get(ctx context.Context, id string) (*model.Reservation, error)
}

// Service is the reviews service.
type Service struct {
	store    *reviewstore.Store
	stays    Stays
	payments *paystore.Store
	clock    clock.Clock
	log      *log.Logger
}

// New builds the service.
func New(s *reviewstore.Store, stays Stays, ps *paystore.Store, c clock.Clock, l *log.Logger) *Service {
	return &Service{store: s, stays: stays, payments: ps, clock: c, log: l.Component("review")}
}

// SubmitRequest is a new review.
type SubmitRequest struct {
	ReservationID string `json:"reservation_id"`
	GuestID       string `json:"guest_id"`
	Rating        int    `json:"rating"`
	Cleanliness   int    `json:"cleanliness"`
	Service       int    `json:"service"`
	Title         string `json:"title"`
	Body          string `json:"body"`
}

var flagged = []string{"lawsuit", "police", "bedbug", "bed bug", "food poisoning"}

// Submit validates eligibility and stores a review. Reviews mentioning
// sensitive topics are held for moderation; others publish immediately.
func (s *Service) Submit(ctx context.Context, req SubmitRequest) (*model.Review, error) {
	const op = "review.Submit"
	for _, v := range []int{req.Rating, req.Cleanliness, req.Service} {
		if v < 1 || v > 5 {
			return nil, errs.E(errs.Invalid, op, "ratings must be between 1 and 5")
		}
	}
	if len(req.Body) < 20 || len(req.Body) > 5000 {
		return nil, errs.E(errs.Invalid, op, "review must be between 20 and 5000 characters")
	}
	res, err := s.stays.Get(ctx, req.ReservationID)
	if err != nil {
		return nil, err
	}
	if res.GuestID != req.GuestID {
		return nil, errs.E(errs.Forbidden, op, "not your reservation")
	}
	if res.Status != model.StatusCheckedOut {
		return nil, errs.E(errs.Invalid, op, "you can review after your stay")
	}
	if s.clock.Now().Sub(res.CheckOut) > ReviewWindow {
		return nil, errs.E(errs.Invalid, op, "the review window for this stay has closed")
	}
	// Only verified, paid stays count (comp stays and staff rates are excluded).
	paid, err := s.payments.HasCapturedPayment(ctx, res.ID)
	if err != nil {
		return nil, err
	}
	if !paid && res.Source == model.SourceDirect {
		return nil, errs.E(errs.Invalid, op, "only paid stays can be reviewed")
	}
	rv := &model.Review{
		ID: ids.New("rev"), HotelID: res.HotelID, ReservationID: res.ID, GuestID: res.GuestID,
		Rating: req.Rating, Cleanliness: req.Cleanliness, Service: req.Service,
		Title: strings.TrimSpace(req.Title), Body: strings.TrimSpace(req.Body), Status: model.ReviewPublished,
	}
	lower := strings.ToLower(rv.Title + " " + rv.Body)
	for _, w := range flagged {
		if strings.Contains(lower, w) {
			rv.Status = model.ReviewPending
			break
		}
	}
	if err := s.store.Create(ctx, rv); err != nil {
		return nil, err
	}
	return rv, nil
}

// Published lists a hotel's published reviews.
func (s *Service) Published(ctx context.Context, hotelID int64, limit, offset int) ([]model.Review, error) {
	return s.store.Published(ctx, hotelID, limit, offset)
}

// Score returns a hotel's aggregate score.
func (s *Service) Score(ctx context.Context, hotelID int64) (*reviewstore.Score, error) {
	return s.store.Aggregate(ctx, hotelID)
}

// Moderate approves or rejects a held review.
func (s *Service) Moderate(ctx context.Context, id string, approve bool) error {
	st := model.ReviewRejected
	if approve {
		st = model.ReviewPublished
	}
	return s.store.SetStatus(ctx, id, st)
}

// Respond publishes the hotel's answer.
func (s *Service) Respond(ctx context.Context, id, text, staffID string) error {
	rv, err := s.store.Get(ctx, id)
	if err != nil {
		return err
	}
	if rv.Status != model.ReviewPublished {
		return errs.E(errs.Conflict, "review.Respond", "only published reviews can be answered")
	}
	text = strings.TrimSpace(text)
	if text == "" || len(text) > 2000 {
		return errs.E(errs.Invalid, "review.Respond", "response must be 1-2000 characters")
	}
	return s.store.SetResponse(ctx, id, text, staffID)
}

// HotelOf returns the hotel a review belongs to (used for staff auth checks).
func (s *Service) HotelOf(ctx context.Context, id string) (int64, error) {
	rv, err := s.store.Get(ctx, id)
	if err != nil {
		return 0, err
	}
	return rv.HotelID, nil
}
