// Package insurance estimates what a plan pays and submits claims to the
// clearinghouse.
package insurance

import (
	"strings"

	"github.com/acme/clinic/pkg/domain"
)

// Plan is a simplified benefit design.
type Plan struct {
	InsurerCode      string
	Name             string
	CopayCents       int64 // per office visit
	DeductibleCents  int64
	CoinsurancePct   int // patient share after deductible, 0-100
	OutOfPocketCents int64
	Excluded         map[string]bool
}

// KnownPlans are the payers we have contracts with.
var KnownPlans = map[string]Plan{
	"BCBS-PPO": {InsurerCode: "BCBS-PPO", Name: "Blue Cross PPO", CopayCents: 2500, DeductibleCents: 150000, CoinsurancePct: 20, OutOfPocketCents: 600000},
	"AETNA-HMO": {InsurerCode: "AETNA-HMO", Name: "Aetna HMO", CopayCents: 2000, DeductibleCents: 0, CoinsurancePct: 0, OutOfPocketCents: 450000,
		Excluded: map[string]bool{"17110": true}},
	"MEDICARE-B": {InsurerCode: "MEDICARE-B", Name: "Medicare Part B", DeductibleCents: 24000, CoinsurancePct: 20},
	"SELF":       {InsurerCode: "SELF", Name: "Self-pay", CoinsurancePct: 100},
}

func LookupPlan(code string) (Plan, bool) {
	p, ok := KnownPlans[strings.ToUpper(code)]
	return p, ok
}

// Accumulator is what the patient has already paid this plan year.
type Accumulator struct {
	DeductibleMetCents  int64
	OutOfPocketMetCents int64
}

type LineEstimate struct {
	Code        string
	ChargeCents int64
	PlanCents   int64
	PatientCent int64
	Reason      string
}

type Estimate struct {
	PlanPaysCents    int64
	PatientPaysCents int64
	Lines            []LineEstimate
}

func isOfficeVisit(code string) bool {
	return strings.HasPrefix(code, "992") || code == "99442"
}

// EstimateCoverage walks the invoice lines applying copay, deductible,
// coinsurance and the out-of-pocket maximum, in that order.
func EstimateCoverage(plan Plan, acc Accumulator, inv domain.Invoice) Estimate {
	var est Estimate
	dedLeft := max(plan.DeductibleCents-acc.DeductibleMetCents, 0)
	oopLeft := int64(-1)
	if plan.OutOfPocketCents > 0 {
		oopLeft = max(plan.OutOfPocketCents-acc.OutOfPocketMetCents, 0)
	}
	copayUsed := false
	for _, l := range inv.Lines {
		charge := l.TotalCents()
		le := LineEstimate{Code: l.Code, ChargeCents: charge}
		var patient int64
		switch {
		case plan.Excluded[l.Code] || l.Code == "LATECXL" || l.Code == "NOSHOW":
			patient, le.Reason = charge, "not covered"
		case isOfficeVisit(l.Code) && plan.CopayCents > 0:
			if !copayUsed {
				patient, le.Reason = min(plan.CopayCents, charge), "copay"
				copayUsed = true
			} else {
				le.Reason = "covered"
			}
		default:
			fromDed := min(dedLeft, charge)
			dedLeft -= fromDed
			rest := charge - fromDed
			patient = fromDed + rest*int64(plan.CoinsurancePct)/100
			le.Reason = "deductible/coinsurance"
		}
		if oopLeft >= 0 {
			if patient > oopLeft {
				patient, le.Reason = oopLeft, le.Reason+" (oop max)"
			}
			oopLeft -= patient
		}
		le.PatientCent = patient
		le.PlanCents = charge - patient
		est.PatientPaysCents += patient
		est.PlanPaysCents += le.PlanCents
		est.Lines = append(est.Lines, le)
	}
	return est
}
