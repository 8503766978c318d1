// Package ledger is the double-entry ledger finance reconciles against.
//
// Table: ledger_entries.
package ledger

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/staybright/platform/internal/pkg/db"
	"github.com/staybright/platform/internal/pkg/errs"
)

// Ledger accounts.
const (
	GuestReceivable  = "guest_receivable"
	PSPClearing      = "psp_clearing"
	Bank             = "bank"
	PSPFees          = "psp_fees"
	RoomRevenue      = "revenue_rooms"
	CancellationFees = "revenue_cancellation_fees"
	RefundsPayable   = "refunds_payable"
)

// Entry is one leg of a posting.
type Entry struct {
	Account     string
	DebitCents  int64
	CreditCents int64
	Currency    string
}

// Ledger posts balanced journal entries.
type Ledger struct {
	db *sql.DB
}

// New returns a Ledger.
func New(conn *sql.DB) *Ledger { return &Ledger{db: conn} }

// Post writes a balanced journal under reference. Posting the same
// reference twice is a no-op so callers can retry safely.
func (l *Ledger) Post(ctx context.Context, reference, memo string, entries ...Entry) error {
	var dr, cr int64
	cur := ""
	for _, e := range entries {
		dr += e.DebitCents
		cr += e.CreditCents
		if cur == "" {
			cur = e.Currency
		} else if e.Currency != cur {
			return errs.E(errs.Invalid, "ledger.Post", "mixed currencies in one journal")
		}
	}
	if dr != cr {
		return errs.E(errs.Internal, "ledger.Post", fmt.Sprintf("unbalanced journal %s: dr=%d cr=%d", reference, dr, cr))
	}
	return db.WithTx(ctx, l.db, func(tx *sql.Tx) error {
		var exists bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM ledger_entries WHERE reference = $1)`, reference).
			Scan(&exists); err != nil {
			return errs.Wrap(err, "ledger.Post")
		}
		if exists {
			return nil
		}
		for _, e := range entries {
			_, err := tx.ExecContext(ctx, `
				INSERT INTO ledger_entries (reference, memo, account, debit_cents, credit_cents, currency, posted_at)
				VALUES ($1, $2, $3, $4, $5, $6, now())`, reference, memo, e.Account, e.DebitCents, e.CreditCents, e.Currency)
			if err != nil {
				return errs.Wrap(err, "ledger.Post")
			}
		}
		return nil
	})
}

// Balance returns debits minus credits for an account.
func (l *Ledger) Balance(ctx context.Context, account, currency string) (int64, error) {
	var bal sql.NullInt64
	err := l.db.QueryRowContext(ctx, `
		SELECT SUM(debit_cents - credit_cents) FROM ledger_entries WHERE account = $1 AND currency = $2`,
		account, currency).Scan(&bal)
	return bal.Int64, errs.Wrap(err, "ledger.Balance")
}

// Debit is a helper for a debit leg.
func Debit(account string, cents int64, currency string) Entry {
	return Entry{Account: account, DebitCents: cents, Currency: currency}
}

// Credit is a helper for a credit leg.
func Credit(account string, cents int64, currency string) Entry {
	return Entry{Account: account, CreditCents: cents, Currency: currency}
}
