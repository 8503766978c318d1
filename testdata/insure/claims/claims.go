// Package claims manages the claim lifecycle after intake: review,
// approval, payment, denial and closure.
package claims

import (
	"context"
	"fmt"

	"harbormutual.com/core/billing/billingdb"
	"harbormutual.com/core/claims/adjuster"
	"harbormutual.com/core/claims/claimsdb"
	"harbormutual.com/core/domain"
	"harbormutual.com/core/events"
	"harbormutual.com/core/platform/dates"
	"harbormutual.com/core/platform/db"
	"harbormutual.com/core/platform/errs"
	"harbormutual.com/core/platform/log"
	"harbormutual.com/core/platform/money"
)

type Service struct {
	db       *db.DB
	repo     *claimsdb.Repo
	assigner *adjuster.Assigner
	billing  *billingdb.Repo // premium-paid check before paying a claim (CLM-233)
	bus      events.Publisher
	clock    dates.Clock
	log      *log.Logger
}

func NewService(pool *db.DB, repo *claimsdb.Repo, assigner *adjuster.Assigner, billing *billingdb.Repo,
	bus events.Publisher, clock dates.Clock) *Service {
	return &Service{db: pool, repo: repo, assigner: assigner, billing: billing, bus: bus, clock: clock, log: log.New("claims")}
}

func (s *Service) Get(ctx context.Context, id int64) (*domain.Claim, error) {
	return s.repo.Get(ctx, id)
}

func (s *Service) ListByPolicy(ctx context.Context, policyID int64) ([]*domain.Claim, error) {
	return s.repo.ListByPolicy(ctx, policyID)
}

func (s *Service) Approve(ctx context.Context, id int64, actor string) error {
	return s.db.WithTx(ctx, func(ctx context.Context) error {
		if err := s.repo.UpdateStatus(ctx, id, []domain.ClaimStatus{domain.ClaimInReview, domain.ClaimSIU}, domain.ClaimApproved); err != nil {
			return err
		}
		return s.repo.AddNote(ctx, id, actor, "claim approved")
	})
}

func (s *Service) Deny(ctx context.Context, id int64, actor, reason string) error {
	return s.db.WithTx(ctx, func(ctx context.Context) error {
		c, err := s.repo.Get(ctx, id)
		if err != nil {
			return err
		}
		if err := s.repo.UpdateStatus(ctx, id, []domain.ClaimStatus{domain.ClaimOpen, domain.ClaimInReview, domain.ClaimSIU}, domain.ClaimDenied); err != nil {
			return err
		}
		if err := s.repo.SetReserve(ctx, id, 0, "denied", actor); err != nil {
			return err
		}
		return s.repo.AddNote(ctx, c.ID, actor, "claim denied: "+reason)
	})
}

// PaymentRequest is an indemnity payment on an approved claim.
type PaymentRequest struct {
	Amount money.Money `json:"amount"`
	Payee  string      `json:"payee"`
	Method string      `json:"method"` // CHECK, EFT
	Final  bool        `json:"final"`
}

// Pay issues an indemnity payment after checking the remaining limit, the
// adjuster's authority and that the premium was paid when the loss occurred.
func (s *Service) Pay(ctx context.Context, id int64, req PaymentRequest, actor string) error {
	if req.Amount <= 0 || req.Payee == "" {
		return errs.Invalidf("claims.Pay", "amount and payee required")
	}
	var settled bool
	var c *domain.Claim
	err := s.db.WithTx(ctx, func(ctx context.Context) error {
		var err error
		c, err = s.repo.Get(ctx, id)
		if err != nil {
			return err
		}
		if c.Status != domain.ClaimApproved {
			return errs.Conflictf("claims.Pay", "claim %s is %s, not APPROVED", c.Number, c.Status)
		}
		cov, err := s.repo.CoverageAt(ctx, c.PolicyID, c.Coverage, c.LossDate)
		if err != nil {
			return err
		}
		net := req.Amount
		if c.Paid == 0 {
			net -= cov.Deductible
		}
		if net <= 0 {
			return errs.Invalidf("claims.Pay", "payment does not exceed the %s deductible", cov.Deductible)
		}
		if net > cov.Remaining() {
			return errs.Conflictf("claims.Pay", "payment %s exceeds remaining limit %s", net, cov.Remaining())
		}
		owed, err := s.billing.OutstandingForPolicy(ctx, c.PolicyID, c.LossDate)
		if err != nil {
			return err
		}
		if owed > money.Dollars(25) {
			return errs.Conflictf("claims.Pay", "premium of %s was past due on the loss date; refer to supervisor", owed)
		}
		if c.AdjusterID != 0 {
			ok, err := s.assigner.CanApprove(ctx, c.AdjusterID, net)
			if err != nil {
				return err
			}
			if !ok {
				return errs.E("claims.Pay", errs.Forbidden, "payment %s exceeds adjuster authority", net)
			}
		}
		if _, err := s.repo.AddPayment(ctx, c.ID, net, req.Payee, req.Method); err != nil {
			return err
		}
		if err := s.repo.AddNote(ctx, c.ID, actor, fmt.Sprintf("paid %s to %s", net, req.Payee)); err != nil {
			return err
		}
		if req.Final {
			settled = true
			if err := s.repo.SetReserve(ctx, c.ID, 0, "final payment", actor); err != nil {
				return err
			}
			return s.repo.UpdateStatus(ctx, c.ID, []domain.ClaimStatus{domain.ClaimApproved}, domain.ClaimPaid)
		}
		return nil
	})
	if err != nil || !settled {
		return err
	}
	return s.bus.Publish(ctx, events.ClaimSettledEvent{ClaimID: c.ID, PolicyID: c.PolicyID, Amount: c.Paid + req.Amount})
}

// OnClaimFlagged routes a claim to SIU when fraud scoring flags it.
func (s *Service) OnClaimFlagged(ctx context.Context, e events.Event) error {
	ev := e.(events.ClaimFlaggedEvent)
	return s.db.WithTx(ctx, func(ctx context.Context) error {
		if err := s.repo.SetFraudScore(ctx, ev.ClaimID, ev.Score); err != nil {
			return err
		}
		err := s.repo.UpdateStatus(ctx, ev.ClaimID, []domain.ClaimStatus{domain.ClaimOpen, domain.ClaimInReview}, domain.ClaimSIU)
		if errs.KindOf(err) == errs.Conflict {
			s.log.Warn("flagged claim not in a reviewable state", "claim", ev.ClaimID)
			return nil
		}
		if err != nil {
			return err
		}
		return s.repo.AddNote(ctx, ev.ClaimID, "system:fraud", fmt.Sprintf("referred to SIU (score %.2f): %v", ev.Score, ev.Reasons))
	})
}
