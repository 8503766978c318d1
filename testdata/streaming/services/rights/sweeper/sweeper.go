// Package sweeper expires lapsed license windows and warns about upcoming expiries.
package sweeper

import (
	"context"
	"log/slog"
	"strconv"
	"time"

	"github.com/flickstream/api/pkg/events"
	"github.com/flickstream/api/services/rights/store"
)

const warnAhead = 7 * 24 * time.Hour

// Sweeper is run periodically by cmd/worker.
type Sweeper struct {
	store *store.Store
	pub   events.Publisher
	log   *slog.Logger
	now   func() time.Time
}

// New returns a Sweeper.
func New(s *store.Store, pub events.Publisher, log *slog.Logger) *Sweeper {
	return &Sweeper{store: s, pub: pub, log: log, now: time.Now}
}

// Name identifies the job in logs.
func (s *Sweeper) Name() string { return "rights-sweeper" }

// RunOnce performs one sweep.
func (s *Sweeper) RunOnce(ctx context.Context) error {
	now := s.now().UTC()
	expired, err := s.store.ExpireDue(ctx, now)
	if err != nil {
		return err
	}
	for _, w := range expired {
		remaining, err := s.store.CountActive(ctx, w.TitleID, now)
		if err != nil {
			return err
		}
		s.log.Info("license window expired", "window", w.ID, "title", w.TitleID, "territory", w.Territory, "remaining", remaining)
		if err := s.pub.Publish(ctx, events.New(events.WindowExpired, w.ID,
			"title_id", w.TitleID, "territory", w.Territory, "remaining", strconv.Itoa(remaining))); err != nil {
			return err
		}
	}
	soon, err := s.store.ExpiringUnnotified(ctx, now.Add(warnAhead))
	if err != nil {
		return err
	}
	for _, w := range soon {
		if err := s.pub.Publish(ctx, events.New(events.WindowExpiringSoon, w.ID,
			"title_id", w.TitleID, "territory", w.Territory, "ends_at", w.EndsAt.Format(time.RFC3339))); err != nil {
			return err
		}
		if err := s.store.MarkNotified(ctx, w.ID); err != nil {
			return err
		}
	}
	return nil
}
