// Package store persists the product catalog: plans, add-ons and tariffs.
package store

import (
	"context"
	"database/sql"

	"mvno.telco/core/models"
	"mvno.telco/core/platform/db"
	"mvno.telco/core/platform/errs"
	"mvno.telco/core/platform/money"
)

type Store struct{ db db.Querier }

func New(q db.Querier) *Store { return &Store{db: q} }

const planCols = `code, name, payment_mode, monthly_fee, currency, data_mb, voice_min, sms, roaming_zone, active`

func scanPlan(row interface{ Scan(...any) error }) (models.Plan, error) {
	var p models.Plan
	var fee int64
	var cur string
	err := row.Scan(&p.Code, &p.Name, &p.PaymentMode, &fee, &cur, &p.DataMB, &p.VoiceMin, &p.SMS, &p.RoamingZone, &p.Active)
	p.MonthlyFee = money.New(fee, cur)
	return p, err
}

func (s *Store) Plan(ctx context.Context, code string) (models.Plan, error) {
	p, err := scanPlan(s.db.QueryRowContext(ctx, `SELECT `+planCols+` FROM plans WHERE code = $1`, code))
	if db.IsNoRows(err) {
		return p, errs.E(errs.NotFound, "catalog.Plan", "plan "+code+" not found")
	}
	return p, err
}

func (s *Store) Plans(ctx context.Context, paymentMode string, activeOnly bool) ([]models.Plan, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+planCols+` FROM plans
		WHERE ($1 = '' OR payment_mode = $1) AND (NOT $2 OR active)
		ORDER BY monthly_fee`, paymentMode, activeOnly)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Plan
	for rows.Next() {
		p, err := scanPlan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

func (s *Store) InsertPlan(ctx context.Context, p models.Plan) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO plans (`+planCols+`) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
		p.Code, p.Name, p.PaymentMode, p.MonthlyFee.Amount, p.MonthlyFee.Currency, p.DataMB, p.VoiceMin, p.SMS, p.RoamingZone, p.Active)
	if db.IsUniqueViolation(err) {
		return errs.E(errs.Conflict, "catalog.InsertPlan", "plan code already exists")
	}
	return err
}

func (s *Store) SetPlanActive(ctx context.Context, code string, active bool) error {
	res, err := s.db.ExecContext(ctx, `UPDATE plans SET active = $2 WHERE code = $1`, code, active)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.E(errs.NotFound, "catalog.SetPlanActive", "plan not found")
	}
	return nil
}

// ActiveSubscriptionCount is used to block retiring a plan that is still sold.
// It reads the subscribers team's table; there is no API for it yet.
func (s *Store) ActiveSubscriptionCount(ctx context.Context, planCode string) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM subscriptions WHERE plan_code = $1 AND ended_at IS NULL`, planCode).Scan(&n)
	return n, err
}

func (s *Store) AddOn(ctx context.Context, code string) (models.AddOn, error) {
	var a models.AddOn
	var price int64
	var cur string
	err := s.db.QueryRowContext(ctx, `SELECT code, name, price, currency, data_mb, voice_min, sms, validity_days, recurring
		FROM addons WHERE code = $1`, code).
		Scan(&a.Code, &a.Name, &price, &cur, &a.DataMB, &a.VoiceMin, &a.SMS, &a.ValidityDays, &a.Recurring)
	if db.IsNoRows(err) {
		return a, errs.E(errs.NotFound, "catalog.AddOn", "add-on "+code+" not found")
	}
	a.Price = money.New(price, cur)
	return a, err
}

// AddOnsForPlan lists add-ons sellable on a plan.
func (s *Store) AddOnsForPlan(ctx context.Context, planCode string) ([]models.AddOn, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT a.code, a.name, a.price, a.currency, a.data_mb, a.voice_min, a.sms, a.validity_days, a.recurring
		FROM addons a JOIN plan_addons pa ON pa.addon_code = a.code
		WHERE pa.plan_code = $1 ORDER BY a.price`, planCode)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.AddOn
	for rows.Next() {
		var a models.AddOn
		var price int64
		var cur string
		if err := rows.Scan(&a.Code, &a.Name, &price, &cur, &a.DataMB, &a.VoiceMin, &a.SMS, &a.ValidityDays, &a.Recurring); err != nil {
			return nil, err
		}
		a.Price = money.New(price, cur)
		out = append(out, a)
	}
	return out, rows.Err()
}

// Tariff returns the out-of-bundle rate, falling back to the default plan row ('*').
func (s *Store) Tariff(ctx context.Context, planCode, service, zone string) (models.Tariff, error) {
	t := models.Tariff{PlanCode: planCode, Service: service, Zone: zone}
	var rate int64
	var cur string
	err := s.db.QueryRowContext(ctx, `SELECT rate, currency FROM tariffs
		WHERE plan_code IN ($1, '*') AND service = $2 AND zone = $3
		ORDER BY CASE WHEN plan_code = '*' THEN 1 ELSE 0 END LIMIT 1`, planCode, service, zone).Scan(&rate, &cur)
	if err == sql.ErrNoRows {
		return t, errs.E(errs.NotFound, "catalog.Tariff", "no tariff for "+planCode+"/"+service+"/"+zone)
	}
	t.Rate = money.New(rate, cur)
	return t, err
}
