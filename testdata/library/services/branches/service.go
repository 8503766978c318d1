// Package branches answers questions about where and when the library is open.
package branches

import (
	"context"
	"time"

	"citylib.org/ils/apperr"
	"citylib.org/ils/internal/platform/clock"
	"citylib.org/ils/internal/platform/eventbus"
	"citylib.org/ils/models"
	repo "citylib.org/ils/repositories/branches"
)

type Service struct {
	repo *repo.Repo
	bus  *eventbus.Bus
}

func NewService(r *repo.Repo, bus *eventbus.Bus) *Service {
	return &Service{repo: r, bus: bus}
}

func (s *Service) Get(ctx context.Context, id int64) (*models.Branch, error) {
	return s.repo.Get(ctx, id)
}

func (s *Service) List(ctx context.Context) ([]models.Branch, error) {
	return s.repo.List(ctx, true)
}

// MustBeActive returns an error unless the branch exists and is active.
func (s *Service) MustBeActive(ctx context.Context, id int64) error {
	b, err := s.repo.Get(ctx, id)
	if err != nil {
		return err
	}
	if !b.Active {
		return apperr.Invalid("branch_inactive", b.Name+" is not an active branch")
	}
	return nil
}

func (s *Service) Hours(ctx context.Context, branchID int64) ([]models.OpeningHours, error) {
	return s.repo.OpeningHours(ctx, branchID)
}

// OpenDays returns, for each of the next n days starting at from, whether
// the branch is open (has hours that weekday and no closure).
func (s *Service) OpenDays(ctx context.Context, branchID int64, from time.Time, n int) ([]bool, error) {
	hours, err := s.repo.OpeningHours(ctx, branchID)
	if err != nil {
		return nil, err
	}
	openWeekday := map[time.Weekday]bool{}
	for _, h := range hours {
		if h.Opens != h.Closes {
			openWeekday[h.Weekday] = true
		}
	}
	start := clock.Day(from)
	closures, err := s.repo.ClosuresBetween(ctx, branchID, start, start.AddDate(0, 0, n))
	if err != nil {
		return nil, err
	}
	closed := map[string]bool{}
	for _, c := range closures {
		closed[c.Day.Format(time.DateOnly)] = true
	}
	out := make([]bool, n)
	for i := range out {
		d := start.AddDate(0, 0, i)
		out[i] = openWeekday[d.Weekday()] && !closed[d.Format(time.DateOnly)]
	}
	return out, nil
}

// Close registers a closure (snow day, holiday) and announces it so that
// circulation can push due dates.
func (s *Service) Close(ctx context.Context, branchID int64, day time.Time, reason string) (*models.Closure, error) {
	if reason == "" {
		return nil, apperr.Invalid("reason_required", "closure reason is required")
	}
	c := &models.Closure{BranchID: branchID, Day: clock.Day(day), Reason: reason}
	if err := s.repo.AddClosure(ctx, c); err != nil {
		return nil, err
	}
	s.bus.Publish(ctx, models.TopicBranchClosed, models.BranchClosedEvent{BranchID: branchID, Day: c.Day, Reason: reason})
	return c, nil
}
