package models

import "time"

type Reader struct {
	ID           string    `json:"id"`
	Email        string    `json:"email"`
	DisplayName  string    `json:"display_name"`
	Country      string    `json:"country"`
	Banned       bool      `json:"banned"`
	EmailOptIn   bool      `json:"email_opt_in"`
	CreatedAt    time.Time `json:"created_at"`
	PasswordHash string    `json:"-"`
}

type StaffUser struct {
	ID    string   `json:"id"`
	Email string   `json:"email"`
	Name  string   `json:"name"`
	Roles []string `json:"roles"`
}

type ContributorKind string

const (
	ContributorStaff     ContributorKind = "staff"
	ContributorFreelance ContributorKind = "freelance"
	ContributorAgency    ContributorKind = "agency"
)

type Contributor struct {
	ID          string          `json:"id"`
	Name        string          `json:"name"`
	Email       string          `json:"email"`
	Kind        ContributorKind `json:"kind"`
	Bio         string          `json:"bio"`
	Active      bool            `json:"active"`
	StaffUserID string          `json:"staff_user_id,omitempty"`
	BankIBAN    string          `json:"-"`
	BankName    string          `json:"-"`
	TaxCountry  string          `json:"tax_country"`
}
