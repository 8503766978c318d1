// Package service builds personalised recommendation slates.
package service

import (
	"context"
	"log/slog"
	"slices"
	"sort"
	"time"

	"github.com/flickstream/api/models"
	catalog "github.com/flickstream/api/services/catalog/service"
	history "github.com/flickstream/api/services/history/service"
	profiles "github.com/flickstream/api/services/profiles/service"
	"github.com/flickstream/api/services/recommendations/store"
)

const (
	slateSize       = 30
	topGenres       = 3
	signalWindow    = 60 * 24 * time.Hour
	similarityBoost = 2.0
)

// Service is the recommendations API.
type Service struct {
	store    *store.Store
	catalog  catalog.Service
	history  *history.Service
	profiles *profiles.Service
	ttl      time.Duration
	log      *slog.Logger
	now      func() time.Time
}

// New returns the service.
func New(s *store.Store, c catalog.Service, h *history.Service, p *profiles.Service, ttl time.Duration, log *slog.Logger) *Service {
	return &Service{store: s, catalog: c, history: h, profiles: p, ttl: ttl, log: log, now: time.Now}
}

// ForProfile returns the cached slate or computes a fresh one.
func (s *Service) ForProfile(ctx context.Context, profileID string) ([]models.Recommendation, error) {
	recs, at, err := s.store.GetSlate(ctx, profileID)
	if err != nil {
		return nil, err
	}
	if recs != nil && s.now().Sub(at) < s.ttl {
		return recs, nil
	}
	return s.Compute(ctx, profileID)
}

// Compute builds and caches a slate.
func (s *Service) Compute(ctx context.Context, profileID string) ([]models.Recommendation, error) {
	now := s.now().UTC()
	p, err := s.profiles.Profile(ctx, profileID)
	if err != nil {
		return nil, err
	}
	affinity, err := s.store.GenreAffinity(ctx, profileID, now.Add(-signalWindow))
	if err != nil {
		return nil, err
	}
	watched, err := s.history.RecentTitles(ctx, profileID, 365)
	if err != nil {
		return nil, err
	}
	genres := rankGenres(affinity)
	if len(genres) == 0 {
		genres = []string{""} // cold start: newest titles overall
	}
	scores := map[string]*models.Recommendation{}
	for _, g := range genres {
		titles, err := s.catalog.Browse(ctx, catalog.BrowseQuery{Genre: g, MaxRating: p.MaxRating, Page: models.Page{Limit: 60}})
		if err != nil {
			return nil, err
		}
		for _, t := range titles {
			if slices.Contains(watched, t.ID) {
				continue
			}
			score := recency(t.ReleaseYear, now.Year())
			for _, tg := range t.Genres {
				score += affinity[tg]
			}
			reason := "Popular on FlickStream"
			if g != "" {
				reason = "Because you like " + g
			}
			bump(scores, t.ID, t.Name, score, reason)
		}
	}
	if len(watched) > 0 {
		recent := watched[:min(len(watched), 10)]
		sims, err := s.store.SimilarTo(ctx, recent, 50)
		if err != nil {
			return nil, err
		}
		for _, sm := range sims {
			if slices.Contains(watched, sm.TitleID) {
				continue
			}
			bump(scores, sm.TitleID, sm.Name, sm.Score*similarityBoost, "Because you watched "+sm.SourceTitleID)
		}
	}
	out := make([]models.Recommendation, 0, len(scores))
	for _, r := range scores {
		out = append(out, *r)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].TitleID < out[j].TitleID
	})
	if len(out) > slateSize {
		out = out[:slateSize]
	}
	if err := s.store.SaveSlate(ctx, profileID, out, now); err != nil {
		s.log.Warn("could not cache slate", "profile", profileID, "err", err)
	}
	return out, nil
}

// RefreshStale recomputes slates for recently active profiles; run by cmd/worker.
func (s *Service) RefreshStale(ctx context.Context) error {
	now := s.now()
	ids, err := s.store.StaleProfiles(ctx, now.Add(-7*24*time.Hour), now.Add(-s.ttl), 200)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if _, err := s.Compute(ctx, id); err != nil {
			s.log.Warn("slate refresh failed", "profile", id, "err", err)
		}
	}
	return nil
}

// RebuildSimilarity recomputes the co-watch graph; run nightly by cmd/worker.
func (s *Service) RebuildSimilarity(ctx context.Context) error {
	n, err := s.store.RebuildSimilarity(ctx)
	if err == nil {
		s.log.Info("title similarity rebuilt", "edges", n)
	}
	return err
}

func rankGenres(aff map[string]float64) []string {
	gs := make([]string, 0, len(aff))
	for g := range aff {
		gs = append(gs, g)
	}
	sort.Slice(gs, func(i, j int) bool { return aff[gs[i]] > aff[gs[j]] })
	if len(gs) > topGenres {
		gs = gs[:topGenres]
	}
	return gs
}

func recency(year, now int) float64 {
	age := now - year
	switch {
	case age <= 1:
		return 1.0
	case age <= 5:
		return 0.5
	default:
		return 0.1
	}
}

func bump(m map[string]*models.Recommendation, id, name string, score float64, reason string) {
	if r, ok := m[id]; ok {
		r.Score += score
		if score > 1 {
			r.Reason = reason
		}
		return
	}
	m[id] = &models.Recommendation{TitleID: id, Name: name, Score: score, Reason: reason}
}
