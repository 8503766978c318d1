// Package domain is the course catalog model: courses, modules, lessons.
package domain

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"quill.dev/academy/pkg/common/types"
)

// Status is a course's publication state.
type Status string

const (
	StatusDraft     Status = "draft"
	StatusInReview  Status = "in_review"
	StatusPublished Status = "published"
	StatusArchived  Status = "archived"
)

// Course is an authored course with its curriculum.
type Course struct {
	ID           types.CourseID `json:"id"`
	Slug         string         `json:"slug"`
	Title        string         `json:"title"`
	Subtitle     string         `json:"subtitle"`
	Description  string         `json:"description"`
	InstructorID types.UserID   `json:"instructor_id"`
	Level        types.Level    `json:"level"`
	Language     string         `json:"language"`
	Price        types.Money    `json:"price"`
	IncludedIn   types.PlanTier `json:"included_in,omitempty"`
	Status       Status         `json:"status"`
	Tags         []string       `json:"tags"`
	Modules      []Module       `json:"modules,omitempty"`
	CreatedAt    time.Time      `json:"created_at"`
	UpdatedAt    time.Time      `json:"updated_at"`
	PublishedAt  *time.Time     `json:"published_at,omitempty"`
}

// Module groups lessons.
type Module struct {
	ID       string         `json:"id"`
	CourseID types.CourseID `json:"course_id"`
	Title    string         `json:"title"`
	Position int            `json:"position"`
	Lessons  []Lesson       `json:"lessons"`
}

// Lesson is a unit of content.
type Lesson struct {
	ID           types.LessonID   `json:"id"`
	ModuleID     string           `json:"module_id"`
	CourseID     types.CourseID   `json:"course_id"`
	Title        string           `json:"title"`
	Kind         types.LessonKind `json:"kind"`
	Position     int              `json:"position"`
	DurationSec  int              `json:"duration_sec"`
	VideoAssetID types.AssetID    `json:"video_asset_id,omitempty"`
	QuizID       types.QuizID     `json:"quiz_id,omitempty"`
	Body         string           `json:"body,omitempty"`
	Preview      bool             `json:"preview"`
}

// Summary converts to the shared summary type.
func (c Course) Summary() types.CourseSummary {
	return types.CourseSummary{ID: c.ID, Slug: c.Slug, Title: c.Title, InstructorID: c.InstructorID, Level: c.Level,
		Price: c.Price, IncludedIn: c.IncludedIn, Published: c.Status == StatusPublished, UpdatedAt: c.UpdatedAt}
}

// Lessons returns all lessons in curriculum order.
func (c Course) Lessons() []Lesson {
	var out []Lesson
	for _, m := range c.Modules {
		out = append(out, m.Lessons...)
	}
	return out
}

// TotalDuration sums lesson durations.
func (c Course) TotalDuration() time.Duration {
	var sec int
	for _, l := range c.Lessons() {
		sec += l.DurationSec
	}
	return time.Duration(sec) * time.Second
}

// PublishProblems lists what prevents publishing; empty means ready.
func (c Course) PublishProblems() []string {
	var p []string
	if len(c.Title) < 5 {
		p = append(p, "title is too short")
	}
	if len(c.Description) < 100 {
		p = append(p, "description must be at least 100 characters")
	}
	lessons := c.Lessons()
	if len(lessons) < 3 {
		p = append(p, "a course needs at least 3 lessons")
	}
	for _, l := range lessons {
		switch l.Kind {
		case types.LessonVideo:
			if l.VideoAssetID == "" || l.DurationSec == 0 {
				p = append(p, fmt.Sprintf("lesson %q has no processed video", l.Title))
			}
		case types.LessonQuiz:
			if l.QuizID == "" {
				p = append(p, fmt.Sprintf("lesson %q has no quiz attached", l.Title))
			}
		case types.LessonReading:
			if strings.TrimSpace(l.Body) == "" {
				p = append(p, fmt.Sprintf("lesson %q is empty", l.Title))
			}
		}
	}
	if c.Price.IsZero() && c.IncludedIn == "" {
		p = append(p, "free courses must be approved by content team (set included_in=free)")
	}
	return p
}

var nonSlug = regexp.MustCompile(`[^a-z0-9]+`)

// Slugify turns a title into a URL slug.
func Slugify(title string) string {
	s := nonSlug.ReplaceAllString(strings.ToLower(title), "-")
	s = strings.Trim(s, "-")
	if len(s) > 80 {
		s = strings.TrimRight(s[:80], "-")
	}
	return s
}
