package domain

import (
	"strings"
	"time"
)

type CustomerKind string

const (
	Individual CustomerKind = "INDIVIDUAL"
	Business   CustomerKind = "BUSINESS"
)

// Customer is a policyholder or prospect (a "party" in the newer code).
type Customer struct {
	ID          int64        `json:"id"`
	Ref         string       `json:"ref"`
	Kind        CustomerKind `json:"kind"`
	FirstName   string       `json:"first_name"`
	LastName    string       `json:"last_name"`
	Email       string       `json:"email"`
	Phone       string       `json:"phone"`
	DOB         time.Time    `json:"dob"`
	Mailing     Address      `json:"mailing"`
	CreditScore int          `json:"credit_score,omitempty"` // insurance score, 300-900
	Paperless   bool         `json:"paperless"`
	Audit
}

func (c *Customer) FullName() string {
	return strings.TrimSpace(c.FirstName + " " + c.LastName)
}
