package types

import "time"

// Level is the advertised difficulty of a course.
type Level string

const (
	LevelBeginner     Level = "beginner"
	LevelIntermediate Level = "intermediate"
	LevelAdvanced     Level = "advanced"
)

// CourseSummary is the cross-module view of a course (list pages, receipts,
// certificates, search results).
type CourseSummary struct {
	ID           CourseID  `json:"id"`
	Slug         string    `json:"slug"`
	Title        string    `json:"title"`
	InstructorID UserID    `json:"instructor_id"`
	Level        Level     `json:"level"`
	Price        Money     `json:"price"`
	IncludedIn   PlanTier  `json:"included_in"`
	Published    bool      `json:"published"`
	UpdatedAt    time.Time `json:"updated_at"`
}

// LessonKind distinguishes lesson content types.
type LessonKind string

const (
	LessonVideo   LessonKind = "video"
	LessonReading LessonKind = "reading"
	LessonQuiz    LessonKind = "quiz"
)
