package repository

import (
	"context"
	"strconv"
	"time"

	"github.com/zipcab/backend/app/trip/model"
	"github.com/zipcab/backend/pkg/db"
	"github.com/zipcab/backend/pkg/errs"
)

func itoa(n int) string { return strconv.Itoa(n) }

// CreateOffer records an offer to a driver.
func (r *TripRepository) CreateOffer(ctx context.Context, o model.Offer) (model.Offer, error) {
	o.State = model.OfferPending
	o.ExpiresAt = time.Now().Add(model.OfferWindow)
	err := db.Conn(ctx, r.conn).QueryRowContext(ctx,
		`INSERT INTO trip_offers (trip_id, driver_id, eta_min, state, attempt, expires_at, created_at)
		 VALUES ($1,$2,$3,$4,$5,$6,now()) RETURNING id, created_at`,
		o.TripID, o.DriverID, o.ETAMin, o.State, o.Attempt, o.ExpiresAt).Scan(&o.ID, &o.CreatedAt)
	return o, errs.Wrap("trip.create_offer", err)
}

// GetOffer returns an offer by id.
func (r *TripRepository) GetOffer(ctx context.Context, id int64) (model.Offer, error) {
	var o model.Offer
	err := db.Conn(ctx, r.conn).QueryRowContext(ctx,
		`SELECT id, trip_id, driver_id, eta_min, state, attempt, expires_at, created_at FROM trip_offers WHERE id = $1`, id).
		Scan(&o.ID, &o.TripID, &o.DriverID, &o.ETAMin, &o.State, &o.Attempt, &o.ExpiresAt, &o.CreatedAt)
	if db.IsNoRows(err) {
		return o, errs.NotFound("trip.get_offer", "offer")
	}
	return o, errs.Wrap("trip.get_offer", err)
}

// ResolveOffer moves a pending offer to a final state.
func (r *TripRepository) ResolveOffer(ctx context.Context, id int64, state model.OfferState) error {
	res, err := db.Conn(ctx, r.conn).ExecContext(ctx,
		`UPDATE trip_offers SET state = $2, resolved_at = now() WHERE id = $1 AND state = 'pending'`, id, state)
	if err != nil {
		return errs.Wrap("trip.resolve_offer", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.Conflict("trip.resolve_offer", "offer is no longer pending")
	}
	return nil
}

// ExpiredPendingOffers returns pending offers past their window.
func (r *TripRepository) ExpiredPendingOffers(ctx context.Context, now time.Time) ([]model.Offer, error) {
	rows, err := db.Conn(ctx, r.conn).QueryContext(ctx,
		`SELECT id, trip_id, driver_id, eta_min, state, attempt, expires_at, created_at
		 FROM trip_offers WHERE state = 'pending' AND expires_at < $1`, now)
	if err != nil {
		return nil, errs.Wrap("trip.expired_offers", err)
	}
	defer rows.Close()
	var out []model.Offer
	for rows.Next() {
		var o model.Offer
		if err := rows.Scan(&o.ID, &o.TripID, &o.DriverID, &o.ETAMin, &o.State, &o.Attempt, &o.ExpiresAt, &o.CreatedAt); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// DriversOffered returns drivers already offered this trip (to skip them on retry).
func (r *TripRepository) DriversOffered(ctx context.Context, tripID int64) (map[int64]bool, error) {
	rows, err := db.Conn(ctx, r.conn).QueryContext(ctx, `SELECT driver_id FROM trip_offers WHERE trip_id = $1`, tripID)
	if err != nil {
		return nil, errs.Wrap("trip.drivers_offered", err)
	}
	defer rows.Close()
	out := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out[id] = true
	}
	return out, rows.Err()
}
