package models

import "time"

// Topics published on the in-process event bus.
const (
	TopicLoanCheckedOut     = "loan.checked_out"
	TopicLoanReturned       = "loan.returned"
	TopicLoanRenewed        = "loan.renewed"
	TopicLoanOverdue        = "loan.overdue"
	TopicLoanLost           = "loan.lost"
	TopicHoldPlaced         = "hold.placed"
	TopicHoldReady          = "hold.ready"
	TopicHoldExpired        = "hold.expired"
	TopicFineAssessed       = "fine.assessed"
	TopicPaymentReceived    = "payment.received"
	TopicMemberRegistered   = "member.registered"
	TopicMembershipExpiring = "member.expiring"
	TopicTransferReceived   = "transfer.received"
	TopicEventCancelled     = "event.cancelled"
	TopicBranchClosed       = "branch.closed"
)

type LoanEvent struct {
	LoanID   int64     `json:"loan_id"`
	MemberID int64     `json:"member_id"`
	CopyID   int64     `json:"copy_id"`
	TitleID  int64     `json:"title_id"`
	Title    string    `json:"title"`
	DueAt    time.Time `json:"due_at"`
	DaysLate int       `json:"days_late,omitempty"`
	Format   Format    `json:"format,omitempty"`
}

type HoldEvent struct {
	HoldID         int64     `json:"hold_id"`
	MemberID       int64     `json:"member_id"`
	TitleID        int64     `json:"title_id"`
	Title          string    `json:"title"`
	PickupBranchID int64     `json:"pickup_branch_id"`
	ExpiresAt      time.Time `json:"expires_at"`
}

type FineEvent struct {
	FineID      int64    `json:"fine_id"`
	MemberID    int64    `json:"member_id"`
	Kind        FineKind `json:"kind"`
	AmountCents int64    `json:"amount_cents"`
}

type PaymentEvent struct {
	PaymentID   int64 `json:"payment_id"`
	MemberID    int64 `json:"member_id"`
	AmountCents int64 `json:"amount_cents"`
}

type MemberEvent struct {
	MemberID  int64     `json:"member_id"`
	ExpiresAt time.Time `json:"expires_at"`
}

type TransferEvent struct {
	TransferID int64  `json:"transfer_id"`
	CopyID     int64  `json:"copy_id"`
	HoldID     *int64 `json:"hold_id,omitempty"`
	ToBranchID int64  `json:"to_branch_id"`
}

type ProgramCancelledEvent struct {
	EventID   int64     `json:"event_id"`
	Title     string    `json:"title"`
	StartsAt  time.Time `json:"starts_at"`
	MemberIDs []int64   `json:"member_ids"`
}

type BranchClosedEvent struct {
	BranchID int64     `json:"branch_id"`
	Day      time.Time `json:"day"`
	Reason   string    `json:"reason"`
}
