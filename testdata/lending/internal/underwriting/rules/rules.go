// Package rules holds the credit policy: knock-out rules, risk tiers and pricing.
// It is pure so that policy changes can be back-tested offline.
package rules

import (
	"fmt"

	"lendwise.io/platform/internal/models"
	"lendwise.io/platform/internal/platform/money"
)

// Input is everything the policy looks at.
type Input struct {
	Score           int
	DTIBps          int64
	AnnualIncome    money.Cents
	Inquiries6Mo    int
	Bankruptcies    int
	MaxDPD          int
	RequestedAmount money.Cents
	TermMonths      int
	State           string
	Frozen          bool
}

// Tier is a pricing band.
type Tier struct {
	Name     string `json:"name"`
	MinScore int    `json:"min_score"`
	APRBps   int64  `json:"apr_bps"`
	MaxTerm  int    `json:"max_term"`
	MaxLoan  int64  `json:"max_loan_cents"`
}

// Policy is versioned and stored in underwriting_policies.
type Policy struct {
	Version          string           `json:"version"`
	MinScore         int              `json:"min_score"`
	ReviewBelowScore int              `json:"review_below_score"`
	MaxDTIBps        int64            `json:"max_dti_bps"`
	ReviewDTIBps     int64            `json:"review_dti_bps"`
	MaxInquiries     int              `json:"max_inquiries"`
	MaxLoanToIncome  int64            `json:"max_loan_to_income_bps"`
	Tiers            []Tier           `json:"tiers"`
	StateAPRCaps     map[string]int64 `json:"state_apr_caps"`
}

// Default is the fallback policy when none is active in the database.
func Default() Policy {
	return Policy{
		Version: "2023.4-default", MinScore: 600, ReviewBelowScore: 620, MaxDTIBps: 4500, ReviewDTIBps: 4000,
		MaxInquiries: 6, MaxLoanToIncome: 3500,
		Tiers: []Tier{
			{Name: "A", MinScore: 740, APRBps: 899, MaxTerm: 60, MaxLoan: 5_000_000},
			{Name: "B", MinScore: 680, APRBps: 1499, MaxTerm: 60, MaxLoan: 3_500_000},
			{Name: "C", MinScore: 640, APRBps: 2299, MaxTerm: 48, MaxLoan: 2_000_000},
			{Name: "D", MinScore: 600, APRBps: 3199, MaxTerm: 36, MaxLoan: 1_000_000},
		},
		StateAPRCaps: map[string]int64{"CA": 3600, "TX": 3000, "IL": 3600, "OH": 2800},
	}
}

// Result is the outcome of evaluating the policy.
type Result struct {
	Outcome        models.DecisionOutcome
	Tier           string
	APRBps         int64
	ApprovedAmount money.Cents
	MaxTerm        int
	Reasons        []string
}

// Evaluate runs knock-outs first, then review triggers, then pricing.
func (p Policy) Evaluate(in Input) Result {
	var ko []string
	if in.Frozen {
		ko = append(ko, "R10 credit file frozen")
	}
	if in.Score < p.MinScore {
		ko = append(ko, fmt.Sprintf("R01 credit score %d below minimum", in.Score))
	}
	if in.Bankruptcies > 0 {
		ko = append(ko, "R02 bankruptcy on file")
	}
	if in.DTIBps > p.MaxDTIBps {
		ko = append(ko, "R03 debt-to-income too high")
	}
	if in.MaxDPD >= 60 {
		ko = append(ko, "R04 serious delinquency on existing obligations")
	}
	if in.Inquiries6Mo > p.MaxInquiries {
		ko = append(ko, "R05 too many recent credit inquiries")
	}
	if len(ko) > 0 {
		return Result{Outcome: models.OutcomeDecline, Reasons: ko}
	}
	tier, ok := p.tierFor(in.Score)
	if !ok {
		return Result{Outcome: models.OutcomeDecline, Reasons: []string{"R01 credit score below minimum"}}
	}
	apr := tier.APRBps
	if cap, ok := p.StateAPRCaps[in.State]; ok && apr > cap {
		apr = cap
	}
	amount := money.Min(in.RequestedAmount, money.Cents(tier.MaxLoan))
	if lti := in.AnnualIncome.ApplyBps(p.MaxLoanToIncome); amount > lti {
		amount = lti
	}
	res := Result{Outcome: models.OutcomeApprove, Tier: tier.Name, APRBps: apr, ApprovedAmount: amount, MaxTerm: tier.MaxTerm}
	if amount < in.RequestedAmount {
		res.Reasons = append(res.Reasons, "C01 counter-offer: amount reduced")
	}
	if in.Score < p.ReviewBelowScore || in.DTIBps > p.ReviewDTIBps {
		res.Outcome = models.OutcomeReview
		res.Reasons = append(res.Reasons, "M01 borderline file, manual review")
	}
	if amount < 100_000 {
		return Result{Outcome: models.OutcomeDecline, Reasons: []string{"R06 insufficient income for minimum loan"}}
	}
	return res
}

func (p Policy) tierFor(score int) (Tier, bool) {
	for _, t := range p.Tiers {
		if score >= t.MinScore {
			return t, true
		}
	}
	return Tier{}, false
}

// DTI computes monthly debt service (plus the new payment) over monthly income in bps.
func DTI(tradelines []models.Tradeline, newPayment money.Cents, annualIncome money.Cents) int64 {
	if annualIncome <= 0 {
		return 99_999
	}
	var debt money.Cents
	for _, t := range tradelines {
		if t.Kind == "mortgage" || t.Kind == "installment" || t.Kind == "revolving" || t.Kind == "auto" {
			debt += t.MonthlyPayment
		}
	}
	debt += newPayment
	return int64(debt) * 10000 * 12 / int64(annualIncome)
}
