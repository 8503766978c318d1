package types

import "time"

// Event type names. Producers and consumers both import these.
const (
	EventUserSignedUp          = "identity.user_signed_up"
	EventCoursePublished       = "catalog.course_published"
	EventCourseUnpublished     = "catalog.course_unpublished"
	EventEnrolled              = "enrollment.enrolled"
	EventLessonCompleted       = "enrollment.lesson_completed"
	EventCourseCompleted       = "enrollment.course_completed"
	EventSubmissionGraded      = "assessment.submission_graded"
	EventFinalExamPassed       = "assessment.final_exam_passed"
	EventSubscriptionActivated = "billing.subscription_activated"
	EventSubscriptionCancelled = "billing.subscription_cancelled"
	EventPaymentSucceeded      = "billing.payment_succeeded"
	EventVideoReady            = "media.video_ready"
	EventCertificateIssued     = "certs.certificate_issued"
)

type UserSignedUp struct {
	UserID UserID `json:"user_id"`
	Email  string `json:"email"`
	Name   string `json:"name"`
}

type CoursePublished struct {
	Course CourseSummary `json:"course"`
}

type Enrolled struct {
	EnrollmentID EnrollmentID     `json:"enrollment_id"`
	UserID       UserID           `json:"user_id"`
	CourseID     CourseID         `json:"course_id"`
	Source       EnrollmentSource `json:"source"`
}

type LessonCompleted struct {
	UserID   UserID   `json:"user_id"`
	CourseID CourseID `json:"course_id"`
	LessonID LessonID `json:"lesson_id"`
}

type CourseCompleted struct {
	EnrollmentID EnrollmentID `json:"enrollment_id"`
	UserID       UserID       `json:"user_id"`
	CourseID     CourseID     `json:"course_id"`
	CompletedAt  time.Time    `json:"completed_at"`
}

type SubmissionGraded struct {
	SubmissionID SubmissionID `json:"submission_id"`
	QuizID       QuizID       `json:"quiz_id"`
	UserID       UserID       `json:"user_id"`
	CourseID     CourseID     `json:"course_id"`
	LessonID     LessonID     `json:"lesson_id"`
	Score        float64      `json:"score"`
	Passed       bool         `json:"passed"`
	Final        bool         `json:"final"`
}

type SubscriptionChanged struct {
	UserID UserID   `json:"user_id"`
	PlanID PlanID   `json:"plan_id"`
	Tier   PlanTier `json:"tier"`
	Status string   `json:"status"`
}

type PaymentSucceeded struct {
	UserID    UserID   `json:"user_id"`
	InvoiceID string   `json:"invoice_id"`
	CourseID  CourseID `json:"course_id,omitempty"`
	Amount    Money    `json:"amount"`
}

type VideoReady struct {
	AssetID     AssetID  `json:"asset_id"`
	LessonID    LessonID `json:"lesson_id"`
	DurationSec int      `json:"duration_sec"`
	PlaybackID  string   `json:"playback_id"`
}

type CertificateIssued struct {
	CertID   CertID   `json:"cert_id"`
	UserID   UserID   `json:"user_id"`
	CourseID CourseID `json:"course_id"`
}
