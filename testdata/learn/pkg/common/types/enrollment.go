package types

import "time"

// EnrollmentStatus is the lifecycle state of an enrollment.
type EnrollmentStatus string

const (
	EnrollmentActive    EnrollmentStatus = "active"
	EnrollmentCompleted EnrollmentStatus = "completed"
	EnrollmentSuspended EnrollmentStatus = "suspended"
	EnrollmentDropped   EnrollmentStatus = "dropped"
)

// EnrollmentSource records how the learner got access.
type EnrollmentSource string

const (
	SourcePurchase     EnrollmentSource = "purchase"
	SourceSubscription EnrollmentSource = "subscription"
	SourceFree         EnrollmentSource = "free"
	SourceGrant        EnrollmentSource = "grant"
)

// Enrollment is shared with billing (refunds), forum (membership) and certs.
type Enrollment struct {
	ID          EnrollmentID     `json:"id"`
	UserID      UserID           `json:"user_id"`
	CourseID    CourseID         `json:"course_id"`
	Status      EnrollmentStatus `json:"status"`
	Source      EnrollmentSource `json:"source"`
	Progress    float64          `json:"progress"`
	EnrolledAt  time.Time        `json:"enrolled_at"`
	CompletedAt *time.Time       `json:"completed_at,omitempty"`
}
