// Package service implements the trip lifecycle: request, match, start,
// complete and cancel.
package service

import (
	"context"
	"fmt"
	"time"

	"github.com/zipcab/backend/app/common/entity"
	driverservice "github.com/zipcab/backend/app/driver/service"
	"github.com/zipcab/backend/app/trip/model"
	"github.com/zipcab/backend/app/trip/repository"
	"github.com/zipcab/backend/modules/pricing"
	"github.com/zipcab/backend/modules/promotions"
	"github.com/zipcab/backend/pkg/auth"
	"github.com/zipcab/backend/pkg/errs"
	"github.com/zipcab/backend/pkg/events"
	"github.com/zipcab/backend/pkg/geo"
	"github.com/zipcab/backend/pkg/log"
	"github.com/zipcab/backend/pkg/money"
)

// PaymentAuthorizer places a hold on the rider's payment method.
type PaymentAuthorizer interface {
	Authorize(ctx context.Context, riderID, methodID, tripID int64, amount money.Money) error
}

// TripService coordinates trips across pricing, drivers and payments.
type TripService struct {
	repo     *repository.TripRepository
	pricing  *pricing.Service
	promos   *promotions.Service
	drivers  *driverservice.DriverService
	payments PaymentAuthorizer
	pub      events.Publisher
	now      func() time.Time
}

// New returns a trip service.
func New(repo *repository.TripRepository, pr *pricing.Service, promos *promotions.Service,
	drivers *driverservice.DriverService, payments PaymentAuthorizer, pub events.Publisher) *TripService {
	return &TripService{repo: repo, pricing: pr, promos: promos, drivers: drivers, payments: payments, pub: pub, now: time.Now}
}

// Request books a trip from a quote.
func (s *TripService) Request(ctx context.Context, riderID int64, in model.RequestInput) (entity.Trip, error) {
	q, err := s.pricing.Quote(ctx, in.QuoteID, riderID)
	if err != nil {
		return entity.Trip{}, err
	}
	fare := q.Fare
	if in.PromoCode != "" {
		d, err := s.promos.Discount(ctx, riderID, in.PromoCode, fare.Total, false)
		if err != nil {
			return entity.Trip{}, err
		}
		fare.Discount = d
		fare.Total = fare.Total.Sub(d)
	}
	t := entity.Trip{
		RiderID: riderID, RideType: q.RideType, Status: entity.TripRequested,
		Pickup: q.Pickup, Dropoff: q.Dropoff, PickupAddress: in.PickupAddress, DropoffAddress: in.DropoffAddress,
		QuoteID: q.ID, Fare: fare, PromoCode: in.PromoCode, PaymentMethod: in.PaymentMethodID,
		DistanceKm: q.DistanceKm, DurationMin: q.DurationMin, RequestedAt: s.now(),
	}
	if t.ID, err = s.repo.Create(ctx, t); err != nil {
		return entity.Trip{}, err
	}
	if err := s.payments.Authorize(ctx, riderID, in.PaymentMethodID, t.ID, fare.Total); err != nil {
		_ = s.repo.Transition(ctx, t.ID, entity.TripCancelled, "system", map[string]any{
			"cancelled_at": s.now(), "cancel_reason": "payment_authorization_failed"})
		return entity.Trip{}, err
	}
	return t, s.pub.Publish(ctx, events.TripRequested, key(t.ID), entity.TripRequestedEvent{
		TripID: t.ID, RiderID: riderID, RideType: t.RideType, Pickup: t.Pickup, Attempt: 1,
	})
}

// CreateDeliveryLeg creates a courier trip for a food order; the order is
// already paid, so no authorization is needed.
func (s *TripService) CreateDeliveryLeg(ctx context.Context, orderID, eaterID int64, pickup, dropoff geo.Point, fee money.Money) (entity.Trip, error) {
	t := entity.Trip{
		RiderID: eaterID, RideType: entity.RideCourier, Status: entity.TripRequested, Pickup: pickup, Dropoff: dropoff,
		Fare: entity.FareBreakdown{Base: fee, Total: fee, SurgeMult: 1, Discount: money.Zero(fee.Currency),
			BookingFee: money.Zero(fee.Currency), Distance: money.Zero(fee.Currency), Time: money.Zero(fee.Currency)},
		FoodOrderID: orderID, DistanceKm: geo.HaversineKm(pickup, dropoff) * 1.3, RequestedAt: s.now(),
	}
	var err error
	if t.ID, err = s.repo.Create(ctx, t); err != nil {
		return t, err
	}
	return t, s.pub.Publish(ctx, events.TripRequested, key(t.ID), entity.TripRequestedEvent{
		TripID: t.ID, RiderID: eaterID, RideType: entity.RideCourier, Pickup: pickup, Attempt: 1,
	})
}

// Get returns a trip visible to the principal.
func (s *TripService) Get(ctx context.Context, p auth.Principal, id int64) (entity.Trip, error) {
	t, err := s.repo.Get(ctx, id)
	if err != nil {
		return t, err
	}
	if p.Role == auth.RoleAdmin || p.Role == auth.RoleSupport {
		return t, nil
	}
	if p.Role == auth.RoleRider && t.RiderID == p.UserID {
		return t, nil
	}
	if p.Role == auth.RoleDriver {
		d, err := s.drivers.ForUser(ctx, p.UserID)
		if err == nil && d.ID == t.DriverID {
			return t, nil
		}
	}
	return entity.Trip{}, errs.NotFound("trip.get", "trip")
}

// AcceptOffer assigns the trip to the driver who accepted.
func (s *TripService) AcceptOffer(ctx context.Context, driverID, offerID int64) (entity.Trip, error) {
	o, err := s.repo.GetOffer(ctx, offerID)
	if err != nil {
		return entity.Trip{}, err
	}
	if o.DriverID != driverID {
		return entity.Trip{}, errs.Forbidden("trip.accept_offer")
	}
	if s.now().After(o.ExpiresAt) {
		_ = s.repo.ResolveOffer(ctx, o.ID, model.OfferTimedOut)
		return entity.Trip{}, errs.Conflict("trip.accept_offer", "offer expired")
	}
	if err := s.repo.ResolveOffer(ctx, o.ID, model.OfferAccepted); err != nil {
		return entity.Trip{}, err
	}
	if err := s.drivers.MarkOnTrip(ctx, driverID); err != nil {
		return entity.Trip{}, err
	}
	if err := s.repo.Transition(ctx, o.TripID, entity.TripMatched, actor("driver", driverID),
		map[string]any{"driver_id": driverID, "matched_at": s.now()}); err != nil {
		_ = s.drivers.MarkAvailable(ctx, driverID)
		return entity.Trip{}, err
	}
	t, err := s.repo.Get(ctx, o.TripID)
	if err != nil {
		return t, err
	}
	return t, s.pub.Publish(ctx, events.TripMatched, key(t.ID), entity.TripMatchedEvent{
		TripID: t.ID, RiderID: t.RiderID, DriverID: driverID, ETAMin: o.ETAMin,
	})
}

// DeclineOffer records a decline and re-dispatches.
func (s *TripService) DeclineOffer(ctx context.Context, driverID, offerID int64) error {
	o, err := s.repo.GetOffer(ctx, offerID)
	if err != nil {
		return err
	}
	if o.DriverID != driverID {
		return errs.Forbidden("trip.decline_offer")
	}
	if err := s.repo.ResolveOffer(ctx, o.ID, model.OfferDeclined); err != nil {
		return err
	}
	return s.Redispatch(ctx, o.TripID, o.Attempt+1)
}

// Redispatch publishes another trip.requested for the matcher.
func (s *TripService) Redispatch(ctx context.Context, tripID int64, attempt int) error {
	t, err := s.repo.Get(ctx, tripID)
	if err != nil {
		return err
	}
	if t.Status != entity.TripRequested {
		return nil
	}
	return s.pub.Publish(ctx, events.TripRequested, key(t.ID), entity.TripRequestedEvent{
		TripID: t.ID, RiderID: t.RiderID, RideType: t.RideType, Pickup: t.Pickup, Attempt: attempt,
	})
}

// Start begins the ride.
func (s *TripService) Start(ctx context.Context, driverID, tripID int64) error {
	if err := s.ownDriver(ctx, driverID, tripID); err != nil {
		return err
	}
	if err := s.repo.Transition(ctx, tripID, entity.TripOnTrip, actor("driver", driverID), map[string]any{"started_at": s.now()}); err != nil {
		return err
	}
	return s.pub.Publish(ctx, events.TripStarted, key(tripID), map[string]int64{"trip_id": tripID, "driver_id": driverID})
}

// Complete finishes the ride, computes the final fare and frees the driver.
func (s *TripService) Complete(ctx context.Context, driverID, tripID int64, in model.CompleteInput) (entity.Trip, error) {
	t, err := s.repo.Get(ctx, tripID)
	if err != nil {
		return t, err
	}
	if t.DriverID != driverID {
		return t, errs.Forbidden("trip.complete")
	}
	t.DistanceKm, t.DurationMin = in.DistanceKm, in.DurationMin
	fare, err := s.pricing.FinalFare(ctx, t)
	if err != nil {
		log.From(ctx).Warn("final fare failed, using upfront", "trip_id", tripID, "err", err)
		fare = t.Fare
	}
	now := s.now()
	if err := s.repo.Transition(ctx, tripID, entity.TripCompleted, actor("driver", driverID), map[string]any{
		"completed_at": now, "distance_km": in.DistanceKm, "duration_min": in.DurationMin,
		"total_amount": fare.Total.Amount, "discount_amount": fare.Discount.Amount,
	}); err != nil {
		return t, err
	}
	if err := s.drivers.MarkAvailable(ctx, driverID); err != nil {
		log.From(ctx).Error("driver not released", "driver_id", driverID, "err", err)
	}
	t.Status, t.Fare, t.CompletedAt = entity.TripCompleted, fare, &now
	return t, s.pub.Publish(ctx, events.TripCompleted, key(t.ID), entity.TripCompletedEvent{
		TripID: t.ID, RiderID: t.RiderID, DriverID: driverID, FoodOrderID: t.FoodOrderID, Fare: fare,
		PaymentMethod: t.PaymentMethod, PromoCode: t.PromoCode, CompletedAt: now,
	})
}

// Cancel cancels a trip on behalf of the rider or driver.
func (s *TripService) Cancel(ctx context.Context, p auth.Principal, tripID int64, reason string) error {
	t, err := s.Get(ctx, p, tripID)
	if err != nil {
		return err
	}
	by := string(p.Role)
	fee := money.Zero(t.Fare.Total.Currency)
	if p.Role == auth.RoleRider {
		if fee, err = s.pricing.CancellationFee(ctx, t, s.now()); err != nil {
			return err
		}
	}
	if err := s.repo.Transition(ctx, tripID, entity.TripCancelled, actor(by, p.UserID),
		map[string]any{"cancelled_at": s.now(), "cancel_reason": reason}); err != nil {
		return err
	}
	if t.DriverID != 0 {
		if err := s.drivers.MarkAvailable(ctx, t.DriverID); err != nil {
			log.From(ctx).Error("driver not released", "driver_id", t.DriverID, "err", err)
		}
	}
	return s.pub.Publish(ctx, events.TripCancelled, key(tripID), entity.TripCancelledEvent{
		TripID: tripID, RiderID: t.RiderID, DriverID: t.DriverID, By: by, Reason: reason, CancelFee: fee,
	})
}

// Expire gives up on an unmatched trip.
func (s *TripService) Expire(ctx context.Context, t entity.Trip) error {
	if err := s.repo.Transition(ctx, t.ID, entity.TripExpired, "system", map[string]any{
		"cancelled_at": s.now(), "cancel_reason": "no_drivers"}); err != nil {
		return err
	}
	return s.pub.Publish(ctx, events.TripExpired, key(t.ID), entity.TripCancelledEvent{
		TripID: t.ID, RiderID: t.RiderID, By: "system", Reason: "no_drivers", CancelFee: money.Zero(t.Fare.Total.Currency),
	})
}

func (s *TripService) ownDriver(ctx context.Context, driverID, tripID int64) error {
	t, err := s.repo.Get(ctx, tripID)
	if err != nil {
		return err
	}
	if t.DriverID != driverID {
		return errs.Forbidden("trip.own_driver")
	}
	return nil
}

func key(tripID int64) string { return fmt.Sprintf("trip:%d", tripID) }

func actor(role string, id int64) string { return fmt.Sprintf("%s:%d", role, id) }
