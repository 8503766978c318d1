// Package payoff quotes and applies early payoffs.
package payoff

import (
	"context"
	"database/sql"
	"time"

	"lendwise.io/platform/internal/models"
	"lendwise.io/platform/internal/platform/errs"
	"lendwise.io/platform/internal/platform/events"
	"lendwise.io/platform/internal/platform/ids"
	"lendwise.io/platform/internal/platform/money"
	"lendwise.io/platform/internal/servicing/schedule"
	"lendwise.io/platform/internal/servicing/store"
	"lendwise.io/platform/ledger"
)

const quoteValidity = 10 // days

type Service struct {
	store  *store.Store
	ledger *ledger.Service
	bus    *events.Bus
	now    func() time.Time
}

func NewService(s *store.Store, l *ledger.Service, bus *events.Bus) *Service {
	return &Service{store: s, ledger: l, bus: bus, now: time.Now}
}

// Quote computes principal + fees + simple interest accrued through the good-through date.
func (s *Service) Quote(ctx context.Context, loanID string) (*models.PayoffQuote, error) {
	l, err := s.store.GetLoan(ctx, loanID, false)
	if err != nil {
		return nil, err
	}
	if l.Status != models.LoanActive && l.Status != models.LoanDelinquent {
		return nil, errs.Conflict("loan %s is %s", loanID, l.Status)
	}
	since, err := s.store.LastPaymentDate(ctx, loanID)
	if err != nil {
		return nil, err
	}
	if since.IsZero() {
		since = l.FundedAt
		if since.IsZero() {
			since = l.BookedAt
		}
	}
	now := s.now().UTC()
	through := now.AddDate(0, 0, quoteValidity)
	days := int(through.Sub(since).Hours() / 24)
	q := &models.PayoffQuote{
		ID: ids.New("poq"), LoanID: loanID, Principal: l.PrincipalBalance, Fees: l.FeesBalance,
		Interest: schedule.DailyInterest(l.PrincipalBalance, l.APRBps, days), GoodThrough: through, CreatedAt: now,
	}
	q.Total = q.Principal + q.Interest + q.Fees
	return q, s.store.SaveQuote(ctx, q)
}

// Apply settles the loan against a valid quote. Overpayments become a refund liability.
func (s *Service) Apply(ctx context.Context, quoteID string, amount money.Cents, method string) (*models.Payment, error) {
	q, err := s.store.GetQuote(ctx, quoteID)
	if err != nil {
		return nil, err
	}
	now := s.now().UTC()
	if now.After(q.GoodThrough) {
		return nil, errs.Conflict("payoff quote %s expired on %s", quoteID, q.GoodThrough.Format("2006-01-02"))
	}
	if amount < q.Total {
		return nil, errs.Invalid("payoff requires at least %s", q.Total)
	}
	pay := &models.Payment{
		ID: ids.New("pay"), LoanID: q.LoanID, Amount: amount, Method: method, Status: models.PaymentPosted,
		AppliedFees: q.Fees, AppliedInt: q.Interest, AppliedPrin: q.Principal, EffectiveDate: now, CreatedAt: now,
	}
	var borrowerID string
	err = s.store.Tx(ctx, func(ts *store.Store, _ *sql.Tx) error {
		l, err := ts.GetLoan(ctx, q.LoanID, true)
		if err != nil {
			return err
		}
		if l.PrincipalBalance != q.Principal || l.FeesBalance != q.Fees {
			return errs.Conflict("loan balance changed since quote; request a new quote")
		}
		borrowerID = l.BorrowerID
		insts, err := ts.Installments(ctx, l.ID, true)
		if err != nil {
			return err
		}
		for _, i := range insts {
			if err := ts.SetInstallmentPaid(ctx, i.ID, i.PaidAmount, "closed_by_payoff"); err != nil {
				return err
			}
		}
		l.PrincipalBalance, l.FeesBalance, l.Status, l.ClosedAt, l.DaysPastDue = 0, 0, models.LoanPaidOff, now, 0
		if err := ts.UpdateBalances(ctx, l); err != nil {
			return err
		}
		return ts.InsertPayment(ctx, pay)
	})
	if err != nil {
		return nil, err
	}
	entry := &models.JournalEntry{Kind: "payoff", LoanID: q.LoanID, Memo: "payoff " + quoteID, Lines: []models.JournalLine{
		{Account: ledger.Cash, Debit: amount},
		{Account: ledger.LoansReceivable, Credit: q.Principal},
		{Account: ledger.InterestIncome, Credit: q.Interest},
		{Account: ledger.FeesReceivable, Credit: q.Fees},
	}}
	if over := amount - q.Total; over > 0 {
		entry.Lines = append(entry.Lines, models.JournalLine{Account: ledger.RefundsPayable, Credit: over})
	}
	entry.Lines = dropZero(entry.Lines)
	if err := s.ledger.Post(ctx, entry); err != nil {
		return pay, err
	}
	_ = s.bus.Publish(ctx, events.LoanPaidOff, q.LoanID, map[string]string{"loan_id": q.LoanID, "borrower_id": borrowerID})
	return pay, nil
}

func dropZero(lines []models.JournalLine) []models.JournalLine {
	out := lines[:0]
	for _, l := range lines {
		if l.Debit != 0 || l.Credit != 0 {
			out = append(out, l)
		}
	}
	return out
}
