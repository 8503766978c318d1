// Package consultations models pharmacist counseling sessions.
package consultations

import (
	"strings"
	"time"

	"rxnow.health/backend/kernel/errs"
)

// Statuses.
const (
	StatusOffered   = "offered"   // auto-created for a new prescription
	StatusRequested = "requested" // patient asked for a call
	StatusScheduled = "scheduled"
	StatusCompleted = "completed"
	StatusDeclined  = "declined"
	StatusNoShow    = "no_show"
)

// Topics.
const (
	TopicNewRx       = "new_prescription"
	TopicSideEffects = "side_effects"
	TopicInteraction = "interaction"
	TopicGeneral     = "general"
)

// SlotLength is the length of a counseling slot.
const SlotLength = 15 * time.Minute

// Consultation is a counseling session.
type Consultation struct {
	ID             int64
	CustomerID     int64
	PrescriptionID *int64
	PharmacistID   *int64
	Topic          string
	Status         string
	ScheduledAt    *time.Time
	Question       string
	Notes          string
	CreatedAt      time.Time
	CompletedAt    *time.Time
}

// Pharmacist is a licensed pharmacist who can counsel.
type Pharmacist struct {
	ID        int64
	Name      string
	Licenses  []string // state codes
	StartHour int
	EndHour   int
}

// LicensedIn reports whether the pharmacist may counsel a patient in state.
func (p Pharmacist) LicensedIn(state string) bool {
	for _, s := range p.Licenses {
		if strings.EqualFold(s, state) {
			return true
		}
	}
	return false
}

// Schedule books the session at t with pharmacist p.
func (c *Consultation) Schedule(p Pharmacist, t time.Time, now time.Time) error {
	const op = "consultations.Schedule"
	if c.Status != StatusRequested && c.Status != StatusOffered {
		return errs.Conflictf(op, "consultation %d is %s", c.ID, c.Status)
	}
	if !t.After(now.Add(30 * time.Minute)) {
		return errs.Invalidf(op, "sessions must be booked at least 30 minutes ahead")
	}
	if t.Hour() < p.StartHour || t.Add(SlotLength).Hour() > p.EndHour || t.Minute()%15 != 0 {
		return errs.Invalidf(op, "%s is outside %s's hours or not on a slot boundary", t.Format(time.Kitchen), p.Name)
	}
	c.PharmacistID = &p.ID
	c.ScheduledAt = &t
	c.Status = StatusScheduled
	return nil
}

// Complete closes the session with notes, which are part of the patient
// record and therefore mandatory.
func (c *Consultation) Complete(notes string, now time.Time) error {
	if c.Status != StatusScheduled {
		return errs.Conflictf("consultations.Complete", "consultation %d is %s", c.ID, c.Status)
	}
	if len(strings.TrimSpace(notes)) < 10 {
		return errs.Invalidf("consultations.Complete", "counseling notes are required")
	}
	c.Notes = notes
	c.Status = StatusCompleted
	c.CompletedAt = &now
	return nil
}
