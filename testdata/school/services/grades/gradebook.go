// Package grades holds gradebook rules: who may post scores, how category
// weights roll up into a term grade, and finalisation.
package grades

import (
	"context"
	"database/sql"
	"log/slog"
	"math"
	"time"

	"github.com/k12district/sis/events"
	"github.com/k12district/sis/lib/clock"
	"github.com/k12district/sis/lib/db"
	"github.com/k12district/sis/lib/errs"
	"github.com/k12district/sis/models"
	graderepo "github.com/k12district/sis/repositories/grades"
	"github.com/k12district/sis/services/scheduling"
	"github.com/k12district/sis/transcripts"
)

type Service struct {
	DB         *sql.DB
	Store      *graderepo.Store
	Scheduling *scheduling.Service
	Bus        *events.Bus
	Clock      clock.Clock
	Log        *slog.Logger
}

func (s *Service) authorize(ctx context.Context, staffID, sectionID int64) error {
	ok, err := s.Scheduling.TeacherOwnsSection(ctx, staffID, sectionID)
	if err != nil {
		return err
	}
	if !ok {
		return errs.Forbidden("staff %d does not teach section %d", staffID, sectionID)
	}
	return nil
}

func (s *Service) CreateAssignment(ctx context.Context, staffID int64, a *models.Assignment) error {
	if err := s.authorize(ctx, staffID, a.SectionID); err != nil {
		return err
	}
	if a.MaxPoints <= 0 {
		return errs.Invalid("max points must be positive")
	}
	weights, err := s.Store.Weights(ctx, a.SectionID)
	if err != nil {
		return err
	}
	if _, ok := weights[a.Category]; !ok {
		return errs.Invalid("section has no grading category %q", a.Category)
	}
	return s.Store.CreateAssignment(ctx, a)
}

// PostScores saves scores for one assignment and recomputes the affected
// students' running term grades.
func (s *Service) PostScores(ctx context.Context, staffID, assignmentID int64, term string, scores []models.Score) error {
	a, err := s.Store.Assignment(ctx, assignmentID)
	if err != nil {
		return err
	}
	if err := s.authorize(ctx, staffID, a.SectionID); err != nil {
		return err
	}
	for _, sc := range scores {
		if sc.Points < 0 || sc.Points > a.MaxPoints*1.2 {
			return errs.Invalid("score %.1f out of range for %s (max %.1f + 20%% extra credit)", sc.Points, a.Title, a.MaxPoints)
		}
		if sc.Excused && sc.Missing {
			return errs.Invalid("a score cannot be both excused and missing")
		}
	}
	err = db.WithTx(ctx, s.DB, func(tx *sql.Tx) error {
		for _, sc := range scores {
			sc.AssignmentID = assignmentID
			if err := s.Store.UpsertScore(ctx, tx, sc); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return s.Recompute(ctx, a.SectionID, term)
}

// Recompute rolls category averages into a weighted percent. Categories
// with no graded work are dropped and the remaining weights renormalised.
func (s *Service) Recompute(ctx context.Context, sectionID int64, term string) error {
	weights, err := s.Store.Weights(ctx, sectionID)
	if err != nil {
		return err
	}
	rows, err := s.Store.SectionScores(ctx, sectionID)
	if err != nil {
		return err
	}
	type acc struct{ earned, possible float64 }
	by := map[int64]map[string]*acc{}
	for _, r := range rows {
		if r.Excused {
			continue
		}
		if by[r.StudentID] == nil {
			by[r.StudentID] = map[string]*acc{}
		}
		c := by[r.StudentID][r.Category]
		if c == nil {
			c = &acc{}
			by[r.StudentID][r.Category] = c
		}
		if !r.Missing {
			c.earned += r.Points
		}
		c.possible += r.MaxPoints
	}
	return db.WithTx(ctx, s.DB, func(tx *sql.Tx) error {
		for student, cats := range by {
			pct := WeightedPercent(weights, func(cat string) (float64, float64) {
				if c := cats[cat]; c != nil {
					return c.earned, c.possible
				}
				return 0, 0
			})
			g := models.TermGrade{StudentID: student, SectionID: sectionID, Term: term,
				Percent: pct, Letter: transcripts.Letter(pct)}
			if err := s.Store.SaveTermGrade(ctx, tx, g); err != nil {
				return err
			}
		}
		return nil
	})
}

func WeightedPercent(weights map[string]float64, get func(cat string) (earned, possible float64)) float64 {
	var total, used float64
	for cat, w := range weights {
		earned, possible := get(cat)
		if possible == 0 {
			continue
		}
		total += w * earned / possible
		used += w
	}
	if used == 0 {
		return 0
	}
	return math.Round(total/used*10000) / 100
}

// Finalize locks a section's term grades. Allowed from one week before the
// term's grading deadline onward.
func (s *Service) Finalize(ctx context.Context, staffID, sectionID int64, term string, deadline time.Time) ([]int64, error) {
	if err := s.authorize(ctx, staffID, sectionID); err != nil {
		return nil, err
	}
	if s.Clock.Now().Before(deadline.AddDate(0, 0, -7)) {
		return nil, errs.Conflict("grades for %s cannot be finalized before %s", term, deadline.AddDate(0, 0, -7).Format("Jan 2"))
	}
	if err := s.Recompute(ctx, sectionID, term); err != nil {
		return nil, err
	}
	students, err := s.Store.FinalizeSection(ctx, sectionID, term)
	if err != nil {
		return nil, err
	}
	s.Bus.Publish(ctx, events.GradesPosted, events.GradesPostedPayload{SectionID: sectionID, Term: term, Students: students})
	return students, nil
}

func (s *Service) StudentGrades(ctx context.Context, studentID int64, term string) ([]models.TermGrade, transcripts.GPA, error) {
	gs, err := s.Store.TermGrades(ctx, studentID, term)
	if err != nil {
		return nil, transcripts.GPA{}, err
	}
	all, err := s.Store.FinalGrades(ctx, studentID)
	if err != nil {
		return nil, transcripts.GPA{}, err
	}
	return gs, transcripts.Compute(all), nil
}
