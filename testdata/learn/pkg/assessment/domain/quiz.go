// Package domain is the assessment model: quizzes, questions, submissions.
package domain

import (
	"time"

	"quill.dev/academy/pkg/common/types"
)

// QuestionKind determines how a question is graded.
type QuestionKind string

const (
	SingleChoice QuestionKind = "single"
	MultiChoice  QuestionKind = "multi"
	Numeric      QuestionKind = "numeric"
	FreeText     QuestionKind = "text"
)

// Question is one quiz item. Correct answers never leave the server.
type Question struct {
	ID        string       `json:"id"`
	Kind      QuestionKind `json:"kind"`
	Prompt    string       `json:"prompt"`
	Choices   []string     `json:"choices,omitempty"`
	Correct   []int        `json:"correct,omitempty"`
	Value     float64      `json:"value,omitempty"`
	Tolerance float64      `json:"tolerance,omitempty"`
	Keywords  []string     `json:"keywords,omitempty"`
	Points    float64      `json:"points"`
}

// Quiz belongs to a quiz lesson of a course.
type Quiz struct {
	ID          types.QuizID   `json:"id"`
	CourseID    types.CourseID `json:"course_id"`
	LessonID    types.LessonID `json:"lesson_id"`
	Title       string         `json:"title"`
	PassPercent float64        `json:"pass_percent"`
	Final       bool           `json:"final"`
	MaxAttempts int            `json:"max_attempts"`
	Questions   []Question     `json:"questions"`
}

// Redacted returns a copy safe to send to learners.
func (q Quiz) Redacted() Quiz {
	out := q
	out.Questions = make([]Question, len(q.Questions))
	for i, qq := range q.Questions {
		qq.Correct, qq.Value, qq.Tolerance, qq.Keywords = nil, 0, 0, nil
		out.Questions[i] = qq
	}
	return out
}

// Answer is a learner's response to one question.
type Answer struct {
	Choices []int   `json:"choices,omitempty"`
	Number  float64 `json:"number,omitempty"`
	Text    string  `json:"text,omitempty"`
}

// SubmissionStatus tracks grading.
type SubmissionStatus string

const (
	SubmissionPending SubmissionStatus = "pending" // awaiting plagiarism check
	SubmissionGraded  SubmissionStatus = "graded"
	SubmissionFlagged SubmissionStatus = "flagged" // needs human review
)

// Submission is one attempt at a quiz.
type Submission struct {
	ID          types.SubmissionID `json:"id"`
	QuizID      types.QuizID       `json:"quiz_id"`
	UserID      types.UserID       `json:"user_id"`
	Attempt     int                `json:"attempt"`
	Answers     map[string]Answer  `json:"answers"`
	Score       float64            `json:"score"`
	Passed      bool               `json:"passed"`
	Status      SubmissionStatus   `json:"status"`
	Similarity  float64            `json:"similarity,omitempty"`
	SubmittedAt time.Time          `json:"submitted_at"`
	GradedAt    *time.Time         `json:"graded_at,omitempty"`
}

// HasFreeText reports whether the quiz needs the plagiarism check.
func (q Quiz) HasFreeText() bool {
	for _, qq := range q.Questions {
		if qq.Kind == FreeText {
			return true
		}
	}
	return false
}
