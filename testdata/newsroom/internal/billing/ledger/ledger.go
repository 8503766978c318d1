// Package ledger is the double-entry general ledger for revenue and costs.
package ledger

import (
	"context"
	"fmt"

	"github.com/dailyherald/newsroom/pkg/db"
	"github.com/dailyherald/newsroom/pkg/ids"
	"github.com/dailyherald/newsroom/pkg/money"
)

const (
	AccountCash            = "asset:cash"
	AccountReceivable      = "asset:receivable"
	AccountSubscriptionRev = "revenue:subscriptions"
	AccountAdvertisingRev  = "revenue:advertising"
	AccountVATPayable      = "liability:vat"
	AccountRefunds         = "contra:refunds"
)

type Entry struct {
	Account   string
	Direction string // debit | credit
	Amount    money.Money
	Memo      string
}

func Debit(account string, m money.Money, memo string) Entry {
	return Entry{Account: account, Direction: "debit", Amount: m, Memo: memo}
}

func Credit(account string, m money.Money, memo string) Entry {
	return Entry{Account: account, Direction: "credit", Amount: m, Memo: memo}
}

// Post writes a balanced set of entries for one business reference.
func Post(ctx context.Context, q db.Querier, refType, refID string, entries ...Entry) error {
	var debits, credits int64
	for _, e := range entries {
		if e.Amount.IsNegative() {
			return fmt.Errorf("ledger: negative amount on %s", e.Account)
		}
		if e.Direction == "debit" {
			debits += e.Amount.Cents
		} else {
			credits += e.Amount.Cents
		}
	}
	if debits != credits {
		return fmt.Errorf("ledger: unbalanced posting for %s %s (%d != %d)", refType, refID, debits, credits)
	}
	for _, e := range entries {
		if e.Amount.IsZero() {
			continue
		}
		if _, err := q.ExecContext(ctx, `
			INSERT INTO ledger_entries (id, account, direction, amount_cents, currency, reference_type, reference_id, memo, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())`,
			ids.New("led"), e.Account, e.Direction, e.Amount.Cents, e.Amount.Currency, refType, refID, e.Memo); err != nil {
			return err
		}
	}
	return nil
}
