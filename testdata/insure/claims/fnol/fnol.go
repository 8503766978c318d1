// Package fnol is first notice of loss: the intake of new claims from the
// call centre, the portal and the mobile app.
package fnol

import (
	"context"
	"strings"
	"time"

	"harbormutual.com/core/claims/adjuster"
	"harbormutual.com/core/claims/claimsdb"
	"harbormutual.com/core/claims/reserve"
	"harbormutual.com/core/domain"
	"harbormutual.com/core/events"
	"harbormutual.com/core/platform/dates"
	"harbormutual.com/core/platform/db"
	"harbormutual.com/core/platform/errs"
	"harbormutual.com/core/platform/ids"
	"harbormutual.com/core/platform/log"
	"harbormutual.com/core/platform/money"
	"harbormutual.com/core/util"
)

// PolicyLookup is satisfied by policy.Service.
type PolicyLookup interface {
	CoverageOn(ctx context.Context, policyID int64, lossDate time.Time) (*domain.Policy, error)
}

// Report is what the claimant tells us.
type Report struct {
	PolicyID    int64           `json:"policy_id"`
	LossDate    time.Time       `json:"loss_date"`
	LossType    domain.LossType `json:"loss_type"`
	Description string          `json:"description"`
	LossZip     string          `json:"loss_zip"`
	Estimate    money.Money     `json:"estimate"`
	Channel     string          `json:"channel"` // PHONE, PORTAL, APP
	ReportedBy  string          `json:"reported_by"`
}

type Intake struct {
	db       *db.DB
	repo     *claimsdb.Repo
	policies PolicyLookup
	assigner *adjuster.Assigner
	bus      events.Publisher
	clock    dates.Clock
	log      *log.Logger
}

func New(pool *db.DB, repo *claimsdb.Repo, policies PolicyLookup, assigner *adjuster.Assigner,
	bus events.Publisher, clock dates.Clock) *Intake {
	return &Intake{db: pool, repo: repo, policies: policies, assigner: assigner, bus: bus, clock: clock, log: log.New("fnol")}
}

func (r *Report) validate(now time.Time) error {
	if r.PolicyID == 0 {
		return errs.Invalidf("fnol.validate", "policy_id required")
	}
	if r.LossDate.IsZero() || r.LossDate.After(now) {
		return errs.Invalidf("fnol.validate", "loss date missing or in the future")
	}
	if r.LossDate.Before(now.AddDate(-2, 0, 0)) {
		return errs.Invalidf("fnol.validate", "loss is older than the 2 year reporting limit")
	}
	if strings.TrimSpace(r.Description) == "" {
		return errs.Invalidf("fnol.validate", "description required")
	}
	r.LossZip = util.NormalizeZip(r.LossZip)
	return nil
}

// File opens a claim.
func (in *Intake) File(ctx context.Context, rep Report) (*domain.Claim, error) {
	now := in.clock.Now()
	if err := rep.validate(now); err != nil {
		return nil, err
	}
	p, err := in.policies.CoverageOn(ctx, rep.PolicyID, rep.LossDate)
	if err != nil {
		return nil, err
	}
	code := rep.LossType.CoverageFor(p.LOB)
	cov, ok := p.Coverage(code)
	if !ok {
		return nil, errs.Conflictf("fnol.File", "policy %s has no %s coverage for a %s loss", p.Number, code, rep.LossType)
	}
	c := &domain.Claim{
		PolicyID: p.ID, CustomerID: p.CustomerID, LossDate: dates.Day(rep.LossDate), ReportedAt: now,
		LossType: rep.LossType, Coverage: code, Description: util.Truncate(rep.Description, 4000),
		LossZip: util.Coalesce(rep.LossZip, garageZip(p)), Status: domain.ClaimOpen, Estimate: rep.Estimate,
	}
	c.Reserve = reserve.Initial(c, cov.Limit, cov.Deductible)
	err = in.db.WithTx(ctx, func(ctx context.Context) error {
		seq, err := in.repo.NextSeq(ctx)
		if err != nil {
			return err
		}
		c.Number = ids.ClaimNumber(now.Year(), seq)
		if c.AdjusterID, err = in.assigner.Assign(ctx, c, p.LOB, p.State); err != nil {
			return err
		}
		if err := in.repo.Insert(ctx, c); err != nil {
			return err
		}
		if err := in.repo.SetReserve(ctx, c.ID, c.Reserve, "initial reserve", "system:fnol"); err != nil {
			return err
		}
		return in.repo.AddNote(ctx, c.ID, util.Coalesce(rep.ReportedBy, rep.Channel, "unknown"), "FNOL: "+c.Description)
	})
	if err != nil {
		return nil, err
	}
	in.log.Info("claim filed", "claim", c.Number, "policy", p.Number, "reserve", c.Reserve.String())
	err = in.bus.Publish(ctx, events.ClaimFiledEvent{ClaimID: c.ID, ClaimNumber: c.Number, PolicyID: p.ID,
		CustomerID: p.CustomerID, LossType: string(c.LossType), LossDate: c.LossDate, Estimate: c.Estimate})
	return c, err
}

func garageZip(p *domain.Policy) string {
	if p.Risk.Dwelling != nil {
		return p.Risk.Dwelling.Zip
	}
	if len(p.Risk.Vehicles) > 0 {
		return p.Risk.Vehicles[0].GarageZip
	}
	return ""
}
