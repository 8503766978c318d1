package models

import "time"

type MemberCategory string

const (
	CategoryAdult       MemberCategory = "adult"
	CategoryChild       MemberCategory = "child"
	CategoryTeen        MemberCategory = "teen"
	CategorySenior      MemberCategory = "senior"
	CategoryNonResident MemberCategory = "non_resident"
	CategoryStaff       MemberCategory = "staff"
)

type MemberStatus string

const (
	MemberActive    MemberStatus = "active"
	MemberSuspended MemberStatus = "suspended"
	MemberExpired   MemberStatus = "expired"
)

type Member struct {
	ID           int64          `json:"id"`
	FirstName    string         `json:"first_name"`
	LastName     string         `json:"last_name"`
	Email        string         `json:"email,omitempty"`
	Phone        string         `json:"phone,omitempty"`
	BirthDate    time.Time      `json:"birth_date"`
	Address      string         `json:"address"`
	PostalCode   string         `json:"postal_code"`
	Category     MemberCategory `json:"category"`
	Status       MemberStatus   `json:"status"`
	HomeBranchID int64          `json:"home_branch_id"`
	GuardianID   *int64         `json:"guardian_id,omitempty"`
	ExpiresAt    time.Time      `json:"expires_at"`
	CreatedAt    time.Time      `json:"created_at"`
	CardNumber   string         `json:"card_number,omitempty"`
}

func (m Member) FullName() string { return m.FirstName + " " + m.LastName }
