// Package postings turns approved requisitions into public job postings and
// manages where they are advertised.
package postings

import (
	"context"
	"log/slog"
	"regexp"
	"slices"
	"strings"
	"time"

	apprequisitions "github.com/hirebase/ats/internal/app/requisitions"
	dbpostings "github.com/hirebase/ats/internal/db/postings"
	"github.com/hirebase/ats/internal/models"
	"github.com/hirebase/ats/internal/platform/errs"
	"github.com/hirebase/ats/internal/platform/events"
	"github.com/hirebase/ats/internal/platform/ids"
)

var (
	Channels   = []string{"career_site", "internal", "indeed", "linkedin"}
	nonSlug    = regexp.MustCompile(`[^a-z0-9]+`)
	hexColorRe = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)
)

const minDescriptionLen = 200

type Service struct {
	store *dbpostings.Store
	reqs  *apprequisitions.Service
	bus   *events.Bus
	log   *slog.Logger
}

func New(store *dbpostings.Store, reqs *apprequisitions.Service, bus *events.Bus, log *slog.Logger) *Service {
	return &Service{store: store, reqs: reqs, bus: bus, log: log}
}

type Input struct {
	Title       string `json:"title"`
	Description string `json:"description"`
	Location    string `json:"location"`
	Remote      bool   `json:"remote"`
	ShowSalary  bool   `json:"show_salary"`
}

// Slugify builds a URL slug from the title plus the id's random tail.
func Slugify(title, id string) string {
	s := strings.Trim(nonSlug.ReplaceAllString(strings.ToLower(title), "-"), "-")
	if len(s) > 60 {
		s = strings.TrimRight(s[:60], "-")
	}
	return s + "-" + id[len(id)-6:]
}

// CreateFromRequisition drafts a posting, defaulting fields from the requisition.
func (s *Service) CreateFromRequisition(ctx context.Context, tenantID, reqID string, in Input) (models.JobPosting, error) {
	req, err := s.reqs.Get(ctx, tenantID, reqID)
	if err != nil {
		return models.JobPosting{}, err
	}
	if req.Status == models.ReqClosed || req.Status == models.ReqFilled {
		return models.JobPosting{}, errs.Conflict("requisition is %s", req.Status)
	}
	p := models.JobPosting{ID: ids.New(ids.Posting), TenantID: tenantID, RequisitionID: reqID, Title: in.Title,
		Description: in.Description, Location: in.Location, Remote: in.Remote, ShowSalary: in.ShowSalary, Status: "draft"}
	if p.Title == "" {
		p.Title = req.Title
	}
	if p.Location == "" {
		p.Location = req.Location
	}
	p.Slug = Slugify(p.Title, p.ID)
	return p, s.store.Create(ctx, p)
}

// Publish puts the posting live on the chosen channels for days (0 = no expiry).
func (s *Service) Publish(ctx context.Context, tenantID, id string, channels []string, days int) (models.JobPosting, error) {
	p, err := s.store.Get(ctx, tenantID, id)
	if err != nil {
		return p, err
	}
	if _, err := s.reqs.EnsureOpen(ctx, tenantID, p.RequisitionID); err != nil {
		return p, err
	}
	if len(strings.TrimSpace(p.Description)) < minDescriptionLen {
		return p, errs.Validation("description must be at least %d characters to publish", minDescriptionLen)
	}
	if len(channels) == 0 {
		channels = []string{"career_site"}
	}
	for _, c := range channels {
		if !slices.Contains(Channels, c) {
			return p, errs.Validation("unknown channel %q", c)
		}
	}
	if slices.Contains(channels, "indeed") && p.Location == "" && !p.Remote {
		return p, errs.Validation("job boards require a location or remote flag")
	}
	if days > 0 {
		t := time.Now().UTC().AddDate(0, 0, days)
		p.ExpiresAt = &t
	}
	if err := s.store.Publish(ctx, tenantID, id, channels, p.ExpiresAt); err != nil {
		return p, err
	}
	p.Status, p.Channels = "published", channels
	s.bus.Publish(ctx, events.PostingPublished, tenantID, p.ID, map[string]any{"requisition_id": p.RequisitionID, "channels": channels})
	return p, nil
}

func (s *Service) Unpublish(ctx context.Context, tenantID, id string) error {
	n, err := s.store.Unpublish(ctx, tenantID, id, "")
	if err == nil && n == 0 {
		err = errs.Conflict("posting is not published")
	}
	return err
}

// SetQuestions validates and replaces the posting's application questions.
func (s *Service) SetQuestions(ctx context.Context, tenantID, id string, qs []models.PostingQuestion) error {
	if _, err := s.store.Get(ctx, tenantID, id); err != nil {
		return err
	}
	for i := range qs {
		q := &qs[i]
		q.ID = ids.New("pq")
		if q.Kind == "yes_no" {
			q.Choices = []string{"yes", "no"}
		}
		switch {
		case q.Kind != "text" && q.Kind != "yes_no" && q.Kind != "choice":
			return errs.Validation("unknown question kind %q", q.Kind)
		case q.Kind == "choice" && len(q.Choices) < 2:
			return errs.Validation("question %d needs at least two choices", i+1)
		case q.Knockout != "" && !slices.Contains(q.Choices, q.Knockout):
			return errs.Validation("knockout answer %q is not a choice", q.Knockout)
		}
	}
	return s.store.ReplaceQuestions(ctx, id, qs)
}

func (s *Service) UpdateCareerSite(ctx context.Context, c models.CareerSite) error {
	if c.PrimaryColor == "" {
		c.PrimaryColor = "#1f4bd8"
	}
	if !hexColorRe.MatchString(c.PrimaryColor) {
		return errs.Validation("primary_color must be a hex color")
	}
	return s.store.UpsertCareerSite(ctx, c)
}

// OnRequisitionEnded takes postings down when a requisition is filled or closed.
func (s *Service) OnRequisitionEnded(ctx context.Context, e events.Event) error {
	n, err := s.store.Unpublish(ctx, e.TenantID, "", e.Subject)
	if n > 0 {
		s.log.Info("postings: unpublished for ended requisition", "requisition_id", e.Subject, "count", n)
	}
	return err
}

// ExpireStale is run by the worker.
func (s *Service) ExpireStale(ctx context.Context) error {
	_, err := s.store.ExpireDue(ctx, time.Now().UTC())
	return err
}
