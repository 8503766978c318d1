package models

import (
	"time"

	"github.com/ledgerly/people/pkg/money"
)

// ExpenseStatus is the lifecycle of an expense report.
type ExpenseStatus string

const (
	ExpenseDraft      ExpenseStatus = "draft"
	ExpenseSubmitted  ExpenseStatus = "submitted"
	ExpenseApproved   ExpenseStatus = "approved"
	ExpenseRejected   ExpenseStatus = "rejected"
	ExpenseReimbursed ExpenseStatus = "reimbursed"
)

// ExpenseItem is one receipt.
type ExpenseItem struct {
	ID         string      `json:"id"`
	Category   string      `json:"category"`
	Merchant   string      `json:"merchant"`
	Amount     money.Money `json:"amount"`
	SpentOn    time.Time   `json:"spent_on"`
	ReceiptURL string      `json:"receipt_url"`
}

// ExpenseReport is a set of receipts submitted for reimbursement.
type ExpenseReport struct {
	ID           string        `json:"id"`
	TenantID     string        `json:"tenant_id"`
	EmployeeID   string        `json:"employee_id"`
	Title        string        `json:"title"`
	Status       ExpenseStatus `json:"status"`
	Total        money.Money   `json:"total"`
	Items        []ExpenseItem `json:"items"`
	ApprovedBy   string        `json:"approved_by,omitempty"`
	ReimbursedIn string        `json:"reimbursed_in,omitempty"` // pay run id
	SubmittedAt  *time.Time    `json:"submitted_at,omitempty"`
}
