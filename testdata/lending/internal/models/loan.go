package models

import (
	"time"

	"lendwise.io/platform/internal/platform/money"
)

type LoanStatus string

const (
	LoanPendingFunding LoanStatus = "pending_funding"
	LoanActive         LoanStatus = "active"
	LoanDelinquent     LoanStatus = "delinquent"
	LoanPaidOff        LoanStatus = "paid_off"
	LoanChargedOff     LoanStatus = "charged_off"
)

type Loan struct {
	ID               string      `json:"id"`
	BorrowerID       string      `json:"borrower_id"`
	ApplicationID    string      `json:"application_id"`
	PartnerID        string      `json:"partner_id,omitempty"`
	Principal        money.Cents `json:"principal"`
	APRBps           int64       `json:"apr_bps"`
	TermMonths       int         `json:"term_months"`
	OriginationFee   money.Cents `json:"origination_fee"`
	Status           LoanStatus  `json:"status"`
	PrincipalBalance money.Cents `json:"principal_balance"`
	FeesBalance      money.Cents `json:"fees_balance"`
	FirstDueDate     time.Time   `json:"first_due_date"`
	BookedAt         time.Time   `json:"booked_at"`
	FundedAt         time.Time   `json:"funded_at,omitempty"`
	ClosedAt         time.Time   `json:"closed_at,omitempty"`
	DaysPastDue      int         `json:"days_past_due"`
}

type Installment struct {
	ID         string      `json:"id"`
	LoanID     string      `json:"loan_id"`
	Seq        int         `json:"seq"`
	DueDate    time.Time   `json:"due_date"`
	Principal  money.Cents `json:"principal"`
	Interest   money.Cents `json:"interest"`
	Fees       money.Cents `json:"fees"`
	PaidAmount money.Cents `json:"paid_amount"`
	Status     string      `json:"status"`
}

// Due is the total amount owed for the installment.
func (i Installment) Due() money.Cents { return i.Principal + i.Interest + i.Fees }

// Remaining is what is still unpaid.
func (i Installment) Remaining() money.Cents { return i.Due() - i.PaidAmount }

type PaymentStatus string

const (
	PaymentPending  PaymentStatus = "pending"
	PaymentPosted   PaymentStatus = "posted"
	PaymentReturned PaymentStatus = "returned"
)

type Payment struct {
	ID            string        `json:"id"`
	LoanID        string        `json:"loan_id"`
	Amount        money.Cents   `json:"amount"`
	Method        string        `json:"method"`
	Status        PaymentStatus `json:"status"`
	AppliedFees   money.Cents   `json:"applied_fees"`
	AppliedInt    money.Cents   `json:"applied_interest"`
	AppliedPrin   money.Cents   `json:"applied_principal"`
	ReturnCode    string        `json:"return_code,omitempty"`
	EffectiveDate time.Time     `json:"effective_date"`
	CreatedAt     time.Time     `json:"created_at"`
}

type PayoffQuote struct {
	ID          string      `json:"id"`
	LoanID      string      `json:"loan_id"`
	Principal   money.Cents `json:"principal"`
	Interest    money.Cents `json:"accrued_interest"`
	Fees        money.Cents `json:"fees"`
	Total       money.Cents `json:"total"`
	GoodThrough time.Time   `json:"good_through"`
	CreatedAt   time.Time   `json:"created_at"`
}

type Disbursement struct {
	ID            string      `json:"id"`
	LoanID        string      `json:"loan_id"`
	BorrowerID    string      `json:"borrower_id"`
	BankAccountID string      `json:"bank_account_id"`
	Amount        money.Cents `json:"amount"`
	Status        string      `json:"status"`
	BatchID       string      `json:"batch_id,omitempty"`
	TraceNumber   string      `json:"trace_number,omitempty"`
	CreatedAt     time.Time   `json:"created_at"`
	SettledAt     time.Time   `json:"settled_at,omitempty"`
}
