// Package pnr contains record-locator and history helpers of the original
// reservation engine.
package pnr

import (
	"fmt"
	"sort"
	"strings"

	"skyhop.aero/backend/pkg/models"
	"skyhop.aero/backend/pkg/platform/ids"
)

// Reserved locators that must never be issued (offensive or confusing).
var blocked = map[string]bool{"FUCKUP": true, "KILLER": true, "BOMBER": true, "HIJACK": true}

// NewLocator returns a six-character record locator not in the block list.
// Uniqueness is enforced by the pnrs primary key; callers retry on conflict.
func NewLocator() string {
	for {
		l := ids.Code(6)
		if !blocked[l] {
			return l
		}
	}
}

// ValidLocator reports whether s looks like a record locator.
func ValidLocator(s string) bool {
	if len(s) != 6 {
		return false
	}
	for _, r := range s {
		if !strings.ContainsRune("ABCDEFGHJKMNPQRSTUVWXYZ23456789", r) {
			return false
		}
	}
	return true
}

// Diff describes the change between two versions of a PNR, one line per
// element, in the style of the old history screen.
func Diff(before, after models.PNR) []string {
	var out []string
	if before.Status != after.Status {
		out = append(out, fmt.Sprintf("ST %s -> %s", before.Status, after.Status))
	}
	if before.ContactEmail != after.ContactEmail {
		out = append(out, fmt.Sprintf("CTCE %s -> %s", before.ContactEmail, after.ContactEmail))
	}
	if before.ContactPhone != after.ContactPhone {
		out = append(out, fmt.Sprintf("CTCM %s -> %s", before.ContactPhone, after.ContactPhone))
	}
	old := map[int64]models.Segment{}
	for _, s := range before.Segments {
		old[s.ID] = s
	}
	for _, s := range after.Segments {
		o, ok := old[s.ID]
		switch {
		case !ok:
			out = append(out, fmt.Sprintf("SEG+ %d %s %s", s.FlightID, s.BookingClass, s.Status))
		case o.Status != s.Status || o.FlightID != s.FlightID:
			out = append(out, fmt.Sprintf("SEG %d %s -> %d %s", o.FlightID, o.Status, s.FlightID, s.Status))
		}
		delete(old, s.ID)
	}
	for _, s := range old {
		out = append(out, fmt.Sprintf("SEG- %d %s", s.FlightID, s.BookingClass))
	}
	sort.Strings(out)
	return out
}
