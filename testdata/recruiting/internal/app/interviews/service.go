// Package interviews schedules interviews and collects scorecards.
package interviews

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"time"

	appaccounts "github.com/hirebase/ats/internal/app/accounts"
	apppipeline "github.com/hirebase/ats/internal/app/pipeline"
	"github.com/hirebase/ats/internal/calendarsync"
	dbinterviews "github.com/hirebase/ats/internal/db/interviews"
	"github.com/hirebase/ats/internal/models"
	"github.com/hirebase/ats/internal/platform/errs"
	"github.com/hirebase/ats/internal/platform/events"
	"github.com/hirebase/ats/internal/platform/ids"
)

var (
	kinds           = []string{"phone", "video", "onsite", "technical"}
	recommendations = map[string]int{models.RecStrongNo: -2, models.RecNo: -1, models.RecYes: 1, models.RecStrongYes: 2}
)

const maxPanel = 8

type Service struct {
	store    *dbinterviews.Store
	pipeline *apppipeline.Service
	accounts *appaccounts.Service
	cal      *calendarsync.Client
	bus      *events.Bus
	log      *slog.Logger
}

func New(store *dbinterviews.Store, pipeline *apppipeline.Service, accounts *appaccounts.Service, cal *calendarsync.Client,
	bus *events.Bus, log *slog.Logger) *Service {
	return &Service{store: store, pipeline: pipeline, accounts: accounts, cal: cal, bus: bus, log: log}
}

type ScheduleInput struct {
	ApplicationID string    `json:"application_id"`
	Kind          string    `json:"kind"`
	StartsAt      time.Time `json:"starts_at"`
	EndsAt        time.Time `json:"ends_at"`
	Location      string    `json:"location"`
	PanelistIDs   []string  `json:"panelist_ids"`
}

// Schedule books an interview, checking panel availability, sends calendar
// invites and moves early-stage applications into the interview stage.
func (s *Service) Schedule(ctx context.Context, tenantID, actorID string, in ScheduleInput) (models.Interview, error) {
	slices.Sort(in.PanelistIDs)
	in.PanelistIDs = slices.Compact(in.PanelistIDs)
	switch d := in.EndsAt.Sub(in.StartsAt); {
	case !slices.Contains(kinds, in.Kind):
		return models.Interview{}, errs.Validation("unknown interview kind %q", in.Kind)
	case d < 15*time.Minute || d > 8*time.Hour:
		return models.Interview{}, errs.Validation("interviews must last between 15 minutes and 8 hours")
	case in.StartsAt.Before(time.Now()):
		return models.Interview{}, errs.Validation("interview must start in the future")
	case len(in.PanelistIDs) == 0 || len(in.PanelistIDs) > maxPanel:
		return models.Interview{}, errs.Validation("panel must have 1 to %d interviewers", maxPanel)
	}
	app, err := s.pipeline.Get(ctx, tenantID, in.ApplicationID)
	if err != nil {
		return models.Interview{}, err
	}
	if app.Status != "active" {
		return models.Interview{}, errs.Conflict("application is %s", app.Status)
	}
	for _, id := range in.PanelistIDs {
		if u, err := s.accounts.GetUser(ctx, tenantID, id); err != nil || !u.Active {
			return models.Interview{}, errs.Validation("panelist %s is not an active user", id)
		}
	}
	conflicts, err := s.store.Conflicts(ctx, tenantID, in.PanelistIDs, in.StartsAt, in.EndsAt)
	if err != nil {
		return models.Interview{}, err
	}
	if len(conflicts) > 0 {
		return models.Interview{}, errs.Conflict("already interviewing at that time: %v", conflicts)
	}
	iv := models.Interview{ID: ids.New(ids.Interview), TenantID: tenantID, ApplicationID: app.ID, Kind: in.Kind,
		StartsAt: in.StartsAt.UTC(), EndsAt: in.EndsAt.UTC(), Location: in.Location, PanelistIDs: in.PanelistIDs, Status: "scheduled"}
	if err := s.store.Create(ctx, iv); err != nil {
		return iv, err
	}
	if iv.CalendarRef, err = s.cal.CreateEvent(ctx, calendarsync.Event{Title: fmt.Sprintf("Interview: %s (%s)", app.CandidateName, iv.Kind),
		Start: iv.StartsAt, End: iv.EndsAt, Location: iv.Location, OrganizerID: actorID, AttendeeIDs: iv.PanelistIDs}); err != nil {
		s.log.Warn("interviews: calendar invite failed", "interview_id", iv.ID, "err", err)
	} else {
		_ = s.store.Update(ctx, iv.ID, iv.Status, iv.CalendarRef)
	}
	if app.StageKey == models.StageApplied || (app.StageKey == models.StageScreen && iv.Kind != "phone") {
		if _, err := s.pipeline.Move(ctx, tenantID, actorID, app.ID, models.StageInterview); err != nil {
			s.log.Warn("interviews: could not advance application", "application_id", app.ID, "err", err)
		}
	}
	return iv, nil
}

func (s *Service) ForApplication(ctx context.Context, tenantID, appID string) ([]models.Interview, error) {
	return s.store.ListForApplication(ctx, tenantID, appID)
}

// SubmitScorecard records a panelist's feedback.
func (s *Service) SubmitScorecard(ctx context.Context, tenantID, actorID, interviewID string, sc models.Scorecard) (models.Scorecard, error) {
	iv, err := s.store.Get(ctx, tenantID, interviewID)
	if err != nil {
		return sc, err
	}
	switch {
	case !slices.Contains(iv.PanelistIDs, actorID):
		return sc, errs.Forbidden("only panelists can submit scorecards")
	case iv.Status == "cancelled":
		return sc, errs.Conflict("interview was cancelled")
	case time.Now().Before(iv.StartsAt):
		return sc, errs.Validation("scorecards open once the interview starts")
	}
	if _, ok := recommendations[sc.Recommendation]; !ok {
		return sc, errs.Validation("invalid recommendation %q", sc.Recommendation)
	}
	for attr, v := range sc.Ratings {
		if v < 1 || v > 4 {
			return sc, errs.Validation("rating for %s must be 1-4", attr)
		}
	}
	sc.ID, sc.InterviewID, sc.InterviewerID, sc.SubmittedAt = ids.New(ids.Scorecard), interviewID, actorID, time.Now().UTC()
	if err := s.store.SubmitScorecard(ctx, sc); err != nil {
		return sc, err
	}
	s.bus.Publish(ctx, events.ScorecardSubmitted, tenantID, sc.ID, map[string]string{"application_id": iv.ApplicationID, "recommendation": sc.Recommendation})
	return sc, nil
}

// Summary aggregates all scorecards for an application.
type Summary struct {
	Scorecards      []models.Scorecard `json:"scorecards"`
	Recommendations map[string]int     `json:"recommendations"`
	Score           float64            `json:"score"` // mean of -2..2
	Outstanding     []string           `json:"outstanding"`
	Consensus       string             `json:"consensus"` // hire, no_hire, mixed, pending
}

// Summarize computes the debrief view. Viewers who still owe a scorecard see
// counts only, so they are not biased by their colleagues.
func (s *Service) Summarize(ctx context.Context, tenantID, appID, viewerID string) (Summary, error) {
	sum := Summary{Recommendations: map[string]int{}}
	ivs, err := s.store.ListForApplication(ctx, tenantID, appID)
	if err != nil {
		return sum, err
	}
	cards, err := s.store.ScorecardsForApplication(ctx, appID)
	if err != nil {
		return sum, err
	}
	submitted := map[string]bool{}
	score := 0
	for _, c := range cards {
		submitted[c.InterviewID+"/"+c.InterviewerID] = true
		sum.Recommendations[c.Recommendation]++
		score += recommendations[c.Recommendation]
	}
	for _, iv := range ivs {
		for _, p := range iv.PanelistIDs {
			if iv.Status != "cancelled" && !submitted[iv.ID+"/"+p] && !slices.Contains(sum.Outstanding, p) {
				sum.Outstanding = append(sum.Outstanding, p)
			}
		}
	}
	if len(cards) > 0 {
		sum.Score = float64(score) / float64(len(cards))
	}
	noes := sum.Recommendations[models.RecStrongNo] + sum.Recommendations[models.RecNo]
	switch {
	case len(sum.Outstanding) > 0:
		sum.Consensus = "pending"
	case noes == 0 && len(cards) > 0:
		sum.Consensus = "hire"
	case noes == len(cards):
		sum.Consensus = "no_hire"
	default:
		sum.Consensus = "mixed"
	}
	if !slices.Contains(sum.Outstanding, viewerID) {
		sum.Scorecards = cards
	}
	return sum, nil
}
