// Package plans manages the membership plan catalogue and promo pricing.
package plans

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/pulsefit/clubs/internal/models"
	"github.com/pulsefit/clubs/pkg/db"
	"github.com/pulsefit/clubs/pkg/errs"
	"github.com/pulsefit/clubs/pkg/money"
)

type Catalogue struct{ db *sql.DB }

func New(conn *sql.DB) *Catalogue { return &Catalogue{db: conn} }

const planCols = `id, code, name, monthly_fee_minor, joining_fee_minor, currency, min_term_months, all_clubs, off_peak_only, class_credits`

func scan(row interface{ Scan(...any) error }) (models.Plan, error) {
	var p models.Plan
	var fee, join int64
	var cur string
	err := row.Scan(&p.ID, &p.Code, &p.Name, &fee, &join, &cur, &p.MinTermMonths, &p.AllClubs, &p.OffPeakOnly, &p.ClassCredits)
	p.MonthlyFee, p.JoiningFee = money.New(fee, cur), money.New(join, cur)
	return p, err
}

// ForClub lists plans on sale at a club.
func (c *Catalogue) ForClub(ctx context.Context, clubID string) ([]models.Plan, error) {
	rows, err := c.db.QueryContext(ctx, `SELECT `+planCols+` FROM membership_plans p
		WHERE p.on_sale AND (p.all_clubs OR EXISTS (SELECT 1 FROM membership_plan_clubs pc WHERE pc.plan_id = p.id AND pc.club_id = $1))
		ORDER BY monthly_fee_minor`, clubID)
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
		out = append(out, p)
	}
	return out, rows.Err()
}

func (c *Catalogue) ByCode(ctx context.Context, code string) (models.Plan, error) {
	p, err := scan(c.db.QueryRowContext(ctx, `SELECT `+planCols+` FROM membership_plans WHERE code = $1 AND on_sale`, strings.ToUpper(code)))
	return p, db.NotFound(err, "plan")
}

func (c *Catalogue) ByID(ctx context.Context, id string) (models.Plan, error) {
	p, err := scan(c.db.QueryRowContext(ctx, `SELECT `+planCols+` FROM membership_plans WHERE id = $1`, id))
	return p, db.NotFound(err, "plan")
}

// Promo is a joining offer.
type Promo struct {
	Code          string
	JoiningFeeOff bool
	FirstMonthBP  int // discount in basis points on first month
	ValidUntil    time.Time
}

// ApplyPromo looks up a promo code and returns the adjusted plan.
func (c *Catalogue) ApplyPromo(ctx context.Context, p models.Plan, code string, now time.Time) (models.Plan, error) {
	if code == "" {
		return p, nil
	}
	var pr Promo
	err := c.db.QueryRowContext(ctx, `SELECT code, joining_fee_off, first_month_bp, valid_until
		FROM membership_promos WHERE code = $1`, strings.ToUpper(code)).Scan(&pr.Code, &pr.JoiningFeeOff, &pr.FirstMonthBP, &pr.ValidUntil)
	if err != nil {
		return p, db.NotFound(err, "promo")
	}
	if now.After(pr.ValidUntil) {
		return p, errs.Invalid("promo %s has expired", pr.Code)
	}
	if pr.JoiningFeeOff {
		p.JoiningFee = money.New(0, p.JoiningFee.Currency)
	}
	if pr.FirstMonthBP > 0 {
		p.MonthlyFee = p.MonthlyFee.Sub(p.MonthlyFee.Percent(pr.FirstMonthBP))
	}
	return p, nil
}
