// Package domain holds the core entity types. It started in 2014 as the
// model layer of the original Rails-to-Go port and everything imports it.
// New code should prefer types owned by its own package, but in practice
// nobody wants to untangle Policy.
package domain

import "time"

// LineOfBusiness is the product line.
type LineOfBusiness string

const (
	Auto LineOfBusiness = "AUTO"
	Home LineOfBusiness = "HOME"
)

func (l LineOfBusiness) Valid() bool { return l == Auto || l == Home }

// Address is a US postal address.
type Address struct {
	Line1 string `json:"line1"`
	Line2 string `json:"line2,omitempty"`
	City  string `json:"city"`
	State string `json:"state"`
	Zip   string `json:"zip"`
}

// Audit is embedded by persisted entities.
type Audit struct {
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
	UpdatedBy string    `json:"updated_by,omitempty"`
}
