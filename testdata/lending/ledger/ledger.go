// Package ledger is the double-entry general ledger for loan accounting.
package ledger

import (
	"context"
	"time"

	"lendwise.io/platform/internal/models"
	"lendwise.io/platform/internal/platform/errs"
	"lendwise.io/platform/internal/platform/ids"
	"lendwise.io/platform/internal/platform/money"
	"lendwise.io/platform/ledger/store"
)

// Chart of accounts.
const (
	Cash               = "1000-cash"
	FundingClearing    = "1050-funding-clearing"
	LoansReceivable    = "1200-loans-receivable"
	InterestReceivable = "1210-interest-receivable"
	FeesReceivable     = "1220-fees-receivable"
	RefundsPayable     = "2100-refunds-payable"
	CommissionsPayable = "2200-commissions-payable"
	DeferredOrigFees   = "2300-deferred-origination-fees"
	InterestIncome     = "4000-interest-income"
	FeeIncome          = "4100-fee-income"
	ChargeOffExpense   = "6100-charge-off-expense"
	CommissionExpense  = "6200-broker-commission-expense"
)

type Service struct {
	store *store.Store
	now   func() time.Time
}

func NewService(s *store.Store) *Service { return &Service{store: s, now: time.Now} }

// Post validates that the entry balances and uses known accounts, then writes it.
func (s *Service) Post(ctx context.Context, e *models.JournalEntry) error {
	if len(e.Lines) < 2 {
		return errs.Invalid("journal entry needs at least two lines")
	}
	known, err := s.store.KnownAccounts(ctx)
	if err != nil {
		return err
	}
	var dr, cr money.Cents
	for _, l := range e.Lines {
		if !known[l.Account] {
			return errs.Invalid("unknown account %s", l.Account)
		}
		if l.Debit < 0 || l.Credit < 0 || (l.Debit > 0 && l.Credit > 0) {
			return errs.Invalid("line on %s must be a single positive debit or credit", l.Account)
		}
		dr += l.Debit
		cr += l.Credit
	}
	if dr != cr {
		return errs.Invalid("entry out of balance: debits %s credits %s", dr, cr)
	}
	if e.ID == "" {
		e.ID = ids.New("je")
	}
	if e.PostedAt.IsZero() {
		e.PostedAt = s.now().UTC()
	}
	return s.store.Insert(ctx, e)
}

// Simple builds a two-line entry.
func Simple(kind, loanID, memo, debit, credit string, amt money.Cents) *models.JournalEntry {
	return &models.JournalEntry{
		Kind: kind, LoanID: loanID, Memo: memo,
		Lines: []models.JournalLine{{Account: debit, Debit: amt}, {Account: credit, Credit: amt}},
	}
}

// TrialBalance returns balances and whether total debits equal total credits.
func (s *Service) TrialBalance(ctx context.Context, asOf time.Time) ([]store.Balance, bool, error) {
	rows, err := s.store.TrialBalance(ctx, asOf)
	if err != nil {
		return nil, false, err
	}
	var dr, cr money.Cents
	for _, r := range rows {
		dr += r.Debits
		cr += r.Credits
	}
	return rows, dr == cr, nil
}
