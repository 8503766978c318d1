// Package servicing owns booked loans: boarding, schedules, late fees and
// delinquency aging. Payments and payoffs live in sub-packages.
package servicing

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

const chargeOffDPD = 120

type Service struct {
	store   *store.Store
	ledger  *ledger.Service
	bus     *events.Bus
	lateFee money.Cents
	grace   int
	now     func() time.Time
}

func NewService(s *store.Store, l *ledger.Service, bus *events.Bus, lateFee money.Cents, graceDays int) *Service {
	return &Service{store: s, ledger: l, bus: bus, lateFee: lateFee, grace: graceDays, now: time.Now}
}

// BoardInput is what origination hands over at booking.
type BoardInput struct {
	ApplicationID  string
	BorrowerID     string
	PartnerID      string
	Principal      money.Cents
	APRBps         int64
	TermMonths     int
	OriginationFee money.Cents
}

// Board creates the loan in pending-funding state with its schedule.
func (s *Service) Board(ctx context.Context, in BoardInput) (*models.Loan, []models.Installment, error) {
	if in.Principal <= 0 || in.TermMonths <= 0 {
		return nil, nil, errs.Invalid("invalid loan terms")
	}
	now := s.now().UTC()
	l := &models.Loan{
		ID: ids.New("loan"), BorrowerID: in.BorrowerID, ApplicationID: in.ApplicationID, PartnerID: in.PartnerID,
		Principal: in.Principal, APRBps: in.APRBps, TermMonths: in.TermMonths, OriginationFee: in.OriginationFee,
		Status: models.LoanPendingFunding, PrincipalBalance: in.Principal, FirstDueDate: schedule.FirstDueDate(now),
		BookedAt: now,
	}
	insts := schedule.Build(l.ID, l.Principal, l.APRBps, l.TermMonths, l.FirstDueDate)
	err := s.store.Tx(ctx, func(ts *store.Store, _ *sql.Tx) error { return ts.CreateLoan(ctx, l, insts) })
	if err != nil {
		return nil, nil, err
	}
	return l, insts, nil
}

func (s *Service) GetLoan(ctx context.Context, id string) (*models.Loan, error) {
	return s.store.GetLoan(ctx, id, false)
}

func (s *Service) Schedule(ctx context.Context, id string) ([]models.Installment, error) {
	return s.store.Installments(ctx, id, false)
}

// EnrollAutopay sets up recurring ACH debits on the installment due dates.
func (s *Service) EnrollAutopay(ctx context.Context, loanID, bankAccountID string) error {
	l, err := s.store.GetLoan(ctx, loanID, false)
	if err != nil {
		return err
	}
	if l.Status == models.LoanPaidOff || l.Status == models.LoanChargedOff {
		return errs.Conflict("loan %s is closed", loanID)
	}
	return s.store.Tx(ctx, func(ts *store.Store, _ *sql.Tx) error {
		return ts.EnrollAutopay(ctx, ids.New("mnd"), loanID, bankAccountID, s.now().UTC())
	})
}

// AssessLateFees charges the late fee once per installment past the grace period.
func (s *Service) AssessLateFees(ctx context.Context) (int, error) {
	cutoff := s.now().UTC().AddDate(0, 0, -s.grace)
	cands, err := s.store.LateFeeCandidates(ctx, cutoff)
	if err != nil {
		return 0, err
	}
	for _, c := range cands {
		if err := s.store.AddInstallmentFee(ctx, c.LoanID, c.InstallmentID, s.lateFee); err != nil {
			return 0, err
		}
		e := ledger.Simple("late_fee", c.LoanID, "late fee "+c.InstallmentID, ledger.FeesReceivable, ledger.FeeIncome, s.lateFee)
		if err := s.ledger.Post(ctx, e); err != nil {
			return 0, err
		}
	}
	return len(cands), nil
}

// AgeLoans recomputes days past due, flips delinquency status and charges off at 120 DPD.
func (s *Service) AgeLoans(ctx context.Context) (int, error) {
	today := s.now().UTC().Truncate(24 * time.Hour)
	oldest, err := s.store.OldestUnpaidDue(ctx, today)
	if err != nil {
		return 0, err
	}
	changed := 0
	for loanID, due := range oldest {
		dpd := 0
		if !due.IsZero() {
			dpd = int(today.Sub(due).Hours() / 24)
		}
		status := models.LoanActive
		switch {
		case dpd >= chargeOffDPD:
			status = models.LoanChargedOff
		case dpd > 0:
			status = models.LoanDelinquent
		}
		if err := s.store.SetDelinquency(ctx, loanID, status, dpd); err != nil {
			return changed, err
		}
		changed++
		payload := map[string]any{"loan_id": loanID, "days_past_due": dpd}
		switch {
		case status == models.LoanChargedOff:
			if err := s.chargeOff(ctx, loanID); err != nil {
				return changed, err
			}
			_ = s.bus.Publish(ctx, events.LoanChargedOff, loanID, payload)
		case dpd == 1 || dpd == 30 || dpd == 60 || dpd == 90:
			_ = s.bus.Publish(ctx, events.LoanDelinquent, loanID, payload)
		}
	}
	return changed, nil
}

func (s *Service) chargeOff(ctx context.Context, loanID string) error {
	l, err := s.store.GetLoan(ctx, loanID, false)
	if err != nil {
		return err
	}
	return s.ledger.Post(ctx, ledger.Simple("charge_off", loanID, "charge-off at 120 DPD",
		ledger.ChargeOffExpense, ledger.LoansReceivable, l.PrincipalBalance))
}
