package models

import (
	"fmt"
	"strings"
	"time"
)

// Customer is a registered shopper. GORM maps it to the "customers" table.
type Customer struct {
	ID               string     `gorm:"primaryKey;size:32" json:"id"`
	Email            string     `gorm:"uniqueIndex;size:254" json:"email"`
	Name             string     `gorm:"size:200" json:"name"`
	PasswordHash     string     `json:"-"`
	DefaultAddressID string     `gorm:"size:32" json:"default_address_id,omitempty"`
	Addresses        []Address  `gorm:"foreignKey:CustomerID" json:"addresses,omitempty"`
	Marketing        bool       `json:"marketing"`
	ClosedAt         *time.Time `json:"closed_at,omitempty"`
	CreatedAt        time.Time  `json:"created_at"`
	UpdatedAt        time.Time  `json:"updated_at"`
}

// DisplayName is the name to greet the customer with.
func (c Customer) DisplayName() string {
	if n := strings.TrimSpace(c.Name); n != "" {
		first, _, _ := strings.Cut(n, " ")
		return first
	}
	local, _, _ := strings.Cut(c.Email, "@")
	return local
}

// Active reports whether the account is open.
func (c Customer) Active() bool { return c.ClosedAt == nil }

// DefaultAddress returns the default address, if it is loaded.
func (c Customer) DefaultAddress() (Address, bool) {
	for _, a := range c.Addresses {
		if a.ID == c.DefaultAddressID {
			return a, true
		}
	}
	if len(c.Addresses) == 1 {
		return c.Addresses[0], true
	}
	return Address{}, false
}

// Address is a postal address of a customer.
type Address struct {
	ID         string    `gorm:"primaryKey;size:32" json:"id"`
	CustomerID string    `gorm:"index;size:32" json:"-"`
	Name       string    `json:"name"`
	Line1      string    `json:"line1"`
	Line2      string    `json:"line2,omitempty"`
	City       string    `json:"city"`
	Postcode   string    `json:"postcode"`
	Country    string    `gorm:"size:2" json:"country"`
	Phone      string    `json:"phone,omitempty"`
	CreatedAt  time.Time `json:"created_at"`
}

// TableName overrides GORM's default ("addresses").
func (Address) TableName() string { return "customer_addresses" }

// Lines returns the address as printed on an envelope.
func (a Address) Lines() []string {
	lines := []string{a.Name, a.Line1}
	if a.Line2 != "" {
		lines = append(lines, a.Line2)
	}
	return append(lines, fmt.Sprintf("%s %s", a.Postcode, a.City), a.Country)
}

// OneLine returns the address on one line.
func (a Address) OneLine() string { return strings.Join(a.Lines(), ", ") }

// Domestic reports whether the address is in country.
func (a Address) Domestic(country string) bool { return strings.EqualFold(a.Country, country) }

// NormalizeEmail lower-cases and trims an e-mail address.
func NormalizeEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }
