// Package service records viewing progress and serves the "continue watching" shelf.
package service

import (
	"context"
	"time"

	"github.com/flickstream/api/models"
	"github.com/flickstream/api/pkg/errs"
	"github.com/flickstream/api/services/history/store"
)

const (
	completionRatio = 0.9
	creditsSlack    = 120 // seconds of end credits counted as finished
)

// Service is the watch history API.
type Service struct {
	store *store.Store
	now   func() time.Time
}

// New returns the service.
func New(s *store.Store) *Service { return &Service{store: s, now: time.Now} }

// Completed applies the "finished watching" rule.
func Completed(position, duration int) bool {
	if duration <= 0 {
		return false
	}
	return float64(position) >= completionRatio*float64(duration) || duration-position <= creditsSlack
}

// Record stores a progress report from a player heartbeat.
func (s *Service) Record(ctx context.Context, e models.WatchEvent) error {
	const op = "history.Record"
	if e.ProfileID == "" || e.TitleID == "" {
		return errs.E(errs.Invalid, op, "profile and title are required")
	}
	if e.DurationSec <= 0 || e.PositionSec < 0 {
		return errs.E(errs.Invalid, op, "bad position/duration")
	}
	if e.PositionSec > e.DurationSec {
		e.PositionSec = e.DurationSec
	}
	if e.At.IsZero() {
		e.At = s.now().UTC()
	}
	if err := s.store.InsertEvent(ctx, e); err != nil {
		return err
	}
	return s.store.UpsertProgress(ctx, progressOf(e))
}

func progressOf(e models.WatchEvent) models.WatchProgress {
	return models.WatchProgress{
		ProfileID: e.ProfileID, TitleID: e.TitleID, EpisodeID: e.EpisodeID, PositionSec: e.PositionSec,
		DurationSec: e.DurationSec, Completed: Completed(e.PositionSec, e.DurationSec), UpdatedAt: e.At,
	}
}

// ContinueWatching builds the shelf: unfinished titles, plus finished episodes that have a next episode.
func (s *Service) ContinueWatching(ctx context.Context, profileID string, limit int) ([]models.ContinueWatchingItem, error) {
	if limit <= 0 || limit > 40 {
		limit = 20
	}
	items, completed, err := s.store.ContinueWatching(ctx, profileID, limit*2)
	if err != nil {
		return nil, err
	}
	out := make([]models.ContinueWatchingItem, 0, limit)
	for i, it := range items {
		if completed[i] {
			if it.NextEpisodeID == "" {
				continue
			}
			// jump to the start of the next episode
			it.EpisodeID, it.EpisodeName, it.PositionSec = it.NextEpisodeID, "", 0
		}
		out = append(out, it)
		if len(out) == limit {
			break
		}
	}
	return out, nil
}

// RecentTitles returns titles watched in the last n days.
func (s *Service) RecentTitles(ctx context.Context, profileID string, days int) ([]string, error) {
	return s.store.RecentTitleIDs(ctx, profileID, s.now().AddDate(0, 0, -days))
}

// Forget erases a profile's history.
func (s *Service) Forget(ctx context.Context, profileID string) error {
	return s.store.DeleteForProfile(ctx, profileID)
}

// RebuildProgress replays raw events into watch_progress; used by cmd/backfill.
func (s *Service) RebuildProgress(ctx context.Context, afterID int64, batch int, progress func(lastID int64, n int)) (int64, error) {
	for {
		evs, last, err := s.store.EventsAfter(ctx, afterID, batch)
		if err != nil {
			return afterID, err
		}
		if len(evs) == 0 {
			return afterID, nil
		}
		for _, e := range evs {
			if err := s.store.UpsertProgress(ctx, progressOf(e)); err != nil {
				return afterID, err
			}
		}
		afterID = last
		if progress != nil {
			progress(last, len(evs))
		}
	}
}
