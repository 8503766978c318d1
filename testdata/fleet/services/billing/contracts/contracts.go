// Package contracts holds customer contracts and the rate cards they
// point to.
package contracts

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"gitlab.com/roadrunner/fleet/entities"
	"gitlab.com/roadrunner/fleet/lib/clock"
	"gitlab.com/roadrunner/fleet/lib/dbx"
	"gitlab.com/roadrunner/fleet/lib/errs"
	"gitlab.com/roadrunner/fleet/lib/ids"
	"gitlab.com/roadrunner/fleet/lib/money"
)

// RateCard is a price list. Amounts are in the card currency.
type RateCard struct {
	ID          string                            `json:"id"`
	Currency    string                            `json:"currency"`
	PerKm       money.Money                       `json:"per_km"`
	PerStop     money.Money                       `json:"per_stop"`
	Minimum     money.Money                       `json:"minimum"`
	ClassFactor map[entities.VehicleClass]float64 `json:"class_factor"`
}

// Factor returns the multiplier for a class (1 when unset).
func (rc RateCard) Factor(c entities.VehicleClass) float64 {
	if f, ok := rc.ClassFactor[c]; ok && f > 0 {
		return f
	}
	return 1
}

// Contract binds a customer to a rate card for a period.
type Contract struct {
	ID            string    `json:"id"`
	CustomerID    string    `json:"customer_id"`
	RateCardID    string    `json:"rate_card_id"`
	Starts        time.Time `json:"starts"`
	Ends          time.Time `json:"ends,omitzero"` // zero: open-ended
	PaymentDays   int       `json:"payment_days"`
	FuelSurcharge bool      `json:"fuel_surcharge"`
	DiscountPct   float64   `json:"discount_pct"`
}

// Service stores contracts and rate cards.
type Service struct {
	db    *sql.DB
	clock clock.Clock
}

// New wires the service.
func New(db *sql.DB, clk clock.Clock) *Service { return &Service{db: db, clock: clk} }

// SaveRateCard creates or replaces a rate card.
func (s *Service) SaveRateCard(ctx context.Context, rc RateCard) error {
	if rc.PerKm.Cents <= 0 || rc.PerKm.Currency != rc.Currency {
		return errs.Invalid("contracts.SaveRateCard", "per_km must be a positive amount in %s", rc.Currency)
	}
	factors, _ := json.Marshal(rc.ClassFactor)
	_, err := s.db.ExecContext(ctx, `INSERT INTO rate_cards (id, currency, per_km_cents, per_stop_cents, minimum_cents,
		class_factor) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO UPDATE SET per_km_cents = EXCLUDED.per_km_cents,
		per_stop_cents = EXCLUDED.per_stop_cents, minimum_cents = EXCLUDED.minimum_cents, class_factor = EXCLUDED.class_factor`,
		rc.ID, rc.Currency, rc.PerKm.Cents, rc.PerStop.Cents, rc.Minimum.Cents, factors)
	return errs.Wrap("contracts.SaveRateCard", err)
}

// Create stores a contract. Overlaps are not checked: finance reviews
// contracts before they are entered, and ActiveFor takes the newest.
func (s *Service) Create(ctx context.Context, c Contract) (Contract, error) {
	var v errs.Validation
	v.Check(c.CustomerID != "" && c.RateCardID != "", "customer_id", "customer and rate card are required")
	v.Check(c.Ends.IsZero() || c.Ends.After(c.Starts), "ends", "must be after starts")
	v.Check(c.DiscountPct >= 0 && c.DiscountPct < 50, "discount_pct", "must be 0..50")
	if err := v.Err("contracts.Create"); err != nil {
		return c, err
	}
	c.ID = ids.New("ctr")
	if c.PaymentDays == 0 {
		c.PaymentDays = 30
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO contracts (id, customer_id, rate_card_id, starts, ends, payment_days,
		fuel_surcharge, discount_pct) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, c.ID, c.CustomerID, c.RateCardID,
		c.Starts, dbx.NullTime(c.Ends), c.PaymentDays, c.FuelSurcharge, c.DiscountPct)
	return c, errs.Wrap("contracts.Create", err)
}

// ActiveFor returns the contract and rate card in force for a customer at t.
func (s *Service) ActiveFor(ctx context.Context, customerID string, t time.Time) (Contract, RateCard, error) {
	var (
		c                 Contract
		rc                RateCard
		ends              sql.NullTime
		km, stop, minimum int64
		factors           []byte
	)
	err := s.db.QueryRowContext(ctx, `SELECT c.id, c.customer_id, c.rate_card_id, c.starts, c.ends, c.payment_days,
		c.fuel_surcharge, c.discount_pct, r.currency, r.per_km_cents, r.per_stop_cents, r.minimum_cents, r.class_factor
		FROM contracts c JOIN rate_cards r ON r.id = c.rate_card_id
		WHERE c.customer_id = $1 AND c.starts <= $2 AND (c.ends IS NULL OR c.ends > $2)
		ORDER BY c.starts DESC LIMIT 1`, customerID, t).
		Scan(&c.ID, &c.CustomerID, &c.RateCardID, &c.Starts, &ends, &c.PaymentDays, &c.FuelSurcharge, &c.DiscountPct,
			&rc.Currency, &km, &stop, &minimum, &factors)
	if err != nil {
		return c, rc, dbx.NotFoundOr(err, "contracts.ActiveFor", "contract for customer", customerID)
	}
	c.Ends, rc.ID = ends.Time, c.RateCardID
	rc.PerKm, rc.PerStop, rc.Minimum = money.New(km, rc.Currency), money.New(stop, rc.Currency), money.New(minimum, rc.Currency)
	return c, rc, json.Unmarshal(factors, &rc.ClassFactor)
}

// CustomersIn lists customers that had a contract at any point in p.
func (s *Service) CustomersIn(ctx context.Context, p clock.Period) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT customer_id FROM contracts
		WHERE starts < $2 AND (ends IS NULL OR ends > $1) ORDER BY customer_id`, p.From, p.To)
	if err != nil {
		return nil, errs.Wrap("contracts.CustomersIn", err)
	}
	return dbx.ScanAll(rows, func(r *sql.Rows) (string, error) {
		var id string
		return id, r.Scan(&id)
	})
}
