// Package model has the persistence-side shapes of the patients context
// and the conversions to and from the shared domain types.
package model

import (
	"database/sql"
	"strings"
	"time"

	"github.com/acme/clinic/pkg/domain"
)

// PatientRow mirrors a row of the patients table.
type PatientRow struct {
	ID           string
	MRN          string
	FirstName    string
	LastName     string
	DateOfBirth  time.Time
	Sex          string
	Phone        sql.NullString
	Email        sql.NullString
	InsurerCode  sql.NullString
	PolicyNumber sql.NullString
	SMSOptOut    bool
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// ToDomain converts a row into the shared Patient type.
func (r PatientRow) ToDomain() domain.Patient {
	return domain.Patient{
		ID:           domain.PatientID(r.ID),
		MRN:          r.MRN,
		FirstName:    r.FirstName,
		LastName:     r.LastName,
		DateOfBirth:  r.DateOfBirth,
		Sex:          domain.Sex(r.Sex),
		Phone:        r.Phone.String,
		Email:        r.Email.String,
		InsurerCode:  r.InsurerCode.String,
		PolicyNumber: r.PolicyNumber.String,
		CreatedAt:    r.CreatedAt,
	}
}

// FromDomain converts a Patient into a row.
func FromDomain(p domain.Patient) PatientRow {
	ns := func(s string) sql.NullString { return sql.NullString{String: s, Valid: s != ""} }
	return PatientRow{
		ID:           string(p.ID),
		MRN:          p.MRN,
		FirstName:    p.FirstName,
		LastName:     p.LastName,
		DateOfBirth:  p.DateOfBirth,
		Sex:          string(p.Sex),
		Phone:        ns(p.Phone),
		Email:        ns(p.Email),
		InsurerCode:  ns(p.InsurerCode),
		PolicyNumber: ns(p.PolicyNumber),
		CreatedAt:    p.CreatedAt,
		UpdatedAt:    p.CreatedAt,
	}
}

// Severity of an allergic reaction.
type Severity string

const (
	SeverityMild     Severity = "mild"
	SeverityModerate Severity = "moderate"
	SeveritySevere   Severity = "severe"
)

func (s Severity) Valid() bool {
	return s == SeverityMild || s == SeverityModerate || s == SeveritySevere
}

// Allergy is a recorded allergy or intolerance.
type Allergy struct {
	ID         int64
	PatientID  domain.PatientID
	Substance  string
	Reaction   string
	Severity   Severity
	RecordedBy domain.StaffID
	RecordedAt time.Time
}

// Matches reports whether the allergy concerns substance. Substances are
// compared case-insensitively, and a class ("penicillin") matches any
// substance that names it ("penicillin v potassium").
func (a Allergy) Matches(substance string) bool {
	x := strings.ToLower(strings.TrimSpace(a.Substance))
	y := strings.ToLower(strings.TrimSpace(substance))
	if x == "" || y == "" {
		return false
	}
	return x == y || strings.Contains(y, x) || strings.Contains(x, y)
}

// ContactInfo is what outreach needs to reach a patient.
type ContactInfo struct {
	PatientID domain.PatientID
	Name      string
	Phone     string
	Email     string
	SMSOptOut bool
}

// PreferSMS reports whether SMS is the right channel.
func (c ContactInfo) PreferSMS() bool { return c.Phone != "" && !c.SMSOptOut }
