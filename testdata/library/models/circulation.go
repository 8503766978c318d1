package models

import "time"

type LoanStatus string

const (
	LoanActive   LoanStatus = "active"
	LoanReturned LoanStatus = "returned"
	LoanLost     LoanStatus = "lost"
)

type Loan struct {
	ID           int64      `json:"id"`
	CopyID       int64      `json:"copy_id"`
	MemberID     int64      `json:"member_id"`
	BranchID     int64      `json:"branch_id"`
	CheckedOutAt time.Time  `json:"checked_out_at"`
	DueAt        time.Time  `json:"due_at"`
	ReturnedAt   *time.Time `json:"returned_at,omitempty"`
	Renewals     int        `json:"renewals"`
	Status       LoanStatus `json:"status"`

	// Denormalised for display, filled by some queries only.
	Barcode string `json:"barcode,omitempty"`
	Title   string `json:"title,omitempty"`
	TitleID int64  `json:"title_id,omitempty"`
}

type HoldStatus string

const (
	HoldWaiting   HoldStatus = "waiting"
	HoldInTransit HoldStatus = "in_transit"
	HoldReady     HoldStatus = "ready"
	HoldFulfilled HoldStatus = "fulfilled"
	HoldCancelled HoldStatus = "cancelled"
	HoldExpired   HoldStatus = "expired"
)

type Hold struct {
	ID             int64      `json:"id"`
	TitleID        int64      `json:"title_id"`
	MemberID       int64      `json:"member_id"`
	PickupBranchID int64      `json:"pickup_branch_id"`
	CopyID         *int64     `json:"copy_id,omitempty"`
	Status         HoldStatus `json:"status"`
	PlacedAt       time.Time  `json:"placed_at"`
	ReadyAt        *time.Time `json:"ready_at,omitempty"`
	ExpiresAt      *time.Time `json:"expires_at,omitempty"`
	Position       int        `json:"position,omitempty"`
	Title          string     `json:"title,omitempty"`
}
