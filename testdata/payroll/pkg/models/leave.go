package models

import (
	"time"

	"github.com/ledgerly/people/pkg/dates"
)

// LeaveType is a kind of time off.
type LeaveType string

const (
	LeaveVacation LeaveType = "vacation"
	LeaveSick     LeaveType = "sick"
	LeaveUnpaid   LeaveType = "unpaid"
	LeaveParental LeaveType = "parental"
)

// LeaveStatus is the approval state of a leave request.
type LeaveStatus string

const (
	LeavePending  LeaveStatus = "pending"
	LeaveApproved LeaveStatus = "approved"
	LeaveDenied   LeaveStatus = "denied"
	LeaveCanceled LeaveStatus = "canceled"
)

// LeaveRequest is a request for time off.
type LeaveRequest struct {
	ID         string       `json:"id"`
	TenantID   string       `json:"tenant_id"`
	EmployeeID string       `json:"employee_id"`
	Type       LeaveType    `json:"type"`
	Period     dates.Period `json:"period"`
	Hours      float64      `json:"hours"`
	Status     LeaveStatus  `json:"status"`
	Reason     string       `json:"reason"`
	DecidedBy  string       `json:"decided_by,omitempty"`
	CreatedAt  time.Time    `json:"created_at"`
}

// LeaveBalance is the hours available per leave type.
type LeaveBalance struct {
	EmployeeID string    `json:"employee_id"`
	Type       LeaveType `json:"type"`
	Accrued    float64   `json:"accrued"`
	Used       float64   `json:"used"`
	CarryOver  float64   `json:"carry_over"`
	AsOf       time.Time `json:"as_of"`
}

// Available returns the usable hours.
func (b LeaveBalance) Available() float64 { return b.Accrued + b.CarryOver - b.Used }
