// Package repository persists trips, their status history and dispatch offers.
package repository

import (
	"context"
	"database/sql"
	"time"

	"github.com/zipcab/backend/app/common/entity"
	"github.com/zipcab/backend/app/trip/model"
	"github.com/zipcab/backend/pkg/db"
	"github.com/zipcab/backend/pkg/errs"
	"github.com/zipcab/backend/pkg/money"
)

// TripRepository reads and writes trips, trip_status_history and trip_offers.
type TripRepository struct {
	conn *sql.DB
}

// New returns a repository.
func New(conn *sql.DB) *TripRepository { return &TripRepository{conn: conn} }

const tripCols = `id, rider_id, COALESCE(driver_id, 0), ride_type, status,
	pickup_lat, pickup_lng, dropoff_lat, dropoff_lng, pickup_address, dropoff_address,
	COALESCE(quote_id, ''), currency, base_amount, distance_amount, time_amount, surge_multiplier,
	booking_fee, discount_amount, total_amount, COALESCE(promo_code, ''), payment_method_id,
	COALESCE(food_order_id, 0), distance_km, duration_min, requested_at, matched_at, started_at,
	completed_at, COALESCE(cancel_reason, '')`

func scanTrip(row interface{ Scan(...any) error }) (entity.Trip, error) {
	var t entity.Trip
	var cur string
	var base, dist, tm, fee, disc, total int64
	var matched, started, completed sql.NullTime
	err := row.Scan(&t.ID, &t.RiderID, &t.DriverID, &t.RideType, &t.Status,
		&t.Pickup.Lat, &t.Pickup.Lng, &t.Dropoff.Lat, &t.Dropoff.Lng, &t.PickupAddress, &t.DropoffAddress,
		&t.QuoteID, &cur, &base, &dist, &tm, &t.Fare.SurgeMult,
		&fee, &disc, &total, &t.PromoCode, &t.PaymentMethod,
		&t.FoodOrderID, &t.DistanceKm, &t.DurationMin, &t.RequestedAt, &matched, &started,
		&completed, &t.CancelReason)
	if err != nil {
		return t, err
	}
	t.Fare.Base, t.Fare.Distance, t.Fare.Time = money.New(base, cur), money.New(dist, cur), money.New(tm, cur)
	t.Fare.BookingFee, t.Fare.Discount, t.Fare.Total = money.New(fee, cur), money.New(disc, cur), money.New(total, cur)
	t.MatchedAt, t.StartedAt, t.CompletedAt = nt(matched), nt(started), nt(completed)
	return t, nil
}

func nt(n sql.NullTime) *time.Time {
	if !n.Valid {
		return nil
	}
	return &n.Time
}

// Create inserts a requested trip.
func (r *TripRepository) Create(ctx context.Context, t entity.Trip) (int64, error) {
	f := t.Fare
	var id int64
	err := db.Conn(ctx, r.conn).QueryRowContext(ctx,
		`INSERT INTO trips (rider_id, ride_type, status, pickup_lat, pickup_lng, dropoff_lat, dropoff_lng,
		   pickup_address, dropoff_address, quote_id, currency, base_amount, distance_amount, time_amount,
		   surge_multiplier, booking_fee, discount_amount, total_amount, promo_code, payment_method_id,
		   food_order_id, distance_km, duration_min, requested_at)
		 VALUES ($1,$2,'requested',$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,now())
		 RETURNING id`,
		t.RiderID, t.RideType, t.Pickup.Lat, t.Pickup.Lng, t.Dropoff.Lat, t.Dropoff.Lng,
		t.PickupAddress, t.DropoffAddress, db.NullString(t.QuoteID), f.Total.Currency, f.Base.Amount,
		f.Distance.Amount, f.Time.Amount, f.SurgeMult, f.BookingFee.Amount, f.Discount.Amount, f.Total.Amount,
		db.NullString(t.PromoCode), t.PaymentMethod, sql.NullInt64{Int64: t.FoodOrderID, Valid: t.FoodOrderID != 0},
		t.DistanceKm, t.DurationMin).Scan(&id)
	return id, errs.Wrap("trip.create", err)
}

// Get returns a trip by id.
func (r *TripRepository) Get(ctx context.Context, id int64) (entity.Trip, error) {
	t, err := scanTrip(db.Conn(ctx, r.conn).QueryRowContext(ctx, `SELECT `+tripCols+` FROM trips WHERE id = $1`, id))
	if db.IsNoRows(err) {
		return t, errs.NotFound("trip.get", "trip")
	}
	return t, errs.Wrap("trip.get", err)
}

// ActiveForDriver returns the driver's in-progress trip, if any.
func (r *TripRepository) ActiveForDriver(ctx context.Context, driverID int64) (entity.Trip, bool, error) {
	t, err := scanTrip(db.Conn(ctx, r.conn).QueryRowContext(ctx,
		`SELECT `+tripCols+` FROM trips WHERE driver_id = $1 AND status IN ('matched','arriving','on_trip')
		 ORDER BY id DESC LIMIT 1`, driverID))
	if db.IsNoRows(err) {
		return t, false, nil
	}
	return t, err == nil, errs.Wrap("trip.active_for_driver", err)
}

// ListByRider returns a rider's trips, newest first.
func (r *TripRepository) ListByRider(ctx context.Context, riderID int64, p db.Page) ([]entity.Trip, error) {
	p = p.Normalize()
	return r.list(ctx, `SELECT `+tripCols+` FROM trips WHERE rider_id = $1 ORDER BY requested_at DESC LIMIT $2 OFFSET $3`,
		riderID, p.Limit, p.Offset)
}

// StaleRequested returns trips still in 'requested' older than cutoff.
func (r *TripRepository) StaleRequested(ctx context.Context, cutoff time.Time) ([]entity.Trip, error) {
	return r.list(ctx, `SELECT `+tripCols+` FROM trips WHERE status = 'requested' AND requested_at < $1 LIMIT 500`, cutoff)
}

func (r *TripRepository) list(ctx context.Context, q string, args ...any) ([]entity.Trip, error) {
	rows, err := db.Conn(ctx, r.conn).QueryContext(ctx, q, args...)
	if err != nil {
		return nil, errs.Wrap("trip.list", err)
	}
	defer rows.Close()
	var out []entity.Trip
	for rows.Next() {
		t, err := scanTrip(rows)
		if err != nil {
			return nil, errs.Wrap("trip.list", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// Participants returns rider and driver of a trip.
func (r *TripRepository) Participants(ctx context.Context, tripID int64) (model.Participants, error) {
	p := model.Participants{TripID: tripID}
	var ended sql.NullTime
	err := db.Conn(ctx, r.conn).QueryRowContext(ctx,
		`SELECT rider_id, COALESCE(driver_id, 0), status, COALESCE(completed_at, cancelled_at) FROM trips WHERE id = $1`, tripID).
		Scan(&p.RiderID, &p.DriverID, &p.Status, &ended)
	if db.IsNoRows(err) {
		return p, errs.NotFound("trip.participants", "trip")
	}
	p.EndedAt = nt(ended)
	return p, errs.Wrap("trip.participants", err)
}

// Transition moves a trip between states and records history. It fails with
// Conflict if the trip is no longer in one of the from states.
func (r *TripRepository) Transition(ctx context.Context, id int64, to entity.TripStatus, actor string, set map[string]any) error {
	return db.WithTx(ctx, r.conn, func(ctx context.Context, tx *sql.Tx) error {
		var from entity.TripStatus
		if err := tx.QueryRowContext(ctx, `SELECT status FROM trips WHERE id = $1 FOR UPDATE`, id).Scan(&from); err != nil {
			if db.IsNoRows(err) {
				return errs.NotFound("trip.transition", "trip")
			}
			return err
		}
		if !model.CanTransition(from, to) {
			return errs.Conflict("trip.transition", "cannot move trip from "+string(from)+" to "+string(to))
		}
		q := `UPDATE trips SET status = $2`
		args := []any{id, to}
		for _, col := range []string{"driver_id", "matched_at", "started_at", "completed_at", "cancelled_at",
			"cancel_reason", "distance_km", "duration_min", "total_amount", "discount_amount"} {
			if v, ok := set[col]; ok {
				args = append(args, v)
				q += ", " + col + " = $" + itoa(len(args))
			}
		}
		if _, err := tx.ExecContext(ctx, q+` WHERE id = $1`, args...); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx,
			`INSERT INTO trip_status_history (trip_id, from_status, to_status, actor, at) VALUES ($1,$2,$3,$4,now())`,
			id, from, to, actor)
		return err
	})
}
