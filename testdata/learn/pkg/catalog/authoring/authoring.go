// Package authoring is the instructor studio: creating courses and editing
// their curriculum.
package authoring

import (
	"context"
	"strings"
	"time"

	"quill.dev/academy/pkg/catalog/domain"
	"quill.dev/academy/pkg/catalog/repo"
	"quill.dev/academy/pkg/common/types"
	"quill.dev/academy/pkg/identity/auth"
	"quill.dev/academy/pkg/platform/clock"
	"quill.dev/academy/pkg/platform/errs"
	"quill.dev/academy/pkg/platform/ids"
)

// Service implements authoring use cases.
type Service struct {
	Repo  *repo.Repo
	Clock clock.Clock
}

// CourseInput holds editable course fields.
type CourseInput struct {
	Title       string         `json:"title"`
	Subtitle    string         `json:"subtitle"`
	Description string         `json:"description"`
	Level       types.Level    `json:"level"`
	Language    string         `json:"language"`
	PriceCents  int64          `json:"price_cents"`
	Currency    string         `json:"currency"`
	IncludedIn  types.PlanTier `json:"included_in"`
	Tags        []string       `json:"tags"`
}

func (in *CourseInput) validate() error {
	in.Title = strings.TrimSpace(in.Title)
	if in.Title == "" || len(in.Title) > 120 {
		return errs.E(errs.Invalid, "course", "title must be 1-120 characters")
	}
	switch in.Level {
	case types.LevelBeginner, types.LevelIntermediate, types.LevelAdvanced:
	case "":
		in.Level = types.LevelBeginner
	default:
		return errs.E(errs.Invalid, "course", "unknown level %q", in.Level)
	}
	if in.PriceCents < 0 {
		return errs.E(errs.Invalid, "course", "price must not be negative")
	}
	if in.Currency == "" {
		in.Currency = "USD"
	}
	if in.Language == "" {
		in.Language = "en"
	}
	for i, t := range in.Tags {
		in.Tags[i] = strings.ToLower(strings.TrimSpace(t))
	}
	return nil
}

// CreateCourse creates a draft owned by the caller.
func (s *Service) CreateCourse(ctx context.Context, p auth.Principal, in CourseInput) (domain.Course, error) {
	if !p.Role.CanAuthor() {
		return domain.Course{}, errs.E(errs.Forbidden, "create_course", "instructors only")
	}
	if err := in.validate(); err != nil {
		return domain.Course{}, err
	}
	now := s.Clock.Now()
	c := domain.Course{ID: types.CourseID(ids.New("crs")), Slug: domain.Slugify(in.Title), InstructorID: p.UserID,
		Status: domain.StatusDraft, CreatedAt: now}
	apply(&c, in, now)
	return c, s.Repo.Create(ctx, c)
}

// UpdateCourse edits course details.
func (s *Service) UpdateCourse(ctx context.Context, p auth.Principal, id types.CourseID, in CourseInput) (domain.Course, error) {
	c, err := s.owned(ctx, p, id)
	if err != nil {
		return c, err
	}
	if err := in.validate(); err != nil {
		return c, err
	}
	apply(&c, in, s.Clock.Now())
	return c, s.Repo.UpdateDetails(ctx, c)
}

func apply(c *domain.Course, in CourseInput, now time.Time) {
	c.Title, c.Subtitle, c.Description = in.Title, in.Subtitle, in.Description
	c.Level, c.Language, c.IncludedIn, c.Tags = in.Level, in.Language, in.IncludedIn, in.Tags
	c.Price = types.Money{Amount: in.PriceCents, Currency: in.Currency}
	c.UpdatedAt = now
}

// AddModule appends a module to the curriculum.
func (s *Service) AddModule(ctx context.Context, p auth.Principal, id types.CourseID, title string) (domain.Module, error) {
	if _, err := s.owned(ctx, p, id); err != nil {
		return domain.Module{}, err
	}
	mods, err := s.Repo.Curriculum(ctx, id)
	if err != nil {
		return domain.Module{}, err
	}
	m := domain.Module{ID: ids.New("mod"), CourseID: id, Title: strings.TrimSpace(title), Position: len(mods)}
	return m, s.Repo.InsertModule(ctx, m)
}

// SaveLesson creates or updates a lesson.
func (s *Service) SaveLesson(ctx context.Context, p auth.Principal, id types.CourseID, l domain.Lesson) (domain.Lesson, error) {
	c, err := s.owned(ctx, p, id)
	if err != nil {
		return l, err
	}
	mods, err := s.Repo.Curriculum(ctx, id)
	if err != nil {
		return l, err
	}
	var mod *domain.Module
	for i := range mods {
		if mods[i].ID == l.ModuleID {
			mod = &mods[i]
		}
	}
	if mod == nil {
		return l, errs.E(errs.Invalid, "save_lesson", "module %s not in course", l.ModuleID)
	}
	switch l.Kind {
	case types.LessonVideo, types.LessonReading, types.LessonQuiz:
	default:
		return l, errs.E(errs.Invalid, "save_lesson", "unknown lesson kind %q", l.Kind)
	}
	if l.ID == "" {
		l.ID = types.LessonID(ids.New("les"))
		l.Position = len(mod.Lessons)
	}
	l.CourseID = c.ID
	return l, s.Repo.UpsertLesson(ctx, l)
}

func (s *Service) owned(ctx context.Context, p auth.Principal, id types.CourseID) (domain.Course, error) {
	c, err := s.Repo.Course(ctx, id)
	if err != nil {
		return c, err
	}
	if c.InstructorID != p.UserID && p.Role != types.RoleAdmin {
		return c, errs.E(errs.Forbidden, "authoring", "not your course")
	}
	return c, nil
}
