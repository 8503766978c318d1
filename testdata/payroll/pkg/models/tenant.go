package models

import (
	"time"

	"github.com/ledgerly/people/pkg/money"
)

// Plan is a subscription tier.
type Plan string

const (
	PlanStarter    Plan = "starter"
	PlanGrowth     Plan = "growth"
	PlanEnterprise Plan = "enterprise"
)

// BenefitEnrollment is an employee's elected plan.
type BenefitEnrollment struct {
	ID            string      `json:"id"`
	EmployeeID    string      `json:"employee_id"`
	PlanID        string      `json:"plan_id"`
	CoverageLevel string      `json:"coverage_level"`
	EmployeeCost  money.Money `json:"employee_cost"`
	EmployerCost  money.Money `json:"employer_cost"`
	PreTax        bool        `json:"pre_tax"`
	StartsOn      time.Time   `json:"starts_on"`
	EndsOn        *time.Time  `json:"ends_on,omitempty"`
}
