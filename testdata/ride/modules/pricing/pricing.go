// Package pricing produces upfront fare quotes, final fares, delivery fees and
// cancellation fees. Surge lives in the surge sub-package.
package pricing

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"math"
	"time"

	"github.com/zipcab/backend/app/common/entity"
	"github.com/zipcab/backend/modules/pricing/surge"
	"github.com/zipcab/backend/pkg/db"
	"github.com/zipcab/backend/pkg/errs"
	"github.com/zipcab/backend/pkg/geo"
	"github.com/zipcab/backend/pkg/money"
)

// RouteEstimator provides driving distance and time (implemented by the maps client).
type RouteEstimator interface {
	DistanceAndDuration(ctx context.Context, a, b geo.Point) (km, minutes float64, err error)
}

// FareRule is a row of fare_rules.
type FareRule struct {
	City       string
	RideType   entity.RideType
	Currency   string
	Base       int64
	PerKm      int64
	PerMin     int64
	MinFare    int64
	BookingFee int64
	CancelFee  int64
}

// Quote is an upfront price shown to the rider before requesting.
type Quote struct {
	ID          string               `json:"id"`
	RiderID     int64                `json:"rider_id"`
	RideType    entity.RideType      `json:"ride_type"`
	Pickup      geo.Point            `json:"pickup"`
	Dropoff     geo.Point            `json:"dropoff"`
	DistanceKm  float64              `json:"distance_km"`
	DurationMin float64              `json:"duration_min"`
	Fare        entity.FareBreakdown `json:"fare"`
	ExpiresAt   time.Time            `json:"expires_at"`
}

const quoteTTL = 5 * time.Minute

// Service is the pricing engine.
type Service struct {
	conn   *sql.DB
	surge  *surge.Store
	routes RouteEstimator
	city   func(geo.Point) string
}

// New returns a pricing service. cityOf maps a point to a market code.
func New(conn *sql.DB, s *surge.Store, routes RouteEstimator, cityOf func(geo.Point) string) *Service {
	return &Service{conn: conn, surge: s, routes: routes, city: cityOf}
}

// Estimate prices a prospective trip and persists the quote.
func (s *Service) Estimate(ctx context.Context, riderID int64, pickup, dropoff geo.Point, rt entity.RideType) (Quote, error) {
	if !pickup.Valid() || !dropoff.Valid() {
		return Quote{}, errs.Invalid("pricing.estimate", "invalid pickup or dropoff")
	}
	rule, err := s.rule(ctx, s.city(pickup), rt)
	if err != nil {
		return Quote{}, err
	}
	km, mins, err := s.routes.DistanceAndDuration(ctx, pickup, dropoff)
	if err != nil {
		return Quote{}, errs.Unavailable("pricing.estimate", "routing unavailable")
	}
	mult, err := s.surge.MultiplierAt(ctx, pickup)
	if err != nil {
		mult = 1
	}
	q := Quote{
		ID: newQuoteID(), RiderID: riderID, RideType: rt, Pickup: pickup, Dropoff: dropoff,
		DistanceKm: km, DurationMin: mins, Fare: compute(rule, km, mins, mult),
		ExpiresAt: time.Now().Add(quoteTTL),
	}
	_, err = db.Conn(ctx, s.conn).ExecContext(ctx,
		`INSERT INTO fare_quotes (id, rider_id, ride_type, pickup_lat, pickup_lng, dropoff_lat, dropoff_lng,
		   distance_km, duration_min, surge_multiplier, total_amount, currency, expires_at)
		 VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)`,
		q.ID, riderID, rt, pickup.Lat, pickup.Lng, dropoff.Lat, dropoff.Lng, km, mins, mult,
		q.Fare.Total.Amount, q.Fare.Total.Currency, q.ExpiresAt)
	if err != nil {
		return Quote{}, errs.Wrap("pricing.estimate", err)
	}
	return q, nil
}

// Quote loads a non-expired quote belonging to riderID.
func (s *Service) Quote(ctx context.Context, id string, riderID int64) (Quote, error) {
	var q Quote
	var mult float64
	err := db.Conn(ctx, s.conn).QueryRowContext(ctx,
		`SELECT id, rider_id, ride_type, pickup_lat, pickup_lng, dropoff_lat, dropoff_lng,
		   distance_km, duration_min, surge_multiplier, expires_at
		 FROM fare_quotes WHERE id = $1`, id).
		Scan(&q.ID, &q.RiderID, &q.RideType, &q.Pickup.Lat, &q.Pickup.Lng, &q.Dropoff.Lat, &q.Dropoff.Lng,
			&q.DistanceKm, &q.DurationMin, &mult, &q.ExpiresAt)
	if db.IsNoRows(err) {
		return q, errs.NotFound("pricing.quote", "quote")
	}
	if err != nil {
		return q, errs.Wrap("pricing.quote", err)
	}
	if q.RiderID != riderID {
		return q, errs.Forbidden("pricing.quote")
	}
	if time.Now().After(q.ExpiresAt) {
		return q, errs.Conflict("pricing.quote", "quote expired, please re-estimate")
	}
	rule, err := s.rule(ctx, s.city(q.Pickup), q.RideType)
	if err != nil {
		return q, err
	}
	q.Fare = compute(rule, q.DistanceKm, q.DurationMin, mult)
	return q, nil
}

// FinalFare reprices a trip at completion. Upfront price holds unless the
// actual route deviates by more than 25% (detours, stops).
func (s *Service) FinalFare(ctx context.Context, t entity.Trip) (entity.FareBreakdown, error) {
	upfront := t.Fare
	if t.DistanceKm == 0 || upfront.Total.IsZero() {
		return upfront, nil
	}
	rule, err := s.rule(ctx, s.city(t.Pickup), t.RideType)
	if err != nil {
		return upfront, err
	}
	actual := compute(rule, t.DistanceKm, t.DurationMin, upfront.SurgeMult)
	dev := math.Abs(float64(actual.Total.Amount-upfront.Total.Amount)) / float64(upfront.Total.Amount)
	if dev <= 0.25 {
		return upfront, nil
	}
	actual.Discount = upfront.Discount
	actual.Total = money.Max(actual.Total.Sub(actual.Discount), money.Zero(actual.Total.Currency))
	return actual, nil
}

// DeliveryFee prices the courier leg of a food order (no surge on food yet).
func (s *Service) DeliveryFee(ctx context.Context, restaurant, customer geo.Point) (money.Money, error) {
	rule, err := s.rule(ctx, s.city(restaurant), entity.RideCourier)
	if err != nil {
		return money.Money{}, err
	}
	km := geo.HaversineKm(restaurant, customer) * 1.3
	fee := rule.Base + int64(math.Round(km*float64(rule.PerKm)))
	return money.New(max(fee, rule.MinFare), rule.Currency), nil
}

// CancellationFee returns the fee for a rider cancelling after a match.
func (s *Service) CancellationFee(ctx context.Context, t entity.Trip, now time.Time) (money.Money, error) {
	rule, err := s.rule(ctx, s.city(t.Pickup), t.RideType)
	if err != nil {
		return money.Money{}, err
	}
	if t.MatchedAt == nil || now.Sub(*t.MatchedAt) < 2*time.Minute {
		return money.Zero(rule.Currency), nil
	}
	return money.New(rule.CancelFee, rule.Currency), nil
}

func (s *Service) rule(ctx context.Context, city string, rt entity.RideType) (FareRule, error) {
	r := FareRule{City: city, RideType: rt}
	err := db.Conn(ctx, s.conn).QueryRowContext(ctx,
		`SELECT currency, base_amount, per_km, per_min, min_fare, booking_fee, cancel_fee
		 FROM fare_rules WHERE city = $1 AND ride_type = $2 AND active`, city, rt).
		Scan(&r.Currency, &r.Base, &r.PerKm, &r.PerMin, &r.MinFare, &r.BookingFee, &r.CancelFee)
	if db.IsNoRows(err) {
		return r, errs.Invalid("pricing.rule", "ride type "+string(rt)+" not offered in "+city)
	}
	return r, errs.Wrap("pricing.rule", err)
}

func compute(r FareRule, km, mins, mult float64) entity.FareBreakdown {
	if mult < 1 {
		mult = 1
	}
	base := money.New(r.Base, r.Currency)
	dist := money.New(int64(math.Round(km*float64(r.PerKm))), r.Currency)
	tm := money.New(int64(math.Round(mins*float64(r.PerMin))), r.Currency)
	fee := money.New(r.BookingFee, r.Currency)
	sub := base.Add(dist).Add(tm).MulFloat(mult)
	sub = money.Max(sub, money.New(r.MinFare, r.Currency))
	return entity.FareBreakdown{
		Base: base, Distance: dist, Time: tm, SurgeMult: mult, BookingFee: fee,
		Discount: money.Zero(r.Currency), Total: sub.Add(fee),
	}
}

func newQuoteID() string {
	var b [10]byte
	_, _ = rand.Read(b[:])
	return "q_" + hex.EncodeToString(b[:])
}
