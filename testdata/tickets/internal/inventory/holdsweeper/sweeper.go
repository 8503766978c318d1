// Package holdsweeper is the background worker that expires abandoned
// checkout holds so the seats go back on sale.
package holdsweeper

import (
	"context"
	"log/slog"
	"time"

	"gatehouse.events/platform/internal/inventory/app"
)

// Sweeper periodically expires holds.
type Sweeper struct {
	holds    *app.HoldService
	interval time.Duration
	batch    int
	log      *slog.Logger
}

// New builds a sweeper.
func New(h *app.HoldService, interval time.Duration, log *slog.Logger) *Sweeper {
	return &Sweeper{holds: h, interval: interval, batch: 500, log: log}
}

// Run blocks until ctx is cancelled.
func (s *Sweeper) Run(ctx context.Context) error {
	t := time.NewTicker(s.interval)
	defer t.Stop()
	s.log.Info("hold sweeper started", "interval", s.interval)
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
			s.sweep(ctx)
		}
	}
}

func (s *Sweeper) sweep(ctx context.Context) {
	total := 0
	for {
		n, err := s.holds.ExpireDue(ctx, s.batch)
		if err != nil {
			s.log.Error("hold sweep failed", "err", err)
			return
		}
		total += n
		if n < s.batch {
			break
		}
	}
	if total > 0 {
		s.log.Info("holds expired", "count", total)
	}
}
