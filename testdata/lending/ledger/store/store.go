// Package store persists the general ledger: accounts, journal entries and lines.
package store

import (
	"context"
	"database/sql"
	"time"

	"lendwise.io/platform/internal/models"
	"lendwise.io/platform/internal/platform/db"
	"lendwise.io/platform/internal/platform/money"
)

type Store struct {
	db *db.DB
}

func New(d *db.DB) *Store { return &Store{db: d} }

// Insert writes an entry and its lines and rolls balances forward.
func (s *Store) Insert(ctx context.Context, e *models.JournalEntry) error {
	return s.db.InTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO journal_entries (id, loan_id, kind, memo, posted_at) VALUES ($1,$2,$3,$4,$5)`,
			e.ID, db.NullString(e.LoanID), e.Kind, e.Memo, e.PostedAt); err != nil {
			return err
		}
		for _, l := range e.Lines {
			if _, err := tx.ExecContext(ctx, `
				INSERT INTO journal_lines (entry_id, account_code, debit_cents, credit_cents) VALUES ($1,$2,$3,$4)`,
				e.ID, l.Account, int64(l.Debit), int64(l.Credit)); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `
				UPDATE ledger_accounts SET balance_cents = balance_cents + $2 - $3, updated_at = now() WHERE code = $1`,
				l.Account, int64(l.Debit), int64(l.Credit)); err != nil {
				return err
			}
		}
		return nil
	})
}

// Balance is one trial balance row.
type Balance struct {
	Account string      `json:"account"`
	Name    string      `json:"name"`
	Debits  money.Cents `json:"debits"`
	Credits money.Cents `json:"credits"`
}

// TrialBalance sums lines per account up to asOf.
func (s *Store) TrialBalance(ctx context.Context, asOf time.Time) ([]Balance, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT a.code, a.name, COALESCE(sum(l.debit_cents), 0), COALESCE(sum(l.credit_cents), 0)
		FROM ledger_accounts a
		LEFT JOIN journal_lines l ON l.account_code = a.code
		LEFT JOIN journal_entries e ON e.id = l.entry_id AND e.posted_at <= $1
		GROUP BY a.code, a.name ORDER BY a.code`, asOf)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Balance
	for rows.Next() {
		var b Balance
		var d, c int64
		if err := rows.Scan(&b.Account, &b.Name, &d, &c); err != nil {
			return nil, err
		}
		b.Debits, b.Credits = money.Cents(d), money.Cents(c)
		out = append(out, b)
	}
	return out, rows.Err()
}

// KnownAccounts returns the chart of accounts codes.
func (s *Store) KnownAccounts(ctx context.Context) (map[string]bool, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT code FROM ledger_accounts WHERE active`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		out[c] = true
	}
	return out, rows.Err()
}
