// Package models holds the shared data types used across the platform.
// It started as the API's DTO package and grew to cover every team's types.
package models

import "time"

type KYCStatus string

const (
	KYCPending  KYCStatus = "pending"
	KYCVerified KYCStatus = "verified"
	KYCReview   KYCStatus = "manual_review"
	KYCFailed   KYCStatus = "failed"
)

type Address struct {
	Line1      string `json:"line1"`
	Line2      string `json:"line2,omitempty"`
	City       string `json:"city"`
	State      string `json:"state"`
	PostalCode string `json:"postal_code"`
}

type Borrower struct {
	ID             string    `json:"id"`
	FirstName      string    `json:"first_name"`
	LastName       string    `json:"last_name"`
	Email          string    `json:"email"`
	Phone          string    `json:"phone"`
	DateOfBirth    time.Time `json:"date_of_birth"`
	SSNLast4       string    `json:"ssn_last4"`
	SSNToken       string    `json:"-"`
	Address        Address   `json:"address"`
	AnnualIncome   int64     `json:"annual_income_cents"`
	KYCStatus      KYCStatus `json:"kyc_status"`
	PartnerID      string    `json:"partner_id,omitempty"`
	CreatedAt      time.Time `json:"created_at"`
	VerifiedAt     time.Time `json:"verified_at,omitempty"`
	TimeZone       string    `json:"time_zone"`
	MarketingOptIn bool      `json:"marketing_opt_in"`
}

func (b *Borrower) FullName() string { return b.FirstName + " " + b.LastName }

// AgeOn returns the borrower's age in whole years at t.
func (b *Borrower) AgeOn(t time.Time) int {
	age := t.Year() - b.DateOfBirth.Year()
	if t.YearDay() < b.DateOfBirth.YearDay() {
		age--
	}
	return age
}

type BankAccount struct {
	ID            string    `json:"id"`
	BorrowerID    string    `json:"borrower_id"`
	RoutingNumber string    `json:"routing_number"`
	AccountLast4  string    `json:"account_last4"`
	AccountToken  string    `json:"-"`
	Kind          string    `json:"kind"`
	Verified      bool      `json:"verified"`
	CreatedAt     time.Time `json:"created_at"`
}
