// Package rateplan persists rate plans and the daily rate grid.
//
// Tables: rate_plans, daily_rates.
package rateplan

import (
	"context"
	"database/sql"
	"time"

	"github.com/staybright/platform/internal/model"
	"github.com/staybright/platform/internal/pkg/clock"
	"github.com/staybright/platform/internal/pkg/db"
	"github.com/staybright/platform/internal/pkg/errs"
)

// Store is the rate repository.
type Store struct {
	db *sql.DB
}

// New returns a Store.
func New(conn *sql.DB) *Store { return &Store{db: conn} }

// DailyRate is the price of one night for a room type under a plan.
type DailyRate struct {
	HotelID     int64
	RoomTypeID  int64
	RatePlanID  int64
	Day         time.Time
	AmountCents int64
	Currency    string
}

const planCols = `id, hotel_id, code, name, refundable, free_cancel_hours, breakfast_included,
	discount_bps, min_nights, members_only, active`

func scanPlan(row interface{ Scan(...any) error }) (*model.RatePlan, error) {
	var p model.RatePlan
	if err := row.Scan(&p.ID, &p.HotelID, &p.Code, &p.Name, &p.Refundable, &p.FreeCancelHours,
		&p.BreakfastIncluded, &p.DiscountBps, &p.MinNights, &p.MembersOnly, &p.Active); err != nil {
		return nil, err
	}
	return &p, nil
}

// ListPlans returns the active rate plans of a hotel.
func (s *Store) ListPlans(ctx context.Context, hotelID int64) ([]model.RatePlan, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+planCols+` FROM rate_plans WHERE hotel_id = $1 AND active ORDER BY code`, hotelID)
	if err != nil {
		return nil, errs.Wrap(err, "rateplan.ListPlans")
	}
	defer rows.Close()
	var out []model.RatePlan
	for rows.Next() {
		p, err := scanPlan(rows)
		if err != nil {
			return nil, errs.Wrap(err, "rateplan.ListPlans")
		}
		out = append(out, *p)
	}
	return out, rows.Err()
}

// GetPlan returns a plan by id.
func (s *Store) GetPlan(ctx context.Context, id int64) (*model.RatePlan, error) {
	p, err := scanPlan(s.db.QueryRowContext(ctx, `SELECT `+planCols+` FROM rate_plans WHERE id = $1`, id))
	if err != nil {
		return nil, db.NotFound(err, "rateplan.GetPlan", "rate plan")
	}
	return p, nil
}

// GetPlanByCode returns a hotel's plan by code.
func (s *Store) GetPlanByCode(ctx context.Context, hotelID int64, code string) (*model.RatePlan, error) {
	p, err := scanPlan(s.db.QueryRowContext(ctx,
		`SELECT `+planCols+` FROM rate_plans WHERE hotel_id = $1 AND code = $2`, hotelID, code))
	if err != nil {
		return nil, db.NotFound(err, "rateplan.GetPlanByCode", "rate plan "+code)
	}
	return p, nil
}

// CreatePlan inserts a rate plan.
func (s *Store) CreatePlan(ctx context.Context, p *model.RatePlan) error {
	err := s.db.QueryRowContext(ctx, `
		INSERT INTO rate_plans (hotel_id, code, name, refundable, free_cancel_hours, breakfast_included,
			discount_bps, min_nights, members_only, active)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, true) RETURNING id`,
		p.HotelID, p.Code, p.Name, p.Refundable, p.FreeCancelHours, p.BreakfastIncluded,
		p.DiscountBps, p.MinNights, p.MembersOnly).Scan(&p.ID)
	if err != nil {
		return db.NotFound(err, "rateplan.CreatePlan", "rate plan "+p.Code)
	}
	p.Active = true
	return nil
}

// Rates returns loaded daily rates for a room type and plan over r.
// Nights without a loaded rate are simply absent.
func (s *Store) Rates(ctx context.Context, roomTypeID, ratePlanID int64, r clock.Range) ([]DailyRate, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT hotel_id, room_type_id, rate_plan_id, day, amount_cents, currency
		FROM daily_rates
		WHERE room_type_id = $1 AND rate_plan_id = $2 AND day >= $3 AND day < $4
		ORDER BY day`, roomTypeID, ratePlanID, r.From, r.To)
	if err != nil {
		return nil, errs.Wrap(err, "rateplan.Rates")
	}
	defer rows.Close()
	var out []DailyRate
	for rows.Next() {
		var d DailyRate
		if err := rows.Scan(&d.HotelID, &d.RoomTypeID, &d.RatePlanID, &d.Day, &d.AmountCents, &d.Currency); err != nil {
			return nil, errs.Wrap(err, "rateplan.Rates")
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// UpsertRates writes a batch of daily rates in one transaction.
func (s *Store) UpsertRates(ctx context.Context, rates []DailyRate) error {
	return db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		stmt, err := tx.PrepareContext(ctx, `
			INSERT INTO daily_rates (hotel_id, room_type_id, rate_plan_id, day, amount_cents, currency, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, now())
			ON CONFLICT (room_type_id, rate_plan_id, day)
			DO UPDATE SET amount_cents = EXCLUDED.amount_cents, updated_at = now()`)
		if err != nil {
			return errs.Wrap(err, "rateplan.UpsertRates")
		}
		defer stmt.Close()
		for _, r := range rates {
			if _, err := stmt.ExecContext(ctx, r.HotelID, r.RoomTypeID, r.RatePlanID, r.Day, r.AmountCents, r.Currency); err != nil {
				return errs.Wrap(err, "rateplan.UpsertRates")
			}
		}
		return nil
	})
}
