// Package approvals builds and evaluates requisition approval chains.
//
// A chain is an ordered list of approvers; each must approve in turn. Any
// rejection rejects the requisition.
package approvals

import (
	"hash/fnv"

	"github.com/hirebase/ats/internal/models"
	"github.com/hirebase/ats/internal/platform/errs"
	"github.com/hirebase/ats/internal/platform/ids"
	"github.com/hirebase/ats/internal/platform/money"
)

// Policy is the tenant's approval policy. Defaults are used when a tenant has none.
type Policy struct {
	FinanceSalaryThreshold money.Amount // salary max above this needs finance
	AlwaysFinanceNewHC     bool         // new headcount (non-backfill) always needs finance
	ExecOpeningsThreshold  int          // this many openings or more need the exec approver
	ExecApproverID         string
}

func DefaultPolicy(currency string) Policy {
	return Policy{
		FinanceSalaryThreshold: money.New(200_000_00, currency),
		AlwaysFinanceNewHC:     true,
		ExecOpeningsThreshold:  5,
	}
}

// Input is everything needed to decide the chain for a requisition.
type Input struct {
	Req            models.Requisition
	DepartmentHead string
	Finance        []string
}

// BuildChain returns the ordered approval steps; an empty chain means auto-approve.
func BuildChain(p Policy, in Input) []models.ApprovalStep {
	var steps []models.ApprovalStep
	add := func(userID, reason string) {
		if userID == "" || userID == in.Req.CreatedBy {
			return
		}
		for _, s := range steps {
			if s.ApproverID == userID {
				return
			}
		}
		steps = append(steps, models.ApprovalStep{
			ID: ids.New(ids.Approval), RequisitionID: in.Req.ID, Seq: len(steps) + 1,
			ApproverID: userID, Reason: reason, Decision: "pending",
		})
	}

	if in.DepartmentHead != in.Req.HiringManagerID {
		add(in.DepartmentHead, "department head")
	}
	needFinance := (!in.Req.Backfill && p.AlwaysFinanceNewHC) ||
		(p.FinanceSalaryThreshold.Currency == in.Req.SalaryMax.Currency && in.Req.SalaryMax.Greater(p.FinanceSalaryThreshold))
	if needFinance && len(in.Finance) > 0 {
		add(pick(in.Finance, in.Req.ID), "finance")
	}
	if p.ExecOpeningsThreshold > 0 && in.Req.Openings >= p.ExecOpeningsThreshold {
		add(p.ExecApproverID, "bulk headcount")
	}
	return steps
}

// pick spreads finance approvals across the finance team deterministically.
func pick(users []string, key string) string {
	h := fnv.New32a()
	h.Write([]byte(key))
	return users[int(h.Sum32())%len(users)]
}

// Outcome is the evaluated state of a chain.
type Outcome int

const (
	Pending Outcome = iota
	Approved
	Rejected
)

// Evaluate returns the chain outcome and, when pending, the current step index.
func Evaluate(steps []models.ApprovalStep) (Outcome, int) {
	for i, s := range steps {
		switch s.Decision {
		case "rejected":
			return Rejected, -1
		case "pending":
			return Pending, i
		}
	}
	return Approved, -1
}

// CurrentStepFor returns the step the user may decide now.
func CurrentStepFor(steps []models.ApprovalStep, userID string, isAdmin bool) (models.ApprovalStep, error) {
	out, idx := Evaluate(steps)
	if out != Pending {
		return models.ApprovalStep{}, errs.Conflict("requisition is not awaiting approval")
	}
	cur := steps[idx]
	if cur.ApproverID != userID && !isAdmin {
		return models.ApprovalStep{}, errs.Forbidden("it is not your turn to approve this requisition")
	}
	return cur, nil
}
