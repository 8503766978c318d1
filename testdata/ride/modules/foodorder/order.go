// Package foodorder owns the Zipcab Eats order lifecycle, from checkout to
// delivery. The courier leg is a regular trip with ride type "courier".
package foodorder

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	paymentservice "github.com/zipcab/backend/app/payment/service"
	"github.com/zipcab/backend/app/restaurant/model"
	restaurantservice "github.com/zipcab/backend/app/restaurant/service"
	"github.com/zipcab/backend/modules/pricing"
	"github.com/zipcab/backend/modules/promotions"
	"github.com/zipcab/backend/modules/wallet"
	"github.com/zipcab/backend/pkg/errs"
	"github.com/zipcab/backend/pkg/events"
	"github.com/zipcab/backend/pkg/geo"
	"github.com/zipcab/backend/pkg/money"
)

// Status of an order.
type Status string

const (
	StatusPlaced    Status = "placed"
	StatusAccepted  Status = "accepted"
	StatusReady     Status = "ready"
	StatusPickedUp  Status = "picked_up"
	StatusDelivered Status = "delivered"
	StatusRejected  Status = "rejected"
	StatusCancelled Status = "cancelled"
)

// Order is a row of food_orders.
type Order struct {
	ID            int64     `db:"id" json:"id"`
	EaterID       int64     `db:"eater_id" json:"eater_id"`
	RestaurantID  int64     `db:"restaurant_id" json:"restaurant_id"`
	Status        Status    `db:"status" json:"status"`
	LinesJSON     []byte    `db:"lines" json:"-"`
	Subtotal      int64     `db:"subtotal" json:"subtotal"`
	DeliveryFee   int64     `db:"delivery_fee" json:"delivery_fee"`
	ServiceFee    int64     `db:"service_fee" json:"service_fee"`
	Discount      int64     `db:"discount" json:"discount"`
	Total         int64     `db:"total" json:"total"`
	Currency      string    `db:"currency" json:"currency"`
	PaidWith      string    `db:"paid_with" json:"paid_with"`
	PromoCode     string    `db:"promo_code" json:"promo_code,omitempty"`
	DropoffLat    float64   `db:"dropoff_lat" json:"dropoff_lat"`
	DropoffLng    float64   `db:"dropoff_lng" json:"dropoff_lng"`
	DropoffAddr   string    `db:"dropoff_address" json:"dropoff_address"`
	CourierTripID int64     `db:"courier_trip_id" json:"courier_trip_id,omitempty"`
	CourierID     int64     `db:"courier_id" json:"courier_id,omitempty"`
	PlacedAt      time.Time `db:"placed_at" json:"placed_at"`
	UpdatedAt     time.Time `db:"updated_at" json:"updated_at"`

	Lines []model.PricedLine `db:"-" json:"lines"`
}

// Dropoff returns the delivery point.
func (o Order) Dropoff() geo.Point { return geo.Point{Lat: o.DropoffLat, Lng: o.DropoffLng} }

// PlaceInput is the checkout request.
type PlaceInput struct {
	RestaurantID    int64        `json:"restaurant_id"`
	Lines           []model.Line `json:"lines"`
	Dropoff         geo.Point    `json:"dropoff"`
	DropoffAddress  string       `json:"dropoff_address"`
	PaymentMethodID int64        `json:"payment_method_id"`
	PayWithWallet   bool         `json:"pay_with_wallet"`
	PromoCode       string       `json:"promo_code,omitempty"`
}

// ServiceFeePct is the eater-side service fee.
const ServiceFeePct = 10.0

// Service manages orders.
type Service struct {
	db          *sqlx.DB
	restaurants *restaurantservice.RestaurantService
	pricing     *pricing.Service
	promos      *promotions.Service
	payments    *paymentservice.PaymentService
	wallet      *wallet.Service
	pub         events.Publisher
}

// New returns the order service.
func New(db *sqlx.DB, rs *restaurantservice.RestaurantService, pr *pricing.Service, promos *promotions.Service,
	payments *paymentservice.PaymentService, w *wallet.Service, pub events.Publisher) *Service {
	return &Service{db: db, restaurants: rs, pricing: pr, promos: promos, payments: payments, wallet: w, pub: pub}
}

// Place prices, pays for and submits an order to the restaurant.
func (s *Service) Place(ctx context.Context, eaterID int64, in PlaceInput) (Order, error) {
	rest, lines, sub, err := s.restaurants.PriceOrder(ctx, in.RestaurantID, in.Lines)
	if err != nil {
		return Order{}, err
	}
	if !in.Dropoff.Valid() || geo.HaversineKm(rest.Point(), in.Dropoff) > restaurantservice.DeliveryRadiusKm {
		return Order{}, errs.Invalid("foodorder.place", "address is outside the delivery area")
	}
	fee, err := s.pricing.DeliveryFee(ctx, rest.Point(), in.Dropoff)
	if err != nil {
		return Order{}, err
	}
	svcFee := sub.Percent(ServiceFeePct)
	total := sub.Add(fee).Add(svcFee)
	discount := money.Zero(total.Currency)
	if in.PromoCode != "" {
		if discount, err = s.promos.Discount(ctx, eaterID, in.PromoCode, total, true); err != nil {
			return Order{}, err
		}
		total = total.Sub(discount)
	}
	raw, _ := json.Marshal(lines)
	o := Order{
		EaterID: eaterID, RestaurantID: rest.ID, Status: StatusPlaced, LinesJSON: raw, Lines: lines,
		Subtotal: sub.Amount, DeliveryFee: fee.Amount, ServiceFee: svcFee.Amount, Discount: discount.Amount,
		Total: total.Amount, Currency: total.Currency, PaidWith: "card", PromoCode: in.PromoCode,
		DropoffLat: in.Dropoff.Lat, DropoffLng: in.Dropoff.Lng, DropoffAddr: in.DropoffAddress,
	}
	if in.PayWithWallet {
		o.PaidWith = "wallet"
	}
	if err := s.db.GetContext(ctx, &o.ID,
		`INSERT INTO food_orders (eater_id, restaurant_id, status, lines, subtotal, delivery_fee, service_fee, discount,
		   total, currency, paid_with, promo_code, dropoff_lat, dropoff_lng, dropoff_address, placed_at, updated_at)
		 VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,now(),now()) RETURNING id`,
		o.EaterID, o.RestaurantID, o.Status, o.LinesJSON, o.Subtotal, o.DeliveryFee, o.ServiceFee, o.Discount,
		o.Total, o.Currency, o.PaidWith, o.PromoCode, o.DropoffLat, o.DropoffLng, o.DropoffAddr); err != nil {
		return Order{}, errs.Wrap("foodorder.place", err)
	}
	if in.PayWithWallet {
		// Wallet orders debit Zipcab Cash directly; payments only handles card capture for Eats.
		err = s.wallet.Debit(ctx, eaterID, total, wallet.ReasonFoodPayment, fmt.Sprintf("order-%d", o.ID))
	} else {
		_, err = s.payments.ChargeOrder(ctx, o.ID, eaterID, in.PaymentMethodID, total)
	}
	if err != nil {
		_ = s.setStatus(ctx, o.ID, StatusCancelled)
		return Order{}, err
	}
	if in.PromoCode != "" && !discount.IsZero() {
		_ = s.promos.Redeem(ctx, eaterID, in.PromoCode, fmt.Sprintf("order-%d", o.ID), discount)
	}
	return o, s.publish(ctx, events.OrderPlaced, o, rest.Name, rest.Point())
}

// Get returns an order.
func (s *Service) Get(ctx context.Context, id int64) (Order, error) {
	var o Order
	err := s.db.GetContext(ctx, &o, `SELECT id, eater_id, restaurant_id, status, lines, subtotal, delivery_fee, service_fee,
		discount, total, currency, paid_with, COALESCE(promo_code, '') AS promo_code, dropoff_lat, dropoff_lng, dropoff_address,
		COALESCE(courier_trip_id, 0) AS courier_trip_id, COALESCE(courier_id, 0) AS courier_id, placed_at, updated_at
		FROM food_orders WHERE id = $1`, id)
	if errors.Is(err, sql.ErrNoRows) {
		return o, errs.NotFound("foodorder.get", "order")
	}
	if err != nil {
		return o, errs.Wrap("foodorder.get", err)
	}
	_ = json.Unmarshal(o.LinesJSON, &o.Lines)
	return o, nil
}

// Inbox returns active orders for a restaurant tablet.
func (s *Service) Inbox(ctx context.Context, restaurantID int64, since time.Time) ([]Order, error) {
	var out []Order
	err := s.db.SelectContext(ctx, &out, `SELECT id, eater_id, restaurant_id, status, lines, subtotal, total, currency,
		placed_at, updated_at FROM food_orders WHERE restaurant_id = $1 AND updated_at > $2
		AND status IN ('placed', 'accepted', 'ready') ORDER BY placed_at`, restaurantID, since)
	for i := range out {
		_ = json.Unmarshal(out[i].LinesJSON, &out[i].Lines)
	}
	return out, errs.Wrap("foodorder.inbox", err)
}
