package models

import (
	"time"

	"lendwise.io/platform/internal/platform/money"
)

type Partner struct {
	ID            string    `json:"id"`
	Name          string    `json:"name"`
	Kind          string    `json:"kind"`
	CommissionBps int64     `json:"commission_bps"`
	Active        bool      `json:"active"`
	LicenseStates []string  `json:"license_states"`
	CreatedAt     time.Time `json:"created_at"`
}

type Referral struct {
	ID            string    `json:"id"`
	PartnerID     string    `json:"partner_id"`
	BorrowerID    string    `json:"borrower_id"`
	ApplicationID string    `json:"application_id"`
	SubmittedBy   string    `json:"submitted_by"`
	CreatedAt     time.Time `json:"created_at"`
}

type CollectionCase struct {
	ID          string      `json:"id"`
	LoanID      string      `json:"loan_id"`
	BorrowerID  string      `json:"borrower_id"`
	Bucket      string      `json:"bucket"`
	DaysPastDue int         `json:"days_past_due"`
	AmountDue   money.Cents `json:"amount_due"`
	AssignedTo  string      `json:"assigned_to,omitempty"`
	Status      string      `json:"status"`
	OpenedAt    time.Time   `json:"opened_at"`
	ClosedAt    time.Time   `json:"closed_at,omitempty"`
}

type PromiseToPay struct {
	ID        string      `json:"id"`
	CaseID    string      `json:"case_id"`
	Amount    money.Cents `json:"amount"`
	DueDate   time.Time   `json:"due_date"`
	Status    string      `json:"status"`
	CreatedBy string      `json:"created_by"`
}

type Message struct {
	ID         string    `json:"id"`
	BorrowerID string    `json:"borrower_id"`
	Channel    string    `json:"channel"`
	Template   string    `json:"template"`
	To         string    `json:"to"`
	Subject    string    `json:"subject,omitempty"`
	Body       string    `json:"body"`
	Status     string    `json:"status"`
	Attempts   int       `json:"attempts"`
	SendAfter  time.Time `json:"send_after"`
	SentAt     time.Time `json:"sent_at,omitempty"`
	CreatedAt  time.Time `json:"created_at"`
}

type JournalLine struct {
	Account string      `json:"account"`
	Debit   money.Cents `json:"debit"`
	Credit  money.Cents `json:"credit"`
}

type JournalEntry struct {
	ID       string        `json:"id"`
	LoanID   string        `json:"loan_id,omitempty"`
	Kind     string        `json:"kind"`
	Memo     string        `json:"memo"`
	Lines    []JournalLine `json:"lines"`
	PostedAt time.Time     `json:"posted_at"`
}

// Page is a generic list response.
type Page[T any] struct {
	Items  []T `json:"items"`
	Total  int `json:"total"`
	Offset int `json:"offset"`
}
