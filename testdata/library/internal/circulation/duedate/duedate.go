// Package duedate computes due dates: items are due at end of day on a day
// the lending branch is open, never on a closure or a closed weekday.
package duedate

import (
	"context"
	"time"

	"citylib.org/ils/internal/platform/clock"
	branchsvc "citylib.org/ils/services/branches"
)

// lookahead bounds the search for the next open day.
const lookahead = 21

type Calculator struct {
	branches *branchsvc.Service
}

func New(b *branchsvc.Service) *Calculator { return &Calculator{branches: b} }

// Due returns the due time for a loan of days starting at from.
func (c *Calculator) Due(ctx context.Context, branchID int64, from time.Time, days int) (time.Time, error) {
	target := clock.Day(from).AddDate(0, 0, days)
	return c.NextOpen(ctx, branchID, target)
}

// NextOpen returns end of day of the first open day on or after day.
func (c *Calculator) NextOpen(ctx context.Context, branchID int64, day time.Time) (time.Time, error) {
	open, err := c.branches.OpenDays(ctx, branchID, day, lookahead)
	if err != nil {
		return time.Time{}, err
	}
	start := clock.Day(day)
	for i, ok := range open {
		if ok {
			return clock.EndOfDay(start.AddDate(0, 0, i)), nil
		}
	}
	// Branch closed for three weeks (renovation): fall back to the date itself.
	return clock.EndOfDay(start), nil
}

// Renewal computes the new due date: renewal periods run from today, not
// from the old due date, but never shorten a loan.
func (c *Calculator) Renewal(ctx context.Context, branchID int64, now, oldDue time.Time, days int) (time.Time, error) {
	due, err := c.Due(ctx, branchID, now, days)
	if err != nil {
		return time.Time{}, err
	}
	if due.Before(oldDue) {
		return oldDue, nil
	}
	return due, nil
}
