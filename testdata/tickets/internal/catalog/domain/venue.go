package domain

import (
	"fmt"

	"gatehouse.events/platform/internal/platform/errs"
)

// Venue is a physical location with a seat map.
type Venue struct {
	ID       string
	Name     string
	City     string
	Country  string
	Timezone string
	Sections []Section
}

// Section is a block of seats or a general-admission area.
type Section struct {
	Code             string
	Name             string
	Rows             int
	SeatsPerRow      int
	GeneralAdmission bool
	GACapacity       int
}

// Capacity is the number of places in the section.
func (s Section) Capacity() int {
	if s.GeneralAdmission {
		return s.GACapacity
	}
	return s.Rows * s.SeatsPerRow
}

// Validate checks the seat map is consistent.
func (v Venue) Validate() error {
	const op = "catalog.Venue.Validate"
	if v.Name == "" || v.City == "" {
		return errs.Invalid(op, "name and city are required")
	}
	if v.Timezone == "" {
		return errs.Invalid(op, "timezone is required")
	}
	codes := map[string]bool{}
	for _, s := range v.Sections {
		if codes[s.Code] {
			return errs.Invalid(op, fmt.Sprintf("duplicate section %q", s.Code))
		}
		codes[s.Code] = true
		if s.Capacity() <= 0 {
			return errs.Invalid(op, fmt.Sprintf("section %q has no capacity", s.Code))
		}
	}
	return nil
}
