// Package ledger keeps the double-entry book of money moving through the
// shop: every capture and refund is recorded as balanced entries.
package ledger

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"example.com/shop/internal/platform/db"
	"example.com/shop/internal/platform/money"
)

// Account is a ledger account.
type Account string

// The accounts.
const (
	AccountProcessorClearing Account = "processor_clearing"
	AccountRevenue           Account = "revenue"
	AccountRefunds           Account = "refunds"
	AccountCustomerCredit    Account = "customer_credit"
)

// Entry is one side of a booking.
type Entry struct {
	TxRef   string
	Account Account
	Debit   money.Money
	Credit  money.Money
	Memo    string
	At      time.Time
}

const insertEntrySQL = `INSERT INTO ledger_entries (tx_ref, account, debit_minor, credit_minor, currency, memo, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7)`

const balanceSQL = `SELECT COALESCE(SUM(debit_minor - credit_minor), 0)
FROM ledger_entries
WHERE account = $1 AND currency = $2`

// Ledger writes and reads the book.
type Ledger struct {
	db *sql.DB
}

// New returns a ledger on conn.
func New(conn *sql.DB) *Ledger { return &Ledger{db: conn} }

// Balanced checks that debits equal credits per currency.
func Balanced(entries []Entry) error {
	sums := map[money.Currency]int64{}
	for _, e := range entries {
		if e.Debit.Currency != "" {
			sums[e.Debit.Currency] += e.Debit.Amount
		}
		if e.Credit.Currency != "" {
			sums[e.Credit.Currency] -= e.Credit.Amount
		}
		if e.Debit.IsNegative() || e.Credit.IsNegative() {
			return fmt.Errorf("ledger: negative amount in %s", e.TxRef)
		}
	}
	for cur, n := range sums {
		if n != 0 {
			return fmt.Errorf("ledger: entries unbalanced by %s", money.New(n, cur))
		}
	}
	return nil
}

// Record writes balanced entries inside the caller's transaction.
func (l *Ledger) Record(ctx context.Context, q db.Querier, entries ...Entry) error {
	if err := Balanced(entries); err != nil {
		return err
	}
	for _, e := range entries {
		cur := e.Debit.Currency
		if cur == "" {
			cur = e.Credit.Currency
		}
		if _, err := q.ExecContext(ctx, insertEntrySQL, e.TxRef, string(e.Account), e.Debit.Amount, e.Credit.Amount, string(cur), e.Memo, e.At); err != nil {
			return fmt.Errorf("ledger: record %s: %w", e.TxRef, err)
		}
	}
	return nil
}

// Balance returns the balance of an account.
func (l *Ledger) Balance(ctx context.Context, account Account, cur money.Currency) (money.Money, error) {
	var n int64
	if err := l.db.QueryRowContext(ctx, balanceSQL, string(account), string(cur)).Scan(&n); err != nil {
		return money.Money{}, fmt.Errorf("ledger: balance of %s: %w", account, err)
	}
	return money.New(n, cur), nil
}

// CaptureEntries books a captured payment as revenue.
func CaptureEntries(paymentID string, amount money.Money, at time.Time) []Entry {
	zero := money.Zero(amount.Currency)
	return []Entry{
		{TxRef: paymentID, Account: AccountProcessorClearing, Debit: amount, Credit: zero, Memo: "capture", At: at},
		{TxRef: paymentID, Account: AccountRevenue, Debit: zero, Credit: amount, Memo: "capture", At: at},
	}
}

// RefundEntries books a refund.
func RefundEntries(refundID string, amount money.Money, at time.Time) []Entry {
	zero := money.Zero(amount.Currency)
	return []Entry{
		{TxRef: refundID, Account: AccountRefunds, Debit: amount, Credit: zero, Memo: "refund", At: at},
		{TxRef: refundID, Account: AccountProcessorClearing, Debit: zero, Credit: amount, Memo: "refund", At: at},
	}
}
