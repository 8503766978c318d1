// Package runs is the daily bill run: every account whose billing day it is
// gets a bill for the period since its last one.
package runs

import (
	"context"
	"database/sql"
	"log/slog"
	"time"

	"gridline.energy/platform/core/accounts"
	"gridline.energy/platform/core/billing"
	"gridline.energy/platform/core/billing/adjust"
	"gridline.energy/platform/core/billing/invoice"
	"gridline.energy/platform/core/db"
	"gridline.energy/platform/core/models"
	"gridline.energy/platform/core/util"
)

// MinPeriodDays: do not bill a period shorter than this except final bills.
const MinPeriodDays = 7

type Runner struct {
	db       *sql.DB
	calc     *billing.Calculator
	invoices *invoice.Store
	adjust   *adjust.Service
	accounts *accounts.Service
	log      *slog.Logger
}

func New(d *sql.DB, c *billing.Calculator, inv *invoice.Store, adj *adjust.Service, acc *accounts.Service, log *slog.Logger) *Runner {
	return &Runner{db: d, calc: c, invoices: inv, adjust: adj, accounts: acc, log: log}
}

type Summary struct {
	RunID   int64 `json:"run_id"`
	Due     int   `json:"due"`
	Billed  int   `json:"billed"`
	Skipped int   `json:"skipped"`
	Failed  int   `json:"failed"`
}

// dueAccounts selects accounts to bill on day. Final accounts are billed on
// any day so that closing bills go out promptly.
func (r *Runner) dueAccounts(ctx context.Context, day time.Time) ([]string, error) {
	rows, err := r.db.QueryContext(ctx, `
		SELECT id FROM accounts
		WHERE payment_method <> 'prepayment'
		  AND ((status = 'active' AND billing_day = $1) OR status = 'final')
		ORDER BY id`, day.Day())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

func (r *Runner) Run(ctx context.Context, day time.Time) (Summary, error) {
	day = util.Day(day)
	var s Summary
	if err := r.db.QueryRowContext(ctx,
		`INSERT INTO bill_runs (run_date, started_at) VALUES ($1, now()) RETURNING id`, day).Scan(&s.RunID); err != nil {
		return s, err
	}
	due, err := r.dueAccounts(ctx, day)
	if err != nil {
		return s, err
	}
	s.Due = len(due)
	for _, id := range due {
		billed, err := r.one(ctx, id, day)
		switch {
		case err != nil:
			s.Failed++
			r.log.Error("bill run: account failed", "account", id, "err", err)
		case billed:
			s.Billed++
		default:
			s.Skipped++
		}
	}
	_, err = r.db.ExecContext(ctx, `UPDATE bill_runs SET finished_at = now(), due = $2, billed = $3, skipped = $4, failed = $5
		WHERE id = $1`, s.RunID, s.Due, s.Billed, s.Skipped, s.Failed)
	return s, err
}

func (r *Runner) one(ctx context.Context, accountID string, day time.Time) (bool, error) {
	acc, err := r.accounts.Get(ctx, accountID)
	if err != nil {
		return false, err
	}
	from := util.Day(acc.OpenedAt)
	if last, err := r.invoices.LastPeriodEnd(ctx, acc.ID); err != nil {
		return false, err
	} else if last != nil {
		from = *last
	}
	final := acc.Status == models.AccountFinal
	if !final && util.DaysBetween(from, day) < MinPeriodDays {
		return false, nil
	}
	if !day.After(from) {
		return false, nil
	}
	credits, err := r.adjust.Pending(ctx, acc.ID)
	if err != nil {
		return false, err
	}
	bill, err := r.calc.Calculate(ctx, acc, from, day, credits)
	if err != nil {
		return false, err
	}
	if len(bill.Lines) == 0 {
		return false, nil
	}
	err = db.WithTx(ctx, r.db, func(tx *sql.Tx) error {
		if err := r.invoices.Save(ctx, tx, bill); err != nil {
			return err
		}
		if err := r.adjust.MarkApplied(ctx, tx, credits, bill.ID); err != nil {
			return err
		}
		return r.invoices.Issue(ctx, tx, &bill, time.Now().UTC())
	})
	if err != nil {
		return false, err
	}
	if final {
		// a final bill that clears the balance lets the account close
		if err := r.accounts.Close(ctx, acc.ID); err != nil {
			r.log.Warn("bill run: close after final bill", "account", acc.ID, "err", err)
		}
	}
	return true, nil
}
