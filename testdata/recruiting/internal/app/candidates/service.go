// Package candidates manages candidate profiles: creation and
// de-duplication, resumes, notes, merge and erasure.
package candidates

import (
	"context"
	"log/slog"
	"net/mail"
	"slices"
	"strings"
	"time"

	dbcandidates "github.com/hirebase/ats/internal/db/candidates"
	"github.com/hirebase/ats/internal/models"
	"github.com/hirebase/ats/internal/platform/errs"
	"github.com/hirebase/ats/internal/platform/events"
	"github.com/hirebase/ats/internal/platform/ids"
	"github.com/hirebase/ats/internal/resumes"
	"github.com/hirebase/ats/internal/resumes/parser"
	"github.com/hirebase/ats/internal/search"
)

var sources = []string{"career_site", "referral", "sourced", "agency", "import"}

type Service struct {
	store   *dbcandidates.Store
	resumes *resumes.Store
	index   *search.Index
	bus     *events.Bus
	log     *slog.Logger
}

func New(store *dbcandidates.Store, rs *resumes.Store, index *search.Index, bus *events.Bus, log *slog.Logger) *Service {
	return &Service{store: store, resumes: rs, index: index, bus: bus, log: log}
}

type Input struct {
	FirstName string   `json:"first_name"`
	LastName  string   `json:"last_name"`
	Email     string   `json:"email"`
	Phone     string   `json:"phone"`
	LinkedIn  string   `json:"linkedin"`
	Source    string   `json:"source"`
	Tags      []string `json:"tags"`
}

func normalize(in *Input) error {
	in.FirstName, in.LastName = strings.TrimSpace(in.FirstName), strings.TrimSpace(in.LastName)
	addr, err := mail.ParseAddress(strings.TrimSpace(in.Email))
	if in.FirstName == "" || err != nil {
		return errs.Validation("first name and a valid email are required")
	}
	in.Email = strings.ToLower(addr.Address)
	if in.Phone = parser.NormalizePhone(in.Phone); in.Phone != "" && len(in.Phone) < 7 {
		return errs.Validation("invalid phone number")
	}
	if in.Source == "" {
		in.Source = "sourced"
	}
	if !slices.Contains(sources, in.Source) {
		return errs.Validation("unknown source %q", in.Source)
	}
	return nil
}

// Create adds a candidate. An existing candidate with the same email is
// returned with a conflict so the UI can offer to open it instead.
func (s *Service) Create(ctx context.Context, tenantID string, in Input) (models.Candidate, error) {
	if err := normalize(&in); err != nil {
		return models.Candidate{}, err
	}
	if existing, err := s.store.FindByEmail(ctx, tenantID, in.Email); err == nil {
		return existing, errs.Conflict("candidate %s already exists with this email", existing.ID)
	} else if !errs.IsNotFound(err) {
		return models.Candidate{}, err
	}
	c := models.Candidate{ID: ids.New(ids.Candidate), TenantID: tenantID, FirstName: in.FirstName, LastName: in.LastName,
		Email: in.Email, Phone: in.Phone, LinkedIn: in.LinkedIn, Source: in.Source, Tags: in.Tags, CreatedAt: time.Now().UTC()}
	if err := s.store.Create(ctx, c); err != nil {
		return c, err
	}
	if err := s.store.AddTags(ctx, c.ID, in.Tags); err != nil {
		return c, err
	}
	s.reindex(ctx, tenantID, c.ID)
	s.bus.Publish(ctx, events.CandidateCreated, tenantID, c.ID, map[string]string{"source": c.Source})
	return c, nil
}

// Get follows merge tombstones to the surviving record.
func (s *Service) Get(ctx context.Context, tenantID, id string) (models.Candidate, error) {
	c, err := s.store.Get(ctx, tenantID, id)
	if err == nil && c.MergedInto != "" {
		return s.store.Get(ctx, tenantID, c.MergedInto)
	}
	return c, err
}

// AttachResume stores a resume and backfills profile fields the parser found.
func (s *Service) AttachResume(ctx context.Context, tenantID, id, fileName, contentType string, data []byte) (models.Resume, error) {
	c, err := s.store.Get(ctx, tenantID, id)
	if err != nil {
		return models.Resume{}, err
	}
	r, err := s.resumes.Save(ctx, nil, id, fileName, contentType, data)
	if err != nil {
		return r, err
	}
	parsed := parser.Parse(r.Text, time.Now())
	changed := false
	if c.Phone == "" && len(parsed.Phones) > 0 {
		c.Phone, changed = parsed.Phones[0], true
	}
	if c.LinkedIn == "" && parsed.LinkedIn != "" {
		c.LinkedIn, changed = parsed.LinkedIn, true
	}
	if changed {
		if err := s.store.Update(ctx, c); err != nil {
			return r, err
		}
	}
	if err := s.store.AddTags(ctx, id, r.Skills); err != nil {
		return r, err
	}
	s.reindex(ctx, tenantID, id)
	return r, nil
}

func (s *Service) Merge(ctx context.Context, tenantID, primaryID, dupID string) error {
	if primaryID == dupID {
		return errs.Validation("cannot merge a candidate into itself")
	}
	for _, id := range []string{primaryID, dupID} {
		c, err := s.store.Get(ctx, tenantID, id)
		if err != nil {
			return err
		}
		if c.MergedInto != "" || c.Anonymized {
			return errs.Conflict("candidate %s is not a live record", id)
		}
	}
	if err := s.store.Merge(ctx, tenantID, primaryID, dupID); err != nil {
		return err
	}
	_ = s.index.Remove(ctx, dupID)
	s.reindex(ctx, tenantID, primaryID)
	return nil
}

// Erase handles GDPR/CCPA deletion requests.
func (s *Service) Erase(ctx context.Context, tenantID, id string) error {
	if err := s.store.Anonymize(ctx, tenantID, id); err != nil {
		return err
	}
	if err := s.resumes.DeleteForCandidate(ctx, id); err != nil {
		return err
	}
	return s.index.Remove(ctx, id)
}

func (s *Service) Search(ctx context.Context, tenantID string, q search.Query) ([]search.Hit, error) {
	return s.index.Search(ctx, tenantID, q)
}

func (s *Service) reindex(ctx context.Context, tenantID, id string) {
	if _, err := s.index.Reindex(ctx, tenantID, id); err != nil {
		s.log.Warn("candidates: reindex failed", "candidate_id", id, "err", err)
	}
}
