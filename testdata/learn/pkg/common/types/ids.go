package types

type (
	UserID       string
	CourseID     string
	LessonID     string
	EnrollmentID string
	QuizID       string
	SubmissionID string
	PlanID       string
	AssetID      string
	ThreadID     string
	CertID       string
)
