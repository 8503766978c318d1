// Package underwriting decides whether Harbor Mutual will write a risk.
package underwriting

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"harbormutual.com/core/domain"
	"harbormutual.com/core/platform/db"
	"harbormutual.com/core/platform/errs"
	"harbormutual.com/core/platform/log"
	"harbormutual.com/core/underwriting/rules"
	"harbormutual.com/core/underwriting/uwdb"
)

// Outcome is returned to quoting and policy.
type Outcome struct {
	DecisionID int64             `json:"decision_id"`
	Decision   domain.UWDecision `json:"decision"`
	Findings   []rules.Finding   `json:"findings"`
	ReferralID int64             `json:"referral_id,omitempty"`
}

// Notes flattens findings for display on a quote.
func (o *Outcome) Notes() []string {
	out := make([]string, len(o.Findings))
	for i, f := range o.Findings {
		out[i] = fmt.Sprintf("%s %s: %s", f.Rule, f.Decision, f.Reason)
	}
	return out
}

type Service struct {
	db    *db.DB
	rules *rules.Set
	repo  *uwdb.Repo
	log   *log.Logger
}

func NewService(pool *db.DB, rs *rules.Set, repo *uwdb.Repo) *Service {
	return &Service{db: pool, rules: rs, repo: repo, log: log.New("underwriting")}
}

// Evaluate runs the rules and records the decision against subjectRef
// ("quote:12"). A REFER creates a referral for the underwriting desk.
func (s *Service) Evaluate(ctx context.Context, subjectRef string, subj *rules.Subject, actor string) (*Outcome, error) {
	decision, findings, err := s.rules.Evaluate(ctx, subj)
	if err != nil {
		return nil, errs.Wrap("underwriting.Evaluate", err)
	}
	raw, _ := json.Marshal(findings)
	out := &Outcome{Decision: decision, Findings: findings}
	err = s.db.WithTx(ctx, func(ctx context.Context) error {
		d := &uwdb.Decision{Subject: subjectRef, Decision: decision, Findings: raw, DecidedBy: "rules:" + actor}
		if err := s.repo.InsertDecision(ctx, d); err != nil {
			return err
		}
		out.DecisionID = d.ID
		if decision != domain.Refer {
			return nil
		}
		var reasons []string
		for _, f := range findings {
			if f.Decision == domain.Refer {
				reasons = append(reasons, f.Reason)
			}
		}
		ref := &uwdb.Referral{DecisionID: d.ID, Subject: subjectRef, Reason: strings.Join(reasons, "; ")}
		if err := s.repo.InsertReferral(ctx, ref); err != nil {
			return err
		}
		out.ReferralID = ref.ID
		return nil
	})
	if err != nil {
		return nil, err
	}
	s.log.Info("underwriting decision", "subject", subjectRef, "decision", decision, "findings", len(findings))
	return out, nil
}

// Cleared reports whether subjectRef has a current ACCEPT, either from the
// rules or from an underwriter approving a referral.
func (s *Service) Cleared(ctx context.Context, subjectRef string) (bool, error) {
	d, err := s.repo.LatestDecision(ctx, subjectRef)
	if errs.IsNotFound(err) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return d.Decision == domain.Accept, nil
}

// ResolveReferral records an underwriter's call.
func (s *Service) ResolveReferral(ctx context.Context, referralID int64, approve bool, underwriter, note string) error {
	return s.db.WithTx(ctx, func(ctx context.Context) error {
		ref, err := s.repo.GetReferral(ctx, referralID)
		if err != nil {
			return err
		}
		status, decision := "DECLINED", domain.Decline
		if approve {
			status, decision = "APPROVED", domain.Accept
		}
		if err := s.repo.ResolveReferral(ctx, referralID, status, underwriter, note); err != nil {
			return err
		}
		raw, _ := json.Marshal([]rules.Finding{{Rule: "MANUAL", Decision: decision, Reason: note}})
		return s.repo.InsertDecision(ctx, &uwdb.Decision{Subject: ref.Subject, Decision: decision, Findings: raw, DecidedBy: underwriter})
	})
}

func (s *Service) OpenReferrals(ctx context.Context) ([]uwdb.Referral, error) {
	return s.repo.OpenReferrals(ctx, 200)
}

// ExpireReferrals is a nightly job: referrals older than 30 days are declined.
func (s *Service) ExpireReferrals(ctx context.Context, asOf time.Time) (int64, error) {
	return s.repo.ExpireStaleReferrals(ctx, asOf.AddDate(0, 0, -30))
}
