// Package jobs holds the labs background jobs.
package jobs

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/acme/clinic/labs/orders"
	"github.com/acme/clinic/labs/sqlstore"
	"github.com/acme/clinic/pkg/domain"
	"github.com/acme/clinic/pkg/logger"
	"github.com/acme/clinic/pkg/notify"
	"github.com/acme/clinic/pkg/timeutil"
)

// OverdueSweeper marks collected specimens that have waited too long as
// delayed and e-mails the lab desk a list.
type OverdueSweeper struct {
	Store   *sqlstore.Store
	Catalog orders.Catalog
	Sender  notify.Sender
	DeskTo  string
	After   time.Duration
	Clock   timeutil.Clock
	Log     *logger.Logger
}

func (j *OverdueSweeper) Name() string { return "lab-overdue-sweep" }

func (j *OverdueSweeper) Run(ctx context.Context) error {
	now := j.Clock.Now()
	stale, err := j.Store.StaleCollected(ctx, now.Add(-j.After))
	if err != nil {
		return fmt.Errorf("lab sweep: %w", err)
	}
	var lines []string
	for _, o := range stale {
		due, ok := j.Catalog.ExpectedBy(o)
		if ok && now.Before(due) {
			continue // long-turnaround test, still within its window
		}
		if o.Status != domain.LabDelayed {
			if err := orders.Transition(&o, domain.LabDelayed, now); err != nil {
				j.Log.WarnContext(ctx, "cannot mark delayed", "order_id", o.ID, "err", err)
				continue
			}
			if err := j.Store.SaveStatus(ctx, o); err != nil {
				return fmt.Errorf("lab sweep: save %s: %w", o.ID, err)
			}
		}
		lines = append(lines, fmt.Sprintf("%s  %-6s  %s  collected %s",
			o.ID, o.Priority, strings.Join(o.TestCodes, ","), o.CollectedAt.Format(time.RFC822)))
	}
	if len(lines) == 0 {
		return nil
	}
	j.Log.InfoContext(ctx, "lab orders delayed", "count", len(lines))
	return j.Sender.Send(ctx, notify.Message{
		Channel: notify.Email,
		To:      j.DeskTo,
		Subject: fmt.Sprintf("%d lab orders overdue", len(lines)),
		Body:    "The following orders are past their turnaround time:\n\n" + strings.Join(lines, "\n"),
	})
}
