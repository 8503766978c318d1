// Package booking is the reservation engine: it prices a stay, takes
// inventory, authorizes payment and confirms the reservation.
package booking

import (
	"context"
	"time"

	"github.com/staybright/platform/internal/model"
	"github.com/staybright/platform/internal/payments"
	"github.com/staybright/platform/internal/pkg/clock"
	"github.com/staybright/platform/internal/pkg/errs"
	"github.com/staybright/platform/internal/pkg/events"
	"github.com/staybright/platform/internal/pkg/ids"
	"github.com/staybright/platform/internal/pkg/log"
	"github.com/staybright/platform/internal/pkg/money"
	"github.com/staybright/platform/internal/service/booking/cancellation"
	"github.com/staybright/platform/internal/service/guest"
	"github.com/staybright/platform/internal/service/pricing"
	"github.com/staybright/platform/internal/store/reservation"
)

// Pricer is the slice of the pricing service booking needs.
type Pricer interface {
	Quote(ctx context.Context, req pricing.QuoteRequest) (*model.Quote, error)
	Plan(ctx context.Context, hotelID int64, code string) (*model.RatePlan, error)
	RedeemPromo(ctx context.Context, code string) error
}

// Inventory holds and releases rooms.
type Inventory interface {
	Reserve(ctx context.Context, hotelID, roomTypeID int64, r clock.Range) error
	Release(ctx context.Context, hotelID, roomTypeID int64, r clock.Range) error
}

// Catalog looks up hotels and room types.
type Catalog interface {
	Hotel(ctx context.Context, id int64) (*model.Hotel, error)
	RoomType(ctx context.Context, id int64) (*model.RoomType, error)
}

// Guests resolves the booker.
type Guests interface {
	FindOrCreate(ctx context.Context, in guest.Input) (*model.Guest, error)
}

// Payments authorizes and settles reservation payments.
type Payments interface {
	Authorize(ctx context.Context, req payments.AuthorizeRequest) (*model.Payment, error)
	Capture(ctx context.Context, paymentID string, amount money.Money) (*model.Payment, error)
	Void(ctx context.Context, paymentID string) error
	ChargePenalty(ctx context.Context, paymentID string, fee money.Money) error
}

// Service is the booking engine.
type Service struct {
	store   *reservation.Store
	pricer  Pricer
	inv     Inventory
	catalog Catalog
	guests  Guests
	pay     Payments
	bus     events.Publisher
	clock   clock.Clock
	log     *log.Logger
}

// Deps groups the collaborators of the booking engine.
type Deps struct {
	Store     *reservation.Store
	Pricer    Pricer
	Inventory Inventory
	Catalog   Catalog
	Guests    Guests
	Payments  Payments
	Bus       events.Publisher
	Clock     clock.Clock
	Log       *log.Logger
}

// New builds the service.
func New(d Deps) *Service {
	return &Service{store: d.Store, pricer: d.Pricer, inv: d.Inventory, catalog: d.Catalog, guests: d.Guests,
		pay: d.Payments, bus: d.Bus, clock: d.Clock, log: d.Log.Component("booking")}
}

// CreateRequest is a new booking.
type CreateRequest struct {
	HotelID         int64       `json:"hotel_id"`
	RoomTypeID      int64       `json:"room_type_id"`
	RatePlanCode    string      `json:"rate_plan_code"`
	CheckIn         string      `json:"check_in"`
	CheckOut        string      `json:"check_out"`
	Adults          int         `json:"adults"`
	Children        int         `json:"children"`
	Guest           guest.Input `json:"guest"`
	CardToken       string      `json:"card_token"`
	PromoCode       string      `json:"promo_code,omitempty"`
	SpecialRequests string      `json:"special_requests,omitempty"`

	// Set by the channel manager for OTA bookings; not accepted from the public API.
	Source     string      `json:"-"`
	ChannelRef string      `json:"-"`
	PrePaid    money.Money `json:"-"` // amount collected by the OTA
}

// Create books a room. On any failure after inventory is taken, the
// inventory is released and the reservation is marked cancelled.
func (s *Service) Create(ctx context.Context, req CreateRequest) (*model.Reservation, error) {
	const op = "booking.Create"
	in, err1 := clock.ParseDate(req.CheckIn)
	out, err2 := clock.ParseDate(req.CheckOut)
	if err1 != nil || err2 != nil {
		return nil, errs.E(errs.Invalid, op, "check_in and check_out must be YYYY-MM-DD")
	}
	stay, err := clock.NewRange(in, out)
	if err != nil {
		return nil, errs.Wrapf(errs.Invalid, err, op, "invalid stay")
	}
	if stay.From.Before(clock.Day(s.clock.Now()).AddDate(0, 0, -1)) {
		return nil, errs.E(errs.Invalid, op, "arrival is in the past")
	}
	if req.Adults < 1 {
		return nil, errs.E(errs.Invalid, op, "at least one adult is required")
	}
	rt, err := s.catalog.RoomType(ctx, req.RoomTypeID)
	if err != nil {
		return nil, err
	}
	if rt.HotelID != req.HotelID {
		return nil, errs.E(errs.Invalid, op, "room type does not belong to hotel")
	}
	if req.Adults+req.Children > rt.MaxOccupancy {
		return nil, errs.E(errs.Invalid, op, "too many guests for this room type")
	}
	g, err := s.guests.FindOrCreate(ctx, req.Guest)
	if err != nil {
		return nil, err
	}
	if req.Source == "" {
		req.Source = model.SourceDirect
	}
	quote, err := s.pricer.Quote(ctx, pricing.QuoteRequest{
		HotelID: req.HotelID, RoomTypeID: req.RoomTypeID, RatePlanCode: req.RatePlanCode,
		Stay: stay, Tier: g.Tier, PromoCode: req.PromoCode,
	})
	if err != nil {
		return nil, err
	}
	total := quote.Total
	if !req.PrePaid.IsZero() {
		total = req.PrePaid // OTA price wins; the difference is the OTA's commission problem
	}
	if err := s.inv.Reserve(ctx, req.HotelID, req.RoomTypeID, stay); err != nil {
		return nil, err
	}
	r := &model.Reservation{
		ID: ids.New("res"), ConfirmationCode: ids.ConfirmationCode(), HotelID: req.HotelID, RoomTypeID: req.RoomTypeID,
		GuestID: g.ID, CheckIn: stay.From, CheckOut: stay.To, Adults: req.Adults, Children: req.Children,
		Status: model.StatusPending, Source: req.Source, ChannelRef: req.ChannelRef, RatePlanCode: quote.RatePlanCode,
		PromoCode: quote.PromoApplied, TotalCents: total.Cents, Currency: total.Currency, SpecialRequests: req.SpecialRequests,
	}
	if err := s.store.Create(ctx, s.store.DB(), r); err != nil {
		s.releaseQuietly(ctx, r)
		return nil, err
	}
	if r.Source == model.SourceDirect {
		if err := s.authorize(ctx, r, g, req.CardToken, quote.Refundable); err != nil {
			s.abandon(ctx, r, "payment failed")
			return nil, err
		}
	}
	if err := s.store.Transition(ctx, r.ID, []model.ReservationStatus{model.StatusPending}, model.StatusConfirmed, ""); err != nil {
		s.abandon(ctx, r, "confirmation failed")
		return nil, err
	}
	r.Status = model.StatusConfirmed
	if r.PromoCode != "" {
		if err := s.pricer.RedeemPromo(ctx, r.PromoCode); err != nil {
			s.log.Warn("promo redemption failed after booking", "reservation_id", r.ID, "err", err)
		}
	}
	s.log.Info("reservation confirmed", "reservation_id", r.ID, "hotel_id", r.HotelID, "source", r.Source)
	s.bus.Publish(ctx, model.ReservationConfirmed{Reservation: *r})
	return r, nil
}

func (s *Service) authorize(ctx context.Context, r *model.Reservation, g *model.Guest, card string, refundable bool) error {
	amount := money.New(r.TotalCents, r.Currency)
	p, err := s.pay.Authorize(ctx, payments.AuthorizeRequest{
		ReservationID: r.ID, GuestID: g.ID, Email: g.Email, Amount: amount, CardToken: card,
	})
	if err != nil {
		return err
	}
	r.PaymentID = p.ID
	if err := s.store.SetPayment(ctx, r.ID, p.ID); err != nil {
		return err
	}
	if !refundable {
		// Non-refundable rates are charged at booking.
		if _, err := s.pay.Capture(ctx, p.ID, amount); err != nil {
			return err
		}
	}
	return nil
}

func (s *Service) abandon(ctx context.Context, r *model.Reservation, reason string) {
	if err := s.store.Transition(ctx, r.ID, []model.ReservationStatus{model.StatusPending}, model.StatusCancelled, reason); err != nil {
		s.log.Error("could not abandon reservation", "reservation_id", r.ID, "err", err)
	}
	s.releaseQuietly(ctx, r)
}

func (s *Service) releaseQuietly(ctx context.Context, r *model.Reservation) {
	if err := s.inv.Release(ctx, r.HotelID, r.RoomTypeID, clock.Range{From: r.CheckIn, To: r.CheckOut}); err != nil {
		s.log.Error("inventory release failed", "reservation_id", r.ID, "err", err)
	}
}

// Get returns a reservation by id.
func (s *Service) Get(ctx context.Context, id string) (*model.Reservation, error) {
	return s.store.Get(ctx, id)
}

// GetByCode returns a reservation by confirmation code.
func (s *Service) GetByCode(ctx context.Context, code string) (*model.Reservation, error) {
	return s.store.GetByCode(ctx, code)
}

// GetByChannelRef returns an OTA-imported reservation.
func (s *Service) GetByChannelRef(ctx context.Context, source, ref string) (*model.Reservation, error) {
	return s.store.GetByChannelRef(ctx, source, ref)
}

func (s *Service) decide(ctx context.Context, r *model.Reservation) (cancellation.Decision, error) {
	plan, err := s.pricer.Plan(ctx, r.HotelID, r.RatePlanCode)
	if err != nil {
		return cancellation.Decision{}, err
	}
	h, err := s.catalog.Hotel(ctx, r.HotelID)
	if err != nil {
		return cancellation.Decision{}, err
	}
	return cancellation.Evaluate(*r, plan, h, s.clock.Now()), nil
}

// Cancel cancels a reservation, charging any penalty. waivedBy, when set,
// is the staff member waiving the fee.
func (s *Service) Cancel(ctx context.Context, id, reason, waivedBy string) (*cancellation.Decision, error) {
	r, err := s.store.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if r.Status != model.StatusConfirmed {
		return nil, errs.E(errs.Conflict, "booking.Cancel", "only confirmed reservations can be cancelled")
	}
	var d cancellation.Decision
	if waivedBy != "" {
		d = cancellation.Waived(*r, waivedBy)
	} else if d, err = s.decide(ctx, r); err != nil {
		return nil, err
	}
	if err := s.finish(ctx, r, model.StatusCancelled, reason, d); err != nil {
		return nil, err
	}
	return &d, nil
}

// MarkNoShow closes a reservation whose guest never arrived.
func (s *Service) MarkNoShow(ctx context.Context, r *model.Reservation) error {
	plan, err := s.pricer.Plan(ctx, r.HotelID, r.RatePlanCode)
	if err != nil {
		return err
	}
	return s.finish(ctx, r, model.StatusNoShow, "no-show", cancellation.NoShow(*r, plan))
}

func (s *Service) finish(ctx context.Context, r *model.Reservation, status model.ReservationStatus, reason string, d cancellation.Decision) error {
	if err := s.store.Transition(ctx, r.ID, []model.ReservationStatus{model.StatusConfirmed}, status, reason); err != nil {
		return err
	}
	r.Status, r.CancelReason = status, reason
	s.releaseQuietly(ctx, r)
	if r.PaymentID != "" {
		if err := s.pay.ChargePenalty(ctx, r.PaymentID, d.Penalty); err != nil && !errs.Is(err, errs.Conflict) {
			s.log.Error("penalty charge failed", "reservation_id", r.ID, "err", err)
		}
	}
	s.bus.Publish(ctx, model.ReservationCancelled{Reservation: *r, PenaltyCents: d.Penalty.Cents})
	return nil
}

// ExpirePending abandons reservations stuck in pending (browser closed
// during 3-D Secure, PSP timeouts). Returns how many were expired.
func (s *Service) ExpirePending(ctx context.Context, ttl time.Duration) (int, error) {
	stale, err := s.store.PendingOlderThan(ctx, s.clock.Now().Add(-ttl))
	if err != nil {
		return 0, err
	}
	for i := range stale {
		r := &stale[i]
		if r.PaymentID != "" {
			if err := s.pay.Void(ctx, r.PaymentID); err != nil {
				s.log.Warn("void failed for stale reservation", "reservation_id", r.ID, "err", err)
			}
		}
		s.abandon(ctx, r, "expired while pending")
	}
	return len(stale), nil
}
