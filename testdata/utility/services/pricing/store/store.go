// Package store persists tariffs, rates, price caps and site assignments.
package store

import (
	"context"
	"database/sql"
	"time"

	"gridline.energy/platform/core/db"
	"gridline.energy/platform/kit/errs"
	"gridline.energy/platform/kit/money"
	"gridline.energy/platform/services/pricing/domain"
)

type Store struct{ db *sql.DB }

func New(d *sql.DB) *Store { return &Store{db: d} }

func (s *Store) tariffWhere(ctx context.Context, where string, arg any) (domain.Tariff, error) {
	var t domain.Tariff
	var to sql.NullTime
	var exit int64
	err := s.db.QueryRowContext(ctx, `
		SELECT id, code, name, fuel, fixed, exit_fee_pence, standing_pence, multi_rate, valid_from, valid_to
		FROM tariffs WHERE `+where, arg).
		Scan(&t.ID, &t.Code, &t.Name, &t.Fuel, &t.Fixed, &exit, &t.StandingPence, &t.MultiRate, &t.ValidFrom, &to)
	if db.IsNoRows(err) {
		return t, errs.NotFound("pricing.Tariff", "tariff %v", arg)
	}
	if err != nil {
		return t, err
	}
	t.ExitFee, t.ValidTo = money.Pence(exit), db.TimePtr(to)
	t.Rates, err = s.rates(ctx, t.ID)
	return t, err
}

func (s *Store) TariffByCode(ctx context.Context, code string) (domain.Tariff, error) {
	return s.tariffWhere(ctx, "code = $1", code)
}

func (s *Store) TariffByID(ctx context.Context, id string) (domain.Tariff, error) {
	return s.tariffWhere(ctx, "id = $1", id)
}

func (s *Store) rates(ctx context.Context, tariffID string) ([]domain.Rate, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT band, unit_pence, valid_from, valid_to FROM tariff_rates
		WHERE tariff_id = $1 ORDER BY valid_from`, tariffID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.Rate
	for rows.Next() {
		var r domain.Rate
		var to sql.NullTime
		if err := rows.Scan(&r.Band, &r.UnitPence, &r.From, &to); err != nil {
			return nil, err
		}
		r.To = db.TimePtr(to)
		out = append(out, r)
	}
	return out, rows.Err()
}

// Assignments returns a site's assignments overlapping [from, to).
func (s *Store) Assignments(ctx context.Context, siteID string, from, to time.Time) ([]domain.Assignment, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT ta.site_id, ta.tariff_id, t.code, ta.valid_from, ta.valid_to, ta.fixed_until
		FROM tariff_assignments ta JOIN tariffs t ON t.id = ta.tariff_id
		WHERE ta.site_id = $1 AND ta.valid_from < $3 AND (ta.valid_to IS NULL OR ta.valid_to > $2)
		ORDER BY ta.valid_from`, siteID, from, to)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.Assignment
	for rows.Next() {
		var a domain.Assignment
		var vt, fu sql.NullTime
		if err := rows.Scan(&a.SiteID, &a.TariffID, &a.TariffCode, &a.From, &vt, &fu); err != nil {
			return nil, err
		}
		a.To, a.FixedUntil = db.TimePtr(vt), db.TimePtr(fu)
		out = append(out, a)
	}
	return out, rows.Err()
}

// Reassign ends the current assignment at from and opens a new one.
func (s *Store) Reassign(ctx context.Context, a domain.Assignment) error {
	return db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `
			UPDATE tariff_assignments SET valid_to = $2
			WHERE site_id = $1 AND valid_to IS NULL`, a.SiteID, a.From); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `
			INSERT INTO tariff_assignments (site_id, tariff_id, valid_from, fixed_until)
			VALUES ($1, $2, $3, $4)`, a.SiteID, a.TariffID, a.From, db.NullTime(a.FixedUntil))
		return err
	})
}
