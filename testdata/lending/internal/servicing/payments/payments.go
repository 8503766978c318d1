// Package payments posts borrower payments through the allocation waterfall
// and handles ACH returns.
package payments

import (
	"context"
	"database/sql"
	"time"

	"lendwise.io/platform/internal/models"
	"lendwise.io/platform/internal/platform/errs"
	"lendwise.io/platform/internal/platform/events"
	"lendwise.io/platform/internal/platform/ids"
	"lendwise.io/platform/internal/platform/money"
	"lendwise.io/platform/internal/servicing/store"
)

var methods = map[string]bool{"ach": true, "ach_autopay": true, "debit_card": true, "check": true, "agent": true}

type Service struct {
	store  *store.Store
	bus    *events.Bus
	nsfFee money.Cents
	now    func() time.Time
}

func NewService(s *store.Store, bus *events.Bus, nsfFee money.Cents) *Service {
	return &Service{store: s, bus: bus, nsfFee: nsfFee, now: time.Now}
}

// split returns how much of an installment's paid amount sits in fees, interest, principal.
func split(i models.Installment, paid money.Cents) (f, in, p money.Cents) {
	f = money.Min(paid, i.Fees)
	in = money.Min(paid-f, i.Interest)
	p = paid - f - in
	return
}

// Post applies a payment: per installment in order, fees, then interest, then principal.
func (s *Service) Post(ctx context.Context, loanID string, amount money.Cents, method string, effective time.Time) (*models.Payment, error) {
	if amount <= 0 {
		return nil, errs.Invalid("payment amount must be positive")
	}
	if !methods[method] {
		return nil, errs.Invalid("unsupported payment method %q", method)
	}
	pay := &models.Payment{ID: ids.New("pay"), LoanID: loanID, Amount: amount, Method: method,
		Status: models.PaymentPosted, EffectiveDate: effective, CreatedAt: s.now().UTC()}
	var loan *models.Loan
	err := s.store.Tx(ctx, func(ts *store.Store, tx *sql.Tx) error {
		var err error
		if loan, err = ts.GetLoan(ctx, loanID, true); err != nil {
			return err
		}
		if loan.Status == models.LoanPaidOff || loan.Status == models.LoanChargedOff || loan.Status == models.LoanPendingFunding {
			return errs.Conflict("loan %s is %s and cannot take payments", loanID, loan.Status)
		}
		insts, err := ts.Installments(ctx, loanID, true)
		if err != nil {
			return err
		}
		left := amount
		for _, i := range insts {
			if left == 0 {
				break
			}
			f0, in0, p0 := split(i, i.PaidAmount)
			apply := money.Min(left, i.Remaining())
			f1, in1, p1 := split(i, i.PaidAmount+apply)
			pay.AppliedFees += f1 - f0
			pay.AppliedInt += in1 - in0
			pay.AppliedPrin += p1 - p0
			left -= apply
			status := "partial"
			if i.PaidAmount+apply == i.Due() {
				status = "paid"
			}
			if err := ts.SetInstallmentPaid(ctx, i.ID, i.PaidAmount+apply, status); err != nil {
				return err
			}
		}
		if left > 0 {
			return errs.Invalid("payment exceeds scheduled balance by %s; request a payoff quote", left)
		}
		loan.PrincipalBalance -= pay.AppliedPrin
		loan.FeesBalance -= pay.AppliedFees
		if loan.PrincipalBalance == 0 && loan.FeesBalance == 0 {
			loan.Status, loan.ClosedAt = models.LoanPaidOff, pay.CreatedAt
		}
		if err := ts.UpdateBalances(ctx, loan); err != nil {
			return err
		}
		if err := ts.InsertPayment(ctx, pay); err != nil {
			return err
		}
		// Posted in the same transaction as the payment so cash never drifts
		// from the subledger; the ledger service cannot join our transaction.
		return writeJournal(ctx, tx, pay, false)
	})
	if err != nil {
		return nil, err
	}
	_ = s.bus.Publish(ctx, events.PaymentPosted, loanID, pay)
	if loan.Status == models.LoanPaidOff {
		_ = s.bus.Publish(ctx, events.LoanPaidOff, loanID, map[string]string{"loan_id": loanID, "borrower_id": loan.BorrowerID})
	}
	return pay, nil
}

// Return reverses an ACH payment and charges the NSF fee.
func (s *Service) Return(ctx context.Context, paymentID, code string) error {
	var pay *models.Payment
	err := s.store.Tx(ctx, func(ts *store.Store, tx *sql.Tx) error {
		var err error
		if pay, err = ts.GetPayment(ctx, paymentID); err != nil {
			return err
		}
		if err := ts.MarkReturned(ctx, paymentID, code); err != nil {
			return err
		}
		loan, err := ts.GetLoan(ctx, pay.LoanID, true)
		if err != nil {
			return err
		}
		insts, err := ts.Installments(ctx, pay.LoanID, false)
		if err != nil {
			return err
		}
		undo := pay.Amount
		for k := len(insts) - 1; k >= 0 && undo > 0; k-- {
			i := insts[k]
			take := money.Min(undo, i.PaidAmount)
			if take == 0 {
				continue
			}
			status := "partial"
			if i.PaidAmount-take == 0 {
				status = "scheduled"
			}
			if err := ts.SetInstallmentPaid(ctx, i.ID, i.PaidAmount-take, status); err != nil {
				return err
			}
			undo -= take
			insts[k].PaidAmount -= take
			insts[k].Status = status
		}
		loan.PrincipalBalance += pay.AppliedPrin
		loan.FeesBalance += pay.AppliedFees
		if loan.Status == models.LoanPaidOff {
			loan.Status, loan.ClosedAt = models.LoanActive, time.Time{}
		}
		if err := ts.UpdateBalances(ctx, loan); err != nil {
			return err
		}
		if code == "R01" || code == "R09" { // insufficient / uncollected funds
			for _, i := range insts {
				if i.PaidAmount < i.Due() {
					if err := ts.AddInstallmentFee(ctx, loan.ID, i.ID, s.nsfFee); err != nil {
						return err
					}
					break
				}
			}
		}
		return writeJournal(ctx, tx, pay, true)
	})
	if err != nil {
		return err
	}
	_ = s.bus.Publish(ctx, events.PaymentReturned, pay.LoanID, map[string]any{"payment_id": paymentID, "code": code})
	return nil
}

func writeJournal(ctx context.Context, tx *sql.Tx, p *models.Payment, reverse bool) error {
	entryID := ids.New("je")
	kind, memo := "payment", "payment "+p.ID
	if reverse {
		kind, memo = "payment_return", "return of "+p.ID
	}
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO journal_entries (id, loan_id, kind, memo, posted_at) VALUES ($1, $2, $3, $4, now())`,
		entryID, p.LoanID, kind, memo); err != nil {
		return err
	}
	lines := []struct {
		acct   string
		amt    money.Cents
		credit bool
	}{
		{"1000-cash", p.Amount, false},
		{"1200-loans-receivable", p.AppliedPrin, true},
		{"4000-interest-income", p.AppliedInt, true},
		{"1220-fees-receivable", p.AppliedFees, true},
	}
	for _, l := range lines {
		if l.amt == 0 {
			continue
		}
		credit := l.credit != reverse
		dr, cr := int64(l.amt), int64(0)
		if credit {
			dr, cr = 0, int64(l.amt)
		}
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO journal_lines (entry_id, account_code, debit_cents, credit_cents) VALUES ($1, $2, $3, $4)`,
			entryID, l.acct, dr, cr); err != nil {
			return err
		}
	}
	return nil
}
