// Package reserve sets and reviews case reserves. The initial reserve
// factors come from the actuarial team's annual study (ACT-2023-07).
package reserve

import (
	"context"
	"time"

	"harbormutual.com/core/claims/claimsdb"
	"harbormutual.com/core/domain"
	"harbormutual.com/core/platform/log"
	"harbormutual.com/core/platform/money"
)

// average incurred per loss type, used when the estimate is missing
var averages = map[domain.LossType]money.Money{
	domain.LossCollision: money.Dollars(4_800),
	domain.LossTheft:     money.Dollars(9_500),
	domain.LossGlass:     money.Dollars(450),
	domain.LossFire:      money.Dollars(38_000),
	domain.LossWater:     money.Dollars(11_000),
	domain.LossWind:      money.Dollars(14_500),
	domain.LossLiability: money.Dollars(22_000),
}

// development loads the estimate for expected creep
var development = map[domain.LossType]float64{
	domain.LossCollision: 1.10,
	domain.LossTheft:     1.00,
	domain.LossGlass:     1.00,
	domain.LossFire:      1.25,
	domain.LossWater:     1.30,
	domain.LossWind:      1.20,
	domain.LossLiability: 1.50,
}

// Initial returns the opening reserve, capped at the remaining limit and net of deductible.
func Initial(c *domain.Claim, limit, deductible money.Money) money.Money {
	base := c.Estimate
	if base <= 0 {
		base = averages[c.LossType]
	}
	f, ok := development[c.LossType]
	if !ok {
		f = 1.0
	}
	r := base.Mul(f) - deductible
	if limit > 0 {
		r = money.Min(r, limit)
	}
	return money.Max(r, 0)
}

// Reviewer bumps reserves on claims that have aged without movement.
type Reviewer struct {
	repo *claimsdb.Repo
	log  *log.Logger
}

func NewReviewer(repo *claimsdb.Repo) *Reviewer {
	return &Reviewer{repo: repo, log: log.New("reserve")}
}

// Review is the nightly reserve adequacy job: open claims older than 90 days
// whose reserve is below the average for the loss type are raised to it.
func (r *Reviewer) Review(ctx context.Context, asOf time.Time) (reviewed, changed int, err error) {
	open, err := r.repo.ListOpen(ctx, asOf.AddDate(0, 0, -90), 1000)
	if err != nil {
		return 0, 0, err
	}
	for _, c := range open {
		reviewed++
		avg := averages[c.LossType]
		if c.Reserve+c.Paid >= avg || c.Status == domain.ClaimApproved {
			continue
		}
		if err := r.repo.SetReserve(ctx, c.ID, avg-c.Paid, "aged reserve review", "system:reserve-review"); err != nil {
			r.log.Error("reserve update failed", err, "claim", c.Number)
			continue
		}
		changed++
	}
	return reviewed, changed, nil
}
