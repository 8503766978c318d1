// Package domain holds enrollment rules: who may enroll, status transitions
// and progress computation.
package domain

import (
	"time"

	"quill.dev/academy/pkg/common/types"
	"quill.dev/academy/pkg/platform/errs"
)

// MaxActiveFree caps simultaneous free enrollments for free-tier learners.
const MaxActiveFree = 5

// ReminderAfter is how long a learner must be inactive before a nudge.
const ReminderAfter = 7 * 24 * time.Hour

// ReminderEvery limits how often one enrollment is nudged.
const ReminderEvery = 14 * 24 * time.Hour

var transitions = map[types.EnrollmentStatus][]types.EnrollmentStatus{
	types.EnrollmentActive:    {types.EnrollmentCompleted, types.EnrollmentSuspended, types.EnrollmentDropped},
	types.EnrollmentSuspended: {types.EnrollmentActive, types.EnrollmentDropped},
	types.EnrollmentDropped:   {types.EnrollmentActive},
	types.EnrollmentCompleted: {},
}

// CanTransition reports whether from → to is allowed.
func CanTransition(from, to types.EnrollmentStatus) bool {
	for _, s := range transitions[from] {
		if s == to {
			return true
		}
	}
	return false
}

// Transition validates a status change.
func Transition(e *types.Enrollment, to types.EnrollmentStatus, now time.Time) error {
	if !CanTransition(e.Status, to) {
		return errs.E(errs.Conflict, "enrollment", "cannot go from %s to %s", e.Status, to)
	}
	e.Status = to
	if to == types.EnrollmentCompleted {
		e.CompletedAt = &now
	}
	return nil
}

// Progress returns the completed fraction, 0..1.
func Progress(completed, total int) float64 {
	if total == 0 {
		return 0
	}
	p := float64(completed) / float64(total)
	if p > 1 {
		p = 1
	}
	return p
}

// IsComplete reports whether every lesson is done.
func IsComplete(completed, total int) bool { return total > 0 && completed >= total }

// CheckFreeQuota enforces MaxActiveFree.
func CheckFreeQuota(source types.EnrollmentSource, activeFree int) error {
	if source == types.SourceFree && activeFree >= MaxActiveFree {
		return errs.E(errs.PaymentRequired, "enroll", "free plan allows %d active free courses; upgrade to Plus", MaxActiveFree)
	}
	return nil
}

// NeedsReminder decides whether to nudge an inactive learner.
func NeedsReminder(lastActivity, lastReminded *time.Time, now time.Time) bool {
	if lastActivity == nil || now.Sub(*lastActivity) < ReminderAfter {
		return false
	}
	return lastReminded == nil || now.Sub(*lastReminded) >= ReminderEvery
}
