// Package rates holds freelance rate cards and computes commission fees.
package rates

import (
	"context"
	"database/sql"
	"time"

	"github.com/dailyherald/newsroom/pkg/db"
	"github.com/dailyherald/newsroom/pkg/errs"
	"github.com/dailyherald/newsroom/pkg/money"
)

type Basis string

const (
	PerWord  Basis = "per_word"
	PerPiece Basis = "per_piece"
	DayRate  Basis = "day_rate"
)

type Card struct {
	ContributorID string      `json:"contributor_id"`
	Basis         Basis       `json:"basis"`
	Amount        money.Money `json:"amount"`
	PremiumUplift int         `json:"premium_uplift_pct"`
	MinimumFee    money.Money `json:"minimum_fee"`
	ValidFrom     time.Time   `json:"valid_from"`
}

type Service struct {
	DB       *sql.DB
	Currency string
}

// Current returns the rate card in force at t for the contributor.
func (s *Service) Current(ctx context.Context, contributorID string, at time.Time) (*Card, error) {
	c := Card{ContributorID: contributorID}
	var amount, minimum int64
	var currency string
	err := s.DB.QueryRowContext(ctx, `
		SELECT basis, amount_cents, currency, premium_uplift_pct, minimum_fee_cents, valid_from
		FROM contributor_rates
		WHERE contributor_id = $1 AND valid_from <= $2
		ORDER BY valid_from DESC LIMIT 1`, contributorID, at).
		Scan(&c.Basis, &amount, &currency, &c.PremiumUplift, &minimum, &c.ValidFrom)
	if db.IsNoRows(err) {
		return nil, errs.NotFoundf("no rate card for contributor %s", contributorID)
	}
	if err != nil {
		return nil, err
	}
	c.Amount = money.New(amount, currency)
	c.MinimumFee = money.New(minimum, currency)
	return &c, nil
}

func (s *Service) Set(ctx context.Context, c Card) error {
	if c.Amount.Cents <= 0 {
		return errs.Invalidf("rate must be positive")
	}
	if c.Basis != PerWord && c.Basis != PerPiece && c.Basis != DayRate {
		return errs.Invalidf("unknown basis %q", c.Basis)
	}
	if c.PremiumUplift < 0 || c.PremiumUplift > 100 {
		return errs.Invalidf("premium uplift must be 0-100%%")
	}
	_, err := s.DB.ExecContext(ctx, `
		INSERT INTO contributor_rates (contributor_id, basis, amount_cents, currency, premium_uplift_pct, minimum_fee_cents, valid_from)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		c.ContributorID, string(c.Basis), c.Amount.Cents, c.Amount.Currency, c.PremiumUplift, c.MinimumFee.Cents, c.ValidFrom)
	return err
}

// Fee computes the fee for a piece. Split bylines share the fee equally.
func Fee(c *Card, wordCount int, premium bool, coAuthors int) money.Money {
	var fee money.Money
	switch c.Basis {
	case PerWord:
		fee = c.Amount.Mul(int64(wordCount))
	case PerPiece, DayRate:
		fee = c.Amount
	}
	if premium && c.PremiumUplift > 0 {
		fee = fee.Add(fee.Percent(float64(c.PremiumUplift)))
	}
	if coAuthors > 1 {
		fee = fee.MulRat(1, int64(coAuthors))
	}
	if fee.LessThan(c.MinimumFee) {
		fee = c.MinimumFee
	}
	return fee
}
