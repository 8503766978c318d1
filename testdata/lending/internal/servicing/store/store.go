// Package store persists loans, installments, payments, payoff quotes and
// autopay mandates.
package store

import (
	"context"
	"database/sql"
	"time"

	"lendwise.io/platform/internal/models"
	"lendwise.io/platform/internal/platform/db"
	"lendwise.io/platform/internal/platform/errs"
	"lendwise.io/platform/internal/platform/money"
)

type Store struct {
	d *db.DB
	q db.Querier
}

func New(d *db.DB) *Store { return &Store{d: d, q: d} }

// Tx runs fn with a Store bound to one transaction; fn also gets the raw tx.
func (s *Store) Tx(ctx context.Context, fn func(ts *Store, tx *sql.Tx) error) error {
	return s.d.InTx(ctx, func(tx *sql.Tx) error { return fn(&Store{d: s.d, q: tx}, tx) })
}

const loanCols = `id, borrower_id, application_id, COALESCE(partner_id, ''), principal_cents, apr_bps, term_months,
	origination_fee_cents, status, principal_balance_cents, fees_balance_cents, first_due_date, booked_at,
	funded_at, closed_at, days_past_due`

func scanLoan(row interface{ Scan(...any) error }) (*models.Loan, error) {
	var l models.Loan
	var prin, fee, pbal, fbal int64
	var st string
	var funded, closed sql.NullTime
	if err := row.Scan(&l.ID, &l.BorrowerID, &l.ApplicationID, &l.PartnerID, &prin, &l.APRBps, &l.TermMonths,
		&fee, &st, &pbal, &fbal, &l.FirstDueDate, &l.BookedAt, &funded, &closed, &l.DaysPastDue); err != nil {
		return nil, err
	}
	l.Principal, l.OriginationFee, l.PrincipalBalance, l.FeesBalance = money.Cents(prin), money.Cents(fee), money.Cents(pbal), money.Cents(fbal)
	l.Status, l.FundedAt, l.ClosedAt = models.LoanStatus(st), funded.Time, closed.Time
	return &l, nil
}

// GetLoan loads a loan; forUpdate locks the row inside a transaction.
func (s *Store) GetLoan(ctx context.Context, id string, forUpdate bool) (*models.Loan, error) {
	q := `SELECT ` + loanCols + ` FROM loans WHERE id = $1`
	if forUpdate {
		q += ` FOR UPDATE`
	}
	l, err := scanLoan(s.q.QueryRowContext(ctx, q, id))
	if db.IsNoRows(err) {
		return nil, errs.NotFound("loan %s not found", id)
	}
	return l, err
}

// CreateLoan inserts the loan and its schedule.
func (s *Store) CreateLoan(ctx context.Context, l *models.Loan, insts []models.Installment) error {
	if _, err := s.q.ExecContext(ctx, `
		INSERT INTO loans (id, borrower_id, application_id, partner_id, principal_cents, apr_bps, term_months,
			origination_fee_cents, status, principal_balance_cents, fees_balance_cents, first_due_date, booked_at, days_past_due)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,0,$11,$12,0)`,
		l.ID, l.BorrowerID, l.ApplicationID, db.NullString(l.PartnerID), int64(l.Principal), l.APRBps, l.TermMonths,
		int64(l.OriginationFee), string(l.Status), int64(l.PrincipalBalance), l.FirstDueDate, l.BookedAt); err != nil {
		return err
	}
	for _, i := range insts {
		if _, err := s.q.ExecContext(ctx, `
			INSERT INTO loan_installments (id, loan_id, seq, due_date, principal_cents, interest_cents, fees_cents, paid_cents, status)
			VALUES ($1,$2,$3,$4,$5,$6,0,0,$7)`,
			i.ID, i.LoanID, i.Seq, i.DueDate, int64(i.Principal), int64(i.Interest), i.Status); err != nil {
			return err
		}
	}
	return nil
}

// Installments returns the whole schedule; openOnly skips paid installments.
func (s *Store) Installments(ctx context.Context, loanID string, openOnly bool) ([]models.Installment, error) {
	q := `SELECT id, loan_id, seq, due_date, principal_cents, interest_cents, fees_cents, paid_cents, status
		FROM loan_installments WHERE loan_id = $1`
	if openOnly {
		q += ` AND status <> 'paid'`
	}
	rows, err := s.q.QueryContext(ctx, q+` ORDER BY seq`, loanID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Installment
	for rows.Next() {
		var i models.Installment
		var p, in, f, paid int64
		if err := rows.Scan(&i.ID, &i.LoanID, &i.Seq, &i.DueDate, &p, &in, &f, &paid, &i.Status); err != nil {
			return nil, err
		}
		i.Principal, i.Interest, i.Fees, i.PaidAmount = money.Cents(p), money.Cents(in), money.Cents(f), money.Cents(paid)
		out = append(out, i)
	}
	return out, rows.Err()
}

// SetInstallmentPaid records paid amount and status for an installment.
func (s *Store) SetInstallmentPaid(ctx context.Context, id string, paid money.Cents, status string) error {
	_, err := s.q.ExecContext(ctx, `UPDATE loan_installments SET paid_cents = $2, status = $3 WHERE id = $1`,
		id, int64(paid), status)
	return err
}

// UpdateBalances writes the loan's running balances and status.
func (s *Store) UpdateBalances(ctx context.Context, l *models.Loan) error {
	_, err := s.q.ExecContext(ctx, `
		UPDATE loans SET principal_balance_cents = $2, fees_balance_cents = $3, status = $4, days_past_due = $5,
			closed_at = $6 WHERE id = $1`,
		l.ID, int64(l.PrincipalBalance), int64(l.FeesBalance), string(l.Status), l.DaysPastDue, db.NullTime(l.ClosedAt))
	return err
}

// InsertPayment records a payment and its allocation.
func (s *Store) InsertPayment(ctx context.Context, p *models.Payment) error {
	_, err := s.q.ExecContext(ctx, `
		INSERT INTO payments (id, loan_id, amount_cents, method, status, applied_fees_cents, applied_interest_cents,
			applied_principal_cents, effective_date, created_at)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
		p.ID, p.LoanID, int64(p.Amount), p.Method, string(p.Status), int64(p.AppliedFees), int64(p.AppliedInt),
		int64(p.AppliedPrin), p.EffectiveDate, p.CreatedAt)
	return err
}

// GetPayment loads a payment.
func (s *Store) GetPayment(ctx context.Context, id string) (*models.Payment, error) {
	var p models.Payment
	var amt, f, i, pr int64
	var st string
	err := s.q.QueryRowContext(ctx, `
		SELECT id, loan_id, amount_cents, method, status, applied_fees_cents, applied_interest_cents,
			applied_principal_cents, effective_date, created_at FROM payments WHERE id = $1`, id).
		Scan(&p.ID, &p.LoanID, &amt, &p.Method, &st, &f, &i, &pr, &p.EffectiveDate, &p.CreatedAt)
	if db.IsNoRows(err) {
		return nil, errs.NotFound("payment %s not found", id)
	}
	p.Amount, p.AppliedFees, p.AppliedInt, p.AppliedPrin = money.Cents(amt), money.Cents(f), money.Cents(i), money.Cents(pr)
	p.Status = models.PaymentStatus(st)
	return &p, err
}

// MarkReturned flags an ACH return.
func (s *Store) MarkReturned(ctx context.Context, id, code string) error {
	res, err := s.q.ExecContext(ctx, `
		UPDATE payments SET status = 'returned', return_code = $2, returned_at = now()
		WHERE id = $1 AND status = 'posted'`, id, code)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.Conflict("payment %s is not posted", id)
	}
	return nil
}

// AddInstallmentFee puts a fee on an installment and the loan's fee balance.
func (s *Store) AddInstallmentFee(ctx context.Context, loanID, instID string, fee money.Cents) error {
	if _, err := s.q.ExecContext(ctx, `
		UPDATE loan_installments SET fees_cents = fees_cents + $2, late_fee_assessed = true WHERE id = $1`, instID, int64(fee)); err != nil {
		return err
	}
	_, err := s.q.ExecContext(ctx, `UPDATE loans SET fees_balance_cents = fees_balance_cents + $2 WHERE id = $1`, loanID, int64(fee))
	return err
}

// LateCandidate is an installment past its grace period without a late fee.
type LateCandidate struct {
	LoanID, InstallmentID string
	DueDate               time.Time
}

// LateFeeCandidates finds installments that are unpaid past the grace period.
func (s *Store) LateFeeCandidates(ctx context.Context, graceCutoff time.Time) ([]LateCandidate, error) {
	rows, err := s.q.QueryContext(ctx, `
		SELECT i.loan_id, i.id, i.due_date FROM loan_installments i JOIN loans l ON l.id = i.loan_id
		WHERE i.status IN ('scheduled', 'partial') AND i.due_date < $1 AND NOT i.late_fee_assessed
			AND l.status IN ('active', 'delinquent')`, graceCutoff)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []LateCandidate
	for rows.Next() {
		var c LateCandidate
		if err := rows.Scan(&c.LoanID, &c.InstallmentID, &c.DueDate); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// OldestUnpaidDue returns, per open loan, the due date of its oldest unpaid installment.
func (s *Store) OldestUnpaidDue(ctx context.Context, asOf time.Time) (map[string]time.Time, error) {
	rows, err := s.q.QueryContext(ctx, `
		SELECT l.id, min(i.due_date) FROM loans l
		LEFT JOIN loan_installments i ON i.loan_id = l.id AND i.status <> 'paid' AND i.due_date < $1
		WHERE l.status IN ('active', 'delinquent') GROUP BY l.id`, asOf)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]time.Time{}
	for rows.Next() {
		var id string
		var due sql.NullTime
		if err := rows.Scan(&id, &due); err != nil {
			return nil, err
		}
		out[id] = due.Time
	}
	return out, rows.Err()
}

// SetDelinquency updates status and days past due.
func (s *Store) SetDelinquency(ctx context.Context, loanID string, status models.LoanStatus, dpd int) error {
	_, err := s.q.ExecContext(ctx, `UPDATE loans SET status = $2, days_past_due = $3 WHERE id = $1`, loanID, string(status), dpd)
	return err
}

// EnrollAutopay replaces any existing mandate for the loan.
func (s *Store) EnrollAutopay(ctx context.Context, id, loanID, bankAccountID string, at time.Time) error {
	if _, err := s.q.ExecContext(ctx, `
		UPDATE autopay_mandates SET active = false, revoked_at = $2 WHERE loan_id = $1 AND active`, loanID, at); err != nil {
		return err
	}
	_, err := s.q.ExecContext(ctx, `
		INSERT INTO autopay_mandates (id, loan_id, bank_account_id, active, created_at) VALUES ($1,$2,$3,true,$4)`,
		id, loanID, bankAccountID, at)
	return err
}

// AutopayDue lists active mandates with an installment due on date.
type AutopayDue struct {
	LoanID, MandateID string
	Amount            money.Cents
}

func (s *Store) AutopayDue(ctx context.Context, date time.Time) ([]AutopayDue, error) {
	rows, err := s.q.QueryContext(ctx, `
		SELECT m.loan_id, m.id, i.principal_cents + i.interest_cents + i.fees_cents - i.paid_cents
		FROM autopay_mandates m
		JOIN loan_installments i ON i.loan_id = m.loan_id AND i.due_date = $1 AND i.status <> 'paid'
		JOIN loans l ON l.id = m.loan_id AND l.status IN ('active', 'delinquent')
		WHERE m.active AND m.revoked_at IS NULL`, date)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []AutopayDue
	for rows.Next() {
		var a AutopayDue
		var amt int64
		if err := rows.Scan(&a.LoanID, &a.MandateID, &amt); err != nil {
			return nil, err
		}
		a.Amount = money.Cents(amt)
		out = append(out, a)
	}
	return out, rows.Err()
}

// SaveQuote stores a payoff quote.
func (s *Store) SaveQuote(ctx context.Context, q *models.PayoffQuote) error {
	_, err := s.q.ExecContext(ctx, `
		INSERT INTO payoff_quotes (id, loan_id, principal_cents, interest_cents, fees_cents, total_cents, good_through, created_at)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
		q.ID, q.LoanID, int64(q.Principal), int64(q.Interest), int64(q.Fees), int64(q.Total), q.GoodThrough, q.CreatedAt)
	return err
}

// GetQuote loads a payoff quote.
func (s *Store) GetQuote(ctx context.Context, id string) (*models.PayoffQuote, error) {
	var q models.PayoffQuote
	var p, i, f, t int64
	err := s.q.QueryRowContext(ctx, `
		SELECT id, loan_id, principal_cents, interest_cents, fees_cents, total_cents, good_through, created_at
		FROM payoff_quotes WHERE id = $1`, id).Scan(&q.ID, &q.LoanID, &p, &i, &f, &t, &q.GoodThrough, &q.CreatedAt)
	if db.IsNoRows(err) {
		return nil, errs.NotFound("payoff quote %s not found", id)
	}
	q.Principal, q.Interest, q.Fees, q.Total = money.Cents(p), money.Cents(i), money.Cents(f), money.Cents(t)
	return &q, err
}

// LastPaymentDate is used for interest accrual on payoff.
func (s *Store) LastPaymentDate(ctx context.Context, loanID string) (time.Time, error) {
	var t sql.NullTime
	err := s.q.QueryRowContext(ctx, `
		SELECT max(effective_date) FROM payments WHERE loan_id = $1 AND status = 'posted'`, loanID).Scan(&t)
	return t.Time, err
}
