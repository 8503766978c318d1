// Package ratingagg recomputes rolling ratings after each new rating and
// deactivates drivers who fall below the quality bar.
package ratingagg

import (
	"context"
	"database/sql"

	"github.com/zipcab/backend/app/common/entity"
	"github.com/zipcab/backend/modules/ratings"
	"github.com/zipcab/backend/pkg/events"
	"github.com/zipcab/backend/pkg/log"
)

const group = "ratings.ratingagg"

// MinDriverRating and MinRatingsForAction define the deactivation policy.
const (
	MinDriverRating     = 4.6
	MinRatingsForAction = 100
)

// RiderRatingSink stores rider averages (implemented by the rider service).
type RiderRatingSink interface {
	UpdateRating(ctx context.Context, riderID int64, avg float64) error
}

// DriverSuspender takes a low-rated driver offline.
type DriverSuspender interface {
	Suspend(ctx context.Context, id int64, reason string) error
}

// Worker aggregates ratings.
type Worker struct {
	conn    *sql.DB
	ratings *ratings.Service
	riders  RiderRatingSink
	drivers DriverSuspender
}

// New returns the worker.
func New(conn *sql.DB, r *ratings.Service, riders RiderRatingSink, drivers DriverSuspender) *Worker {
	return &Worker{conn: conn, ratings: r, riders: riders, drivers: drivers}
}

// Register subscribes the worker.
func (w *Worker) Register(sub events.Subscriber) {
	sub.Subscribe(events.RatingSubmitted, group, w.onRating)
}

func (w *Worker) onRating(ctx context.Context, e events.Envelope) error {
	var ev entity.RatingSubmittedEvent
	if err := e.Decode(&ev); err != nil {
		return err
	}
	avg, n, err := w.ratings.Average(ctx, ev.RaterRole, ev.RateeID)
	if err != nil {
		return err
	}
	if ev.RaterRole == "driver" {
		return w.riders.UpdateRating(ctx, ev.RateeID, avg)
	}
	// Drivers: write the denormalised average straight onto the drivers row;
	// dispatch ranks on it and we didn't want another round-trip per rating.
	if _, err := w.conn.ExecContext(ctx,
		`UPDATE drivers SET rating_avg = $2, rating_count = $3 WHERE id = $1`, ev.RateeID, avg, n); err != nil {
		return err
	}
	if n >= MinRatingsForAction && avg < MinDriverRating {
		log.From(ctx).Warn("driver below rating threshold", "driver_id", ev.RateeID, "avg", avg)
		return w.drivers.Suspend(ctx, ev.RateeID, "rating below threshold")
	}
	return nil
}
