// Package funding disburses loan proceeds to borrowers by ACH and activates
// loans once the credit settles.
package funding

import (
	"context"
	"time"

	"lendwise.io/platform/funding/store"
	"lendwise.io/platform/internal/borrowers"
	"lendwise.io/platform/internal/models"
	"lendwise.io/platform/internal/platform/errs"
	"lendwise.io/platform/internal/platform/events"
	"lendwise.io/platform/internal/platform/ids"
	"lendwise.io/platform/internal/platform/money"
	"lendwise.io/platform/ledger"
)

const batchLimit = 500

type Service struct {
	store     *store.Store
	ach       *ACHClient
	borrowers *borrowers.Service
	ledger    *ledger.Service
	bus       *events.Bus
	originID  string
	now       func() time.Time
}

func NewService(s *store.Store, ach *ACHClient, b *borrowers.Service, l *ledger.Service, bus *events.Bus, originID string) *Service {
	return &Service{store: s, ach: ach, borrowers: b, ledger: l, bus: bus, originID: originID, now: time.Now}
}

// RequestDisbursement queues the net proceeds (principal minus origination fee).
func (s *Service) RequestDisbursement(ctx context.Context, loan *models.Loan) (*models.Disbursement, error) {
	if existing, err := s.store.ForLoan(ctx, loan.ID); err != nil {
		return nil, err
	} else if existing != nil {
		return existing, nil
	}
	acct, err := s.borrowers.PrimaryBankAccount(ctx, loan.BorrowerID)
	if err != nil {
		return nil, err
	}
	net := loan.Principal - loan.OriginationFee
	if net <= 0 {
		return nil, errs.Invalid("net disbursement must be positive")
	}
	d := &models.Disbursement{ID: ids.New("dsb"), LoanID: loan.ID, BorrowerID: loan.BorrowerID, BankAccountID: acct.ID, Amount: net,
		Status: "pending", CreatedAt: s.now().UTC()}
	return d, s.store.Create(ctx, d)
}

// SubmitBatch sends all pending disbursements in one ACH batch.
func (s *Service) SubmitBatch(ctx context.Context) (int, error) {
	pending, err := s.store.ByStatus(ctx, "pending", batchLimit)
	if err != nil || len(pending) == 0 {
		return 0, err
	}
	var entries []entry
	var total money.Cents
	for _, d := range pending {
		loanBorrower, acct, err := s.accountFor(ctx, d)
		if err != nil {
			return 0, err
		}
		entries = append(entries, newEntry(d, acct, loanBorrower.FullName()))
		total += d.Amount
	}
	batchID := ids.New("bat")
	now := s.now().UTC()
	file := BuildFile(s.originID, entries, now)
	traces, err := s.ach.Submit(ctx, batchID, file, entries)
	if err != nil {
		return 0, err
	}
	name := "disb-" + now.Format("20060102-150405") + ".ach"
	return len(traces), s.store.RecordBatch(ctx, batchID, name, total, traces)
}

func (s *Service) accountFor(ctx context.Context, d *models.Disbursement) (*models.Borrower, *models.BankAccount, error) {
	acct, err := s.borrowers.PrimaryBankAccount(ctx, d.BorrowerID)
	if err != nil {
		return nil, nil, err
	}
	if acct.ID != d.BankAccountID {
		return nil, nil, errs.Conflict("disbursement %s: borrower changed bank account, re-request", d.ID)
	}
	b, err := s.borrowers.Get(ctx, d.BorrowerID)
	return b, acct, err
}

// Settle polls the bank and activates funded loans.
func (s *Service) Settle(ctx context.Context) (int, error) {
	submitted, err := s.store.ByStatus(ctx, "submitted", batchLimit)
	if err != nil || len(submitted) == 0 {
		return 0, err
	}
	seen := map[string]bool{}
	var batches []string
	for _, d := range submitted {
		if !seen[d.BatchID] {
			seen[d.BatchID] = true
			batches = append(batches, d.BatchID)
		}
	}
	statuses, err := s.ach.Status(ctx, batches)
	if err != nil {
		return 0, err
	}
	n := 0
	now := s.now().UTC()
	for _, d := range submitted {
		switch statuses[d.TraceNumber] {
		case "settled":
			if err := s.store.MarkSettled(ctx, d.ID, "settled", now); err != nil {
				return n, err
			}
			if err := s.store.MarkLoanFunded(ctx, d.LoanID, now); err != nil {
				return n, err
			}
			if err := s.ledger.Post(ctx, ledger.Simple("disbursement", d.LoanID, "disbursement "+d.ID,
				ledger.LoansReceivable, ledger.Cash, d.Amount)); err != nil {
				return n, err
			}
			_ = s.bus.Publish(ctx, events.LoanFunded, d.LoanID, d)
			n++
		case "returned":
			if err := s.store.MarkSettled(ctx, d.ID, "failed", now); err != nil {
				return n, err
			}
		}
	}
	return n, s.store.CloseBatches(ctx)
}
