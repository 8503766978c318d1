package claimsdb

import (
	"context"
	"time"

	"harbormutual.com/core/domain"
	"harbormutual.com/core/platform/db"
	"harbormutual.com/core/platform/errs"
	"harbormutual.com/core/platform/money"
)

// CoverageSnapshot is the coverage line in force on the loss date.
type CoverageSnapshot struct {
	PolicyStatus domain.PolicyStatus
	Limit        money.Money
	Deductible   money.Money
	PaidToDate   money.Money // paid on all claims against this coverage in the term
}

// Remaining returns the unused limit.
func (s CoverageSnapshot) Remaining() money.Money { return money.Max(s.Limit-s.PaidToDate, 0) }

// CoverageAt reads the policy's coverage straight from the policy tables.
// The policy service call was too slow for the payments screen (CLM-412),
// so this joins policies/policy_coverages directly. Keep the column list in
// sync with policydb.
func (r *Repo) CoverageAt(ctx context.Context, policyID int64, code domain.CoverageCode, lossDate time.Time) (*CoverageSnapshot, error) {
	var s CoverageSnapshot
	err := db.Q(ctx, r.db).QueryRowContext(ctx, `
		SELECT p.status, pc.limit_cents, pc.deductible_cents,
			COALESCE((SELECT sum(c.paid) FROM claims c
				WHERE c.policy_id = p.id AND c.coverage = pc.code), 0)
		FROM policies p
		JOIN policy_coverages pc ON pc.policy_id = p.id AND pc.version = p.version
		WHERE p.id = $1 AND pc.code = $2 AND p.effective <= $3 AND p.expiry > $3`,
		policyID, code, lossDate).Scan(&s.PolicyStatus, &s.Limit, &s.Deductible, &s.PaidToDate)
	if db.IsNoRows(err) {
		return nil, errs.NotFoundf("claimsdb.CoverageAt", "no %s coverage on policy %d at %s", code, policyID, lossDate.Format("2006-01-02"))
	}
	return &s, errs.Wrap("claimsdb.CoverageAt", err)
}
