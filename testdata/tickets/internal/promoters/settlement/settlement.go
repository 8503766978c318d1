// Package settlement computes the weekly payout owed to each promoter for
// events that have taken place, net of refunds and Gatehouse's fee.
// Tables owned: settlements, settlement_lines.
package settlement

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"time"

	"gatehouse.events/platform/internal/platform/clock"
	"gatehouse.events/platform/internal/platform/db"
	"gatehouse.events/platform/internal/platform/errs"
	"gatehouse.events/platform/internal/platform/ids"
	"gatehouse.events/platform/internal/platform/money"
	"gatehouse.events/platform/internal/promoters"
)

// Line is the settlement of one event.
type Line struct {
	EventID  string
	Gross    money.Money
	Refunds  money.Money
	Fee      money.Money
	Net      money.Money
	Tickets  int
	Currency string
}

// Settlement is one promoter's payout for a period.
type Settlement struct {
	ID          string
	PromoterID  string
	PeriodStart time.Time
	PeriodEnd   time.Time
	Lines       []Line
	Net         money.Money
	Status      string // draft, approved, paid
}

// Runner computes settlements.
type Runner struct {
	db        *sql.DB
	promoters *promoters.Service
	clock     clock.Clock
	weekday   time.Weekday
	log       *slog.Logger
}

// NewRunner builds a runner that settles on the given weekday.
func NewRunner(d *sql.DB, p *promoters.Service, c clock.Clock, weekday time.Weekday, log *slog.Logger) *Runner {
	return &Runner{db: d, promoters: p, clock: c, weekday: weekday, log: log}
}

// eventTotals aggregates captured sales and refunds per event in the
// period. NOTE: reads the orders and payments tables directly; finance
// needed this before either team exposed a reporting API.
const eventTotals = `
	SELECT o.event_id, o.currency,
	       COALESCE(SUM(p.amount_minor), 0)   AS gross,
	       COALESCE(SUM(p.refunded_minor), 0) AS refunded,
	       COALESCE(SUM((SELECT count(*) FROM order_lines l WHERE l.order_id = o.id)), 0) AS tickets
	FROM orders o
	JOIN payments p ON p.order_id = o.id AND p.status IN ('captured','partially_refunded','refunded')
	JOIN events e ON e.id = o.event_id
	WHERE e.promoter_id = $1 AND e.starts_at >= $2 AND e.starts_at < $3
	GROUP BY o.event_id, o.currency`

// Compute builds (but does not store) a promoter's settlement.
func (r *Runner) Compute(ctx context.Context, p promoters.Promoter, start, end time.Time) (*Settlement, error) {
	rows, err := r.db.QueryContext(ctx, eventTotals, p.ID, start, end)
	if err != nil {
		return nil, errs.Wrap(err, "settlement.Compute")
	}
	defer rows.Close()
	s := &Settlement{ID: ids.New(ids.PrefixSettlement), PromoterID: p.ID, PeriodStart: start, PeriodEnd: end, Status: "draft"}
	for rows.Next() {
		var l Line
		var gross, refunded int64
		if err := rows.Scan(&l.EventID, &l.Currency, &gross, &refunded, &l.Tickets); err != nil {
			return nil, err
		}
		l.Gross, l.Refunds = money.New(gross, l.Currency), money.New(refunded, l.Currency)
		kept, _ := l.Gross.Sub(l.Refunds)
		l.Fee = kept.Percent(p.FeeBps)
		l.Net, _ = kept.Sub(l.Fee)
		s.Lines = append(s.Lines, l)
		if s.Net.Currency == "" || s.Net.Currency == l.Currency {
			s.Net = s.Net.MustAdd(l.Net)
		} else {
			r.log.Warn("multi-currency settlement, net shows first currency only", "promoter_id", p.ID)
		}
	}
	return s, rows.Err()
}

// Save stores a settlement and its lines.
func (r *Runner) Save(ctx context.Context, s *Settlement) error {
	return db.WithTx(ctx, r.db, func(ctx context.Context, tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO settlements (id, promoter_id, period_start, period_end, net_minor, currency, status, created_at)
			VALUES ($1,$2,$3,$4,$5,$6,$7,$8) ON CONFLICT (promoter_id, period_start) DO NOTHING`,
			s.ID, s.PromoterID, s.PeriodStart, s.PeriodEnd, s.Net.Amount, s.Net.Currency, s.Status, r.clock.Now()); err != nil {
			return errs.Wrap(err, "settlement.Save")
		}
		for _, l := range s.Lines {
			if _, err := tx.ExecContext(ctx, `INSERT INTO settlement_lines (settlement_id, event_id, gross_minor, refunds_minor, fee_minor, net_minor, currency, tickets)
				VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`, s.ID, l.EventID, l.Gross.Amount, l.Refunds.Amount, l.Fee.Amount, l.Net.Amount, l.Currency, l.Tickets); err != nil {
				return errs.Wrap(err, "settlement.Save")
			}
		}
		return nil
	})
}

// RunPeriod settles every active promoter for [start, end).
func (r *Runner) RunPeriod(ctx context.Context, start, end time.Time) (int, error) {
	ps, err := r.promoters.Active(ctx)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, p := range ps {
		s, err := r.Compute(ctx, p, start, end)
		if err != nil {
			return n, fmt.Errorf("promoter %s: %w", p.ID, err)
		}
		if len(s.Lines) == 0 {
			continue
		}
		if err := r.Save(ctx, s); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// Run checks hourly and settles the previous week on the settlement day.
func (r *Runner) Run(ctx context.Context) error {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	var lastRun time.Time
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
		now := r.clock.Now()
		today := clock.StartOfDay(now, time.UTC)
		if now.Weekday() != r.weekday || !lastRun.Before(today) {
			continue
		}
		n, err := r.RunPeriod(ctx, today.AddDate(0, 0, -7), today)
		if err != nil {
			r.log.Error("settlement run failed", "err", err)
			continue
		}
		lastRun = today
		r.log.Info("settlements created", "count", n, "period_end", today)
	}
}
