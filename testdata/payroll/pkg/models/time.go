package models

import (
	"time"

	"github.com/ledgerly/people/pkg/dates"
)

// TimesheetStatus is the approval state of a timesheet.
type TimesheetStatus string

const (
	SheetOpen      TimesheetStatus = "open"
	SheetSubmitted TimesheetStatus = "submitted"
	SheetApproved  TimesheetStatus = "approved"
	SheetRejected  TimesheetStatus = "rejected"
)

// TimeEntry is a block of worked time.
type TimeEntry struct {
	ID          string     `json:"id"`
	TimesheetID string     `json:"timesheet_id"`
	EmployeeID  string     `json:"employee_id"`
	Day         dates.Date `json:"day"`
	Hours       float64    `json:"hours"`
	ProjectCode string     `json:"project_code"`
	Note        string     `json:"note"`
}

// Timesheet groups a week of time entries.
type Timesheet struct {
	ID          string          `json:"id"`
	TenantID    string          `json:"tenant_id"`
	EmployeeID  string          `json:"employee_id"`
	Week        dates.Period    `json:"week"`
	Status      TimesheetStatus `json:"status"`
	Entries     []TimeEntry     `json:"entries"`
	SubmittedAt *time.Time      `json:"submitted_at,omitempty"`
	ApprovedBy  string          `json:"approved_by,omitempty"`
}

// TotalHours sums the entries.
func (t Timesheet) TotalHours() float64 {
	var h float64
	for _, e := range t.Entries {
		h += e.Hours
	}
	return h
}
