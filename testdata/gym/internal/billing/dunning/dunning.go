// Package dunning decides what to do about unpaid invoices.
package dunning

import (
	"context"
	"database/sql"
	"time"
)

// Action is the next dunning step.
type Action string

const (
	ActionNone    Action = "none"
	ActionNotify  Action = "notify"
	ActionRetry   Action = "retry"
	ActionSuspend Action = "suspend"
	ActionDebtCo  Action = "debt_collection"
)

// Policy is the schedule agreed with the finance team (days after first failure).
type Policy struct {
	RetryDays   []int
	SuspendDay  int
	DebtCoDay   int
	MaxAttempts int
}

var Default = Policy{RetryDays: []int{3, 10}, SuspendDay: 14, DebtCoDay: 60, MaxAttempts: 3}

// Next returns the action for an invoice that first failed at failedAt and has had attempts collections.
func (p Policy) Next(failedAt, now time.Time, attempts int, lastAction Action) Action {
	days := int(now.Sub(failedAt).Hours() / 24)
	switch {
	case days >= p.DebtCoDay:
		if lastAction != ActionDebtCo {
			return ActionDebtCo
		}
		return ActionNone
	case days >= p.SuspendDay:
		if lastAction != ActionSuspend && lastAction != ActionDebtCo {
			return ActionSuspend
		}
		return ActionNone
	}
	if attempts < p.MaxAttempts {
		for i, d := range p.RetryDays {
			if days >= d && attempts == i+1 {
				return ActionRetry
			}
		}
	}
	if lastAction == "" {
		return ActionNotify
	}
	return ActionNone
}

// Case is an unpaid invoice under dunning.
type Case struct {
	InvoiceID  string
	MemberID   string
	FailedAt   time.Time
	Attempts   int
	LastAction Action
}

type Store struct{ db *sql.DB }

func NewStore(conn *sql.DB) *Store { return &Store{db: conn} }

// OpenCases lists failed invoices with their dunning history.
func (s *Store) OpenCases(ctx context.Context) ([]Case, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT i.id, i.member_id, min(c.created_at), count(c.*),
		       COALESCE((SELECT d.action FROM dunning_steps d WHERE d.invoice_id = i.id ORDER BY d.created_at DESC LIMIT 1), '')
		FROM invoices i JOIN dd_collections c ON c.invoice_id = i.id
		WHERE i.status = 'failed'
		GROUP BY i.id, i.member_id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Case
	for rows.Next() {
		var c Case
		if err := rows.Scan(&c.InvoiceID, &c.MemberID, &c.FailedAt, &c.Attempts, &c.LastAction); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func (s *Store) Record(ctx context.Context, invoiceID string, a Action) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO dunning_steps (invoice_id, action, created_at) VALUES ($1,$2,now())`, invoiceID, a)
	return err
}
