// Package plan holds the subscription product catalogue.
package plan

import (
	"context"
	"database/sql"

	"github.com/dailyherald/newsroom/internal/models"
	"github.com/dailyherald/newsroom/pkg/db"
	"github.com/dailyherald/newsroom/pkg/errs"
)

type Service struct{ DB *sql.DB }

const cols = `id, code, name, price_cents, currency, billing_interval, ad_free, premium, trial_days, active`

func scan(row interface{ Scan(...any) error }) (*models.Plan, error) {
	var p models.Plan
	err := row.Scan(&p.ID, &p.Code, &p.Name, &p.Price.Cents, &p.Price.Currency, &p.Interval, &p.AdFree, &p.Premium, &p.TrialDays, &p.Active)
	if db.IsNoRows(err) {
		return nil, errs.NotFoundf("plan not found")
	}
	return &p, err
}

func (s *Service) Get(ctx context.Context, id string) (*models.Plan, error) {
	return scan(s.DB.QueryRowContext(ctx, `SELECT `+cols+` FROM plans WHERE id = $1`, id))
}

func (s *Service) ByCode(ctx context.Context, code string) (*models.Plan, error) {
	return scan(s.DB.QueryRowContext(ctx, `SELECT `+cols+` FROM plans WHERE code = $1`, code))
}

func (s *Service) ListActive(ctx context.Context) ([]models.Plan, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT `+cols+` FROM plans WHERE active ORDER BY price_cents`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Plan
	for rows.Next() {
		p, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *p)
	}
	return out, rows.Err()
}
