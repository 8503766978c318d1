// Package overdue scans for overdue loans: it sends the notice ladder
// (1, 7 and 14 days late) and declares long-overdue items lost.
package overdue

import (
	"context"
	"log/slog"

	"citylib.org/ils/db"
	"citylib.org/ils/internal/platform/clock"
	"citylib.org/ils/internal/platform/eventbus"
	"citylib.org/ils/models"
	loanrepo "citylib.org/ils/repositories/loans"
	loansvc "citylib.org/ils/services/loans"
)

// NoticeDays is the notice ladder; each step is sent once per loan.
var NoticeDays = []int{1, 7, 14}

const batchSize = 500

type Scanner struct {
	db        db.Querier
	loans     *loanrepo.Repo
	svc       *loansvc.Service
	bus       *eventbus.Bus
	clock     clock.Clock
	lostAfter int
	log       *slog.Logger
}

func New(q db.Querier, l *loanrepo.Repo, s *loansvc.Service, bus *eventbus.Bus, c clock.Clock, lostAfterDays int, log *slog.Logger) *Scanner {
	return &Scanner{db: q, loans: l, svc: s, bus: bus, clock: c, lostAfter: lostAfterDays, log: log}
}

// step returns the highest notice step reached for daysLate, or 0.
func step(daysLate int) int {
	s := 0
	for _, d := range NoticeDays {
		if daysLate >= d {
			s = d
		}
	}
	return s
}

func (s *Scanner) Run(ctx context.Context) error {
	now := s.clock.Now()
	ls, err := s.loans.Overdue(ctx, now, batchSize)
	if err != nil {
		return err
	}
	var notices, lost int
	for _, l := range ls {
		late := clock.DaysBetween(l.DueAt, now)
		if late >= s.lostAfter {
			if err := s.svc.DeclareLost(ctx, l.ID); err != nil {
				s.log.Error("declare lost failed", "loan", l.ID, "err", err)
				continue
			}
			lost++
			continue
		}
		st := step(late)
		if st == 0 {
			continue
		}
		res, err := s.db.ExecContext(ctx,
			`INSERT INTO overdue_notices (loan_id, step, sent_at) VALUES ($1, $2, now())
			 ON CONFLICT (loan_id, step) DO NOTHING`, l.ID, st)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			continue // already sent this step
		}
		s.bus.Publish(ctx, models.TopicLoanOverdue, models.LoanEvent{LoanID: l.ID, MemberID: l.MemberID, CopyID: l.CopyID,
			TitleID: l.TitleID, Title: l.Title, DueAt: l.DueAt, DaysLate: late})
		notices++
	}
	s.log.Info("overdue scan", "checked", len(ls), "notices", notices, "declared_lost", lost)
	return nil
}
