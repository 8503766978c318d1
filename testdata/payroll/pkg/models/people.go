// Package models holds the domain structs that grew up with the original
// Rails-to-Go port. Most stores still read and write these directly.
package models

import (
	"time"

	"github.com/ledgerly/people/pkg/dates"
	"github.com/ledgerly/people/pkg/money"
)

// EmploymentStatus of an employee.
type EmploymentStatus string

const (
	StatusPending    EmploymentStatus = "pending"
	StatusActive     EmploymentStatus = "active"
	StatusOnLeave    EmploymentStatus = "on_leave"
	StatusTerminated EmploymentStatus = "terminated"
)

// EmploymentType of an employee.
type EmploymentType string

const (
	FullTime   EmploymentType = "full_time"
	PartTime   EmploymentType = "part_time"
	Contractor EmploymentType = "contractor"
)

// Employee is a person employed by a tenant.
type Employee struct {
	ID             string           `json:"id" db:"id"`
	TenantID       string           `json:"tenant_id" db:"tenant_id"`
	EmployeeNumber string           `json:"employee_number" db:"employee_number"`
	FirstName      string           `json:"first_name" db:"first_name"`
	LastName       string           `json:"last_name" db:"last_name"`
	Email          string           `json:"email" db:"email"`
	DepartmentID   string           `json:"department_id" db:"department_id"`
	ManagerID      string           `json:"manager_id" db:"manager_id"`
	Title          string           `json:"title" db:"title"`
	Type           EmploymentType   `json:"type" db:"employment_type"`
	Status         EmploymentStatus `json:"status" db:"status"`
	WorkState      string           `json:"work_state" db:"work_state"`
	HireDate       time.Time        `json:"hire_date" db:"hire_date"`
	TerminatedAt   *time.Time       `json:"terminated_at,omitempty" db:"terminated_at"`
	CreatedAt      time.Time        `json:"created_at" db:"created_at"`
}

// FullName returns "First Last".
func (e Employee) FullName() string { return e.FirstName + " " + e.LastName }

// IsActive reports whether the employee is on payroll.
func (e Employee) IsActive() bool { return e.Status == StatusActive || e.Status == StatusOnLeave }

// Department is a node in the org chart.
type Department struct {
	ID       string `json:"id" db:"id"`
	TenantID string `json:"tenant_id" db:"tenant_id"`
	Name     string `json:"name" db:"name"`
	ParentID string `json:"parent_id" db:"parent_id"`
	HeadID   string `json:"head_id" db:"head_id"`
	CostCode string `json:"cost_code" db:"cost_code"`
}

// PayBasis says how compensation is expressed.
type PayBasis string

const (
	Salaried PayBasis = "salary"
	Hourly   PayBasis = "hourly"
)

// Compensation is an employee's pay rate effective from a date.
type Compensation struct {
	EmployeeID    string          `json:"employee_id"`
	Basis         PayBasis        `json:"basis"`
	AnnualSalary  money.Money     `json:"annual_salary"`
	HourlyRate    money.Money     `json:"hourly_rate"`
	Frequency     dates.Frequency `json:"frequency"`
	EffectiveFrom time.Time       `json:"effective_from"`
	FilingStatus  string          `json:"filing_status"`
	Allowances    int             `json:"allowances"`
}
