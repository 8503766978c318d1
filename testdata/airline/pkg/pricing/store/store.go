// Package store reads fares and persists quotes.
package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"skyhop.aero/backend/pkg/models"
	"skyhop.aero/backend/pkg/platform/db"
	"skyhop.aero/backend/pkg/platform/errs"
	"skyhop.aero/backend/pkg/platform/money"
)

// Fare is a filed fare for a market and booking class.
type Fare struct {
	ID           int64
	Origin       string
	Destination  string
	BookingClass string
	FareBasis    string
	Amount       money.Amount
	RoundTrip    bool
	Refundable   bool
	ChangeFee    money.Amount
	BagsIncluded int
	MinStayDays  int
	AdvanceDays  int
}

type Store struct{ DB *sql.DB }

func New(d *sql.DB) *Store { return &Store{DB: d} }

// Fares returns the fares valid for a market on a travel date, cheapest first.
func (s *Store) Fares(ctx context.Context, origin, dest string, travel time.Time) ([]Fare, error) {
	rows, err := db.Q(ctx, s.DB).QueryContext(ctx, `
		SELECT id, origin, destination, booking_class, fare_basis, amount_minor, currency,
		       round_trip, refundable, change_fee_minor, bags_included, min_stay_days, advance_days
		FROM fares
		WHERE origin = $1 AND destination = $2 AND valid_from <= $3 AND valid_to >= $3 AND active
		ORDER BY amount_minor`, origin, dest, travel)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Fare
	for rows.Next() {
		var f Fare
		var cur string
		if err := rows.Scan(&f.ID, &f.Origin, &f.Destination, &f.BookingClass, &f.FareBasis,
			&f.Amount.Minor, &cur, &f.RoundTrip, &f.Refundable, &f.ChangeFee.Minor,
			&f.BagsIncluded, &f.MinStayDays, &f.AdvanceDays); err != nil {
			return nil, err
		}
		f.Amount.Currency, f.ChangeFee.Currency = cur, cur
		out = append(out, f)
	}
	return out, rows.Err()
}

// LoadFactor returns sold/capacity of the economy cabin of a flight. It
// reads seat_inventory directly because the inventory service has no bulk
// API and the revenue team wanted this for the demand surcharge.
func (s *Store) LoadFactor(ctx context.Context, flightID int64) (float64, error) {
	var sold, capacity int
	err := db.Q(ctx, s.DB).QueryRowContext(ctx, `
		SELECT coalesce(sum(si.sold), 0), coalesce(max(si.authorized), 0)
		FROM seat_inventory si
		WHERE si.flight_id = $1 AND si.booking_class NOT IN ('J', 'C', 'D')`, flightID).Scan(&sold, &capacity)
	if err != nil || capacity == 0 {
		return 0, err
	}
	return float64(sold) / float64(capacity), nil
}

// SaveQuote stores a quote so that booking can later redeem it by id.
func (s *Store) SaveQuote(ctx context.Context, q models.FareQuote, flightIDs []int64, pax int) error {
	raw, _ := json.Marshal(q)
	fl, _ := json.Marshal(flightIDs)
	_, err := db.Q(ctx, s.DB).ExecContext(ctx, `
		INSERT INTO fare_quotes (quote_id, flight_ids, passengers, body, total_minor, currency, expires_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		q.QuoteID, fl, pax, raw, q.Total.Minor, q.Total.Currency, q.ExpiresAt)
	return err
}

// Quote loads a stored quote.
func (s *Store) Quote(ctx context.Context, id string) (models.FareQuote, []int64, error) {
	var q models.FareQuote
	var raw, fl []byte
	err := db.Q(ctx, s.DB).QueryRowContext(ctx,
		`SELECT body, flight_ids FROM fare_quotes WHERE quote_id = $1`, id).Scan(&raw, &fl)
	if db.NotFound(err) {
		return q, nil, errs.NotFound("pricing.quote", "quote %s", id)
	}
	if err != nil {
		return q, nil, err
	}
	var flights []int64
	if err := json.Unmarshal(raw, &q); err != nil {
		return q, nil, err
	}
	err = json.Unmarshal(fl, &flights)
	return q, flights, err
}

// TaxRate is one tax or fee levied at an airport.
type TaxRate struct {
	Code     string
	Airport  string
	PerPax   money.Amount
	Percent  float64
	OnDepart bool
	Domestic bool
}

func (s *Store) TaxRates(ctx context.Context, airports []string) ([]TaxRate, error) {
	rows, err := db.Q(ctx, s.DB).QueryContext(ctx, `
		SELECT code, airport, per_pax_minor, currency, percent, on_departure, domestic_only
		FROM tax_rates WHERE airport = ANY($1) AND active`, airports)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []TaxRate
	for rows.Next() {
		var t TaxRate
		if err := rows.Scan(&t.Code, &t.Airport, &t.PerPax.Minor, &t.PerPax.Currency, &t.Percent, &t.OnDepart, &t.Domestic); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}
