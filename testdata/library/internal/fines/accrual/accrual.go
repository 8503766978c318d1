// Package accrual accrues overdue fines: nightly for items still out, and
// a final settlement when an overdue item comes back.
package accrual

import (
	"context"
	"log/slog"

	"citylib.org/ils/db"
	"citylib.org/ils/internal/circulation/policy"
	"citylib.org/ils/internal/platform/clock"
	"citylib.org/ils/internal/platform/eventbus"
	"citylib.org/ils/models"
	finesvc "citylib.org/ils/services/fines"
)

type Accruer struct {
	db     db.Querier
	fines  *finesvc.Service
	policy *policy.Resolver
	clock  clock.Clock
	log    *slog.Logger
}

func New(q db.Querier, f *finesvc.Service, p *policy.Resolver, c clock.Clock, bus *eventbus.Bus, log *slog.Logger) *Accruer {
	a := &Accruer{db: q, fines: f, policy: p, clock: c, log: log}
	bus.Subscribe(models.TopicLoanReturned, a.onReturned)
	return a
}

// Run recalculates the running fine of every overdue loan.
func (a *Accruer) Run(ctx context.Context) error {
	now := a.clock.Now()
	rows, err := a.db.QueryContext(ctx,
		`SELECT l.id, l.member_id, t.format, m.category, l.due_at
		 FROM loans l
		 JOIN copies c ON c.id = l.copy_id
		 JOIN titles t ON t.id = c.title_id
		 JOIN members m ON m.id = l.member_id
		 WHERE l.status = 'active' AND l.due_at < $1`, now)
	if err != nil {
		return err
	}
	type item struct {
		loanID, memberID int64
		format           models.Format
		category         models.MemberCategory
		late             int
	}
	var items []item
	for rows.Next() {
		var it item
		due := now
		if err := rows.Scan(&it.loanID, &it.memberID, &it.format, &it.category, &due); err != nil {
			rows.Close()
			return err
		}
		it.late = clock.DaysBetween(due, now)
		items = append(items, it)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	var assessed int
	for _, it := range items {
		p, err := a.policy.Resolve(ctx, it.format, it.category)
		if err != nil {
			return err
		}
		f, err := a.fines.AssessOverdue(ctx, it.memberID, it.loanID, it.late, p.DailyFineCents, p.MaxFineCents)
		if err != nil {
			a.log.Error("accrual failed", "loan", it.loanID, "err", err)
			continue
		}
		if f != nil {
			assessed++
		}
	}
	a.log.Info("fine accrual", "overdue_loans", len(items), "assessed", assessed)
	return nil
}

// onReturned settles the overdue fine using the days-late computed at
// check-in (which already applies the book-drop grace rule).
func (a *Accruer) onReturned(ctx context.Context, e eventbus.Event) error {
	ev, ok := e.Payload.(models.LoanEvent)
	if !ok || ev.DaysLate <= 0 {
		return nil
	}
	var cat models.MemberCategory
	if err := a.db.QueryRowContext(ctx, `SELECT category FROM members WHERE id = $1`, ev.MemberID).Scan(&cat); err != nil {
		return err
	}
	p, err := a.policy.Resolve(ctx, ev.Format, cat)
	if err != nil {
		return err
	}
	_, err = a.fines.AssessOverdue(ctx, ev.MemberID, ev.LoanID, ev.DaysLate, p.DailyFineCents, p.MaxFineCents)
	return err
}
