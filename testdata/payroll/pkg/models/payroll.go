package models

import (
	"time"

	"github.com/ledgerly/people/pkg/dates"
	"github.com/ledgerly/people/pkg/money"
)

// PayRunStatus is the lifecycle of a pay run.
type PayRunStatus string

const (
	RunDraft      PayRunStatus = "draft"
	RunCalculated PayRunStatus = "calculated"
	RunApproved   PayRunStatus = "approved"
	RunPaid       PayRunStatus = "paid"
	RunVoided     PayRunStatus = "voided"
)

// PayRun is one payroll cycle for a tenant.
type PayRun struct {
	ID         string       `json:"id"`
	TenantID   string       `json:"tenant_id"`
	ScheduleID string       `json:"schedule_id"`
	Period     dates.Period `json:"period"`
	PayDate    dates.Date   `json:"pay_date"`
	Status     PayRunStatus `json:"status"`
	GrossTotal money.Money  `json:"gross_total"`
	NetTotal   money.Money  `json:"net_total"`
	TaxTotal   money.Money  `json:"tax_total"`
	Headcount  int          `json:"headcount"`
	ApprovedBy string       `json:"approved_by,omitempty"`
	CreatedAt  time.Time    `json:"created_at"`
}

// PayItemKind classifies a payslip line.
type PayItemKind string

const (
	ItemEarning       PayItemKind = "earning"
	ItemDeduction     PayItemKind = "deduction"
	ItemTax           PayItemKind = "tax"
	ItemReimbursement PayItemKind = "reimbursement"
	ItemEmployerTax   PayItemKind = "employer_tax"
)

// PayItem is one line on a payslip.
type PayItem struct {
	Kind   PayItemKind `json:"kind"`
	Code   string      `json:"code"`
	Label  string      `json:"label"`
	Hours  float64     `json:"hours,omitempty"`
	Amount money.Money `json:"amount"`
}

// Payslip is an employee's result within a pay run.
type Payslip struct {
	ID         string      `json:"id"`
	RunID      string      `json:"run_id"`
	EmployeeID string      `json:"employee_id"`
	Gross      money.Money `json:"gross"`
	Net        money.Money `json:"net"`
	Items      []PayItem   `json:"items"`
}

// BankAccount is where net pay is deposited.
type BankAccount struct {
	EmployeeID    string `json:"employee_id"`
	RoutingNumber string `json:"routing_number"`
	AccountNumber string `json:"account_number"`
	AccountType   string `json:"account_type"`
}
