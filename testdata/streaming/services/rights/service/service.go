// Package service answers "may we stream this title here, now?" and manages license windows.
package service

import (
	"context"
	"regexp"
	"sort"
	"time"

	"github.com/flickstream/api/models"
	"github.com/flickstream/api/pkg/errs"
	"github.com/flickstream/api/pkg/ids"
	"github.com/flickstream/api/services/rights/store"
)

var territoryRe = regexp.MustCompile(`^([A-Z]{2}|WW)$`)

const maxWindowLength = 15 * 365 * 24 * time.Hour

// Service is the rights API.
type Service struct {
	store *store.Store
	now   func() time.Time
}

// New returns the rights service.
func New(s *store.Store) *Service { return &Service{store: s, now: time.Now} }

// Availability is the answer to an availability check.
type Availability struct {
	Available     bool   `json:"available"`
	AdTierAllowed bool   `json:"ad_tier_allowed"`
	Reason        string `json:"reason,omitempty"`
}

// Check reports whether titleID may be streamed in territory at t.
func (s *Service) Check(ctx context.Context, titleID, territory string, at time.Time) (Availability, error) {
	ws, err := s.store.ActiveAt(ctx, titleID, territory, at)
	if err != nil {
		return Availability{}, err
	}
	if len(ws) == 0 {
		return Availability{Reason: "no license window for territory"}, nil
	}
	a := Availability{Available: true}
	for _, w := range ws {
		// a territory-specific window overrides the worldwide one for ad rights
		if w.AdTierAllowed {
			a.AdTierAllowed = true
		}
	}
	return a, nil
}

// IsAvailable is the boolean shortcut used by playback.
func (s *Service) IsAvailable(ctx context.Context, titleID, territory string, adTier bool) (bool, error) {
	a, err := s.Check(ctx, titleID, territory, s.now().UTC())
	if err != nil {
		return false, err
	}
	if adTier {
		return a.Available && a.AdTierAllowed, nil
	}
	return a.Available, nil
}

// AddWindow validates and stores a new license window.
func (s *Service) AddWindow(ctx context.Context, w models.LicenseWindow) (models.LicenseWindow, error) {
	const op = "rights.AddWindow"
	if !territoryRe.MatchString(w.Territory) {
		return w, errs.E(errs.Invalid, op, "territory must be an ISO 3166 alpha-2 code or WW")
	}
	if !w.EndsAt.After(w.StartsAt) {
		return w, errs.E(errs.Invalid, op, "window must end after it starts")
	}
	if w.EndsAt.Sub(w.StartsAt) > maxWindowLength {
		return w, errs.E(errs.Invalid, op, "window longer than 15 years; use perpetual rights process")
	}
	if w.EndsAt.Before(s.now()) {
		return w, errs.E(errs.Invalid, op, "window is already over")
	}
	ok, err := s.store.PartnerActive(ctx, w.PartnerID)
	if err != nil {
		return w, err
	}
	if !ok {
		return w, errs.E(errs.Invalid, op, "partner "+w.PartnerID+" has no active contract")
	}
	overlaps, err := s.store.Overlapping(ctx, w.TitleID, w.Territory, w.StartsAt, w.EndsAt)
	if err != nil {
		return w, err
	}
	for _, o := range overlaps {
		if o.PartnerID == w.PartnerID {
			continue
		}
		if o.Exclusive || w.Exclusive {
			return w, errs.E(errs.Conflict, op, "exclusive window "+o.ID+" overlaps in "+o.Territory)
		}
	}
	w.ID = ids.New(ids.Window)
	w.Status = "active"
	return w, s.store.Create(ctx, w)
}

// Windows lists windows of a title.
func (s *Service) Windows(ctx context.Context, titleID string) ([]models.LicenseWindow, error) {
	return s.store.ForTitle(ctx, titleID)
}

// Revoke ends a window immediately.
func (s *Service) Revoke(ctx context.Context, windowID string) error {
	return s.store.Revoke(ctx, windowID)
}

// Territories lists the territories where a title is currently available.
func (s *Service) Territories(ctx context.Context, titleID string) ([]string, error) {
	ws, err := s.store.ForTitle(ctx, titleID)
	if err != nil {
		return nil, err
	}
	now := s.now()
	set := map[string]bool{}
	for _, w := range ws {
		if w.Active(now) {
			set[w.Territory] = true
		}
	}
	out := make([]string, 0, len(set))
	for t := range set {
		out = append(out, t)
	}
	sort.Strings(out)
	return out, nil
}
