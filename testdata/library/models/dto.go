package models

import "time"

// Request/response shapes used by handlers and services.

type CheckoutRequest struct {
	CardNumber string `json:"card_number"`
	Barcode    string `json:"barcode"`
	BranchID   int64  `json:"branch_id"`
	Override   bool   `json:"override,omitempty"` // staff override of blocks
}

type CheckoutResult struct {
	Loan     Loan     `json:"loan"`
	Member   Member   `json:"member"`
	Warnings []string `json:"warnings,omitempty"`
}

type ReturnRequest struct {
	Barcode  string `json:"barcode"`
	BranchID int64  `json:"branch_id"`
}

type ReturnResult struct {
	Loan      Loan   `json:"loan"`
	DaysLate  int    `json:"days_late"`
	Routing   string `json:"routing"` // shelve, hold_shelf, transit
	ToBranch  int64  `json:"to_branch,omitempty"`
	HoldForID int64  `json:"hold_for_member,omitempty"`
}

type PlaceHoldRequest struct {
	TitleID        int64 `json:"title_id"`
	MemberID       int64 `json:"member_id"`
	PickupBranchID int64 `json:"pickup_branch_id"`
}

type RegisterMemberRequest struct {
	FirstName    string         `json:"first_name"`
	LastName     string         `json:"last_name"`
	Email        string         `json:"email"`
	Phone        string         `json:"phone"`
	BirthDate    string         `json:"birth_date"` // YYYY-MM-DD
	Address      string         `json:"address"`
	PostalCode   string         `json:"postal_code"`
	Category     MemberCategory `json:"category"`
	HomeBranchID int64          `json:"home_branch_id"`
	GuardianID   *int64         `json:"guardian_id,omitempty"`
}

type PaymentRequest struct {
	AmountCents int64  `json:"amount_cents"`
	Method      string `json:"method"`
	CardToken   string `json:"card_token,omitempty"`
}

type AccountSummary struct {
	Member       Member    `json:"member"`
	Loans        []Loan    `json:"loans"`
	Holds        []Hold    `json:"holds"`
	Fines        []Fine    `json:"fines"`
	BalanceCents int64     `json:"balance_cents"`
	OverdueCount int       `json:"overdue_count"`
	Blocks       []string  `json:"blocks,omitempty"`
	GeneratedAt  time.Time `json:"generated_at"`
}
