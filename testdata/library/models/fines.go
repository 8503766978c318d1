package models

import "time"

type FineKind string

const (
	FineOverdue FineKind = "overdue"
	FineLost    FineKind = "lost"
	FineDamage  FineKind = "damage"
	FineCard    FineKind = "card_replacement"
	FineManual  FineKind = "manual"
)

type FineStatus string

const (
	FineOpen   FineStatus = "open"
	FinePaid   FineStatus = "paid"
	FineWaived FineStatus = "waived"
)

type Fine struct {
	ID          int64      `json:"id"`
	MemberID    int64      `json:"member_id"`
	LoanID      *int64     `json:"loan_id,omitempty"`
	Kind        FineKind   `json:"kind"`
	AmountCents int64      `json:"amount_cents"`
	PaidCents   int64      `json:"paid_cents"`
	Status      FineStatus `json:"status"`
	Note        string     `json:"note,omitempty"`
	AssessedAt  time.Time  `json:"assessed_at"`
}

func (f Fine) Balance() int64 { return f.AmountCents - f.PaidCents }

type Payment struct {
	ID          int64     `json:"id"`
	MemberID    int64     `json:"member_id"`
	AmountCents int64     `json:"amount_cents"`
	Method      string    `json:"method"` // cash, card, online
	ExternalRef string    `json:"external_ref,omitempty"`
	StaffID     int64     `json:"staff_id,omitempty"`
	CreatedAt   time.Time `json:"created_at"`
}
