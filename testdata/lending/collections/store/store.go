// Package store persists collection cases, agent actions and promises to pay.
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
	db *db.DB
}

func New(d *db.DB) *Store { return &Store{db: d} }

// Delinquent is a past-due loan as seen by collections.
type Delinquent struct {
	LoanID      string
	BorrowerID  string
	DaysPastDue int
	AmountDue   money.Cents
}

// DelinquentLoans computes past-due amounts directly from the servicing tables.
func (s *Store) DelinquentLoans(ctx context.Context, asOf time.Time) ([]Delinquent, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT l.id, l.borrower_id, l.days_past_due,
			SUM(i.principal_cents + i.interest_cents + i.fees_cents - i.paid_cents)
		FROM loans l
		JOIN loan_installments i ON i.loan_id = l.id AND i.status IN ('scheduled', 'partial') AND i.due_date < $1
		WHERE l.status = 'delinquent'
		GROUP BY l.id, l.borrower_id, l.days_past_due`, asOf)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Delinquent
	for rows.Next() {
		var d Delinquent
		var amt int64
		if err := rows.Scan(&d.LoanID, &d.BorrowerID, &d.DaysPastDue, &amt); err != nil {
			return nil, err
		}
		d.AmountDue = money.Cents(amt)
		out = append(out, d)
	}
	return out, rows.Err()
}

// PaidSince sums posted payments on a loan since a date (promise-to-pay checks).
func (s *Store) PaidSince(ctx context.Context, loanID string, since time.Time) (money.Cents, error) {
	var amt int64
	err := s.db.QueryRowContext(ctx, `
		SELECT COALESCE(SUM(amount_cents), 0) FROM payments
		WHERE loan_id = $1 AND status = 'posted' AND effective_date >= $2`, loanID, since).Scan(&amt)
	return money.Cents(amt), err
}

const caseCols = `id, loan_id, borrower_id, bucket, days_past_due, amount_due_cents, COALESCE(assigned_to, ''), status, opened_at, closed_at`

func scanCase(row interface{ Scan(...any) error }) (*models.CollectionCase, error) {
	var c models.CollectionCase
	var amt int64
	var closed sql.NullTime
	if err := row.Scan(&c.ID, &c.LoanID, &c.BorrowerID, &c.Bucket, &c.DaysPastDue, &amt, &c.AssignedTo, &c.Status, &c.OpenedAt, &closed); err != nil {
		return nil, err
	}
	c.AmountDue, c.ClosedAt = money.Cents(amt), closed.Time
	return &c, nil
}

// OpenCases returns open cases keyed by loan.
func (s *Store) OpenCases(ctx context.Context) (map[string]*models.CollectionCase, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+caseCols+` FROM collection_cases WHERE status = 'open'`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]*models.CollectionCase{}
	for rows.Next() {
		c, err := scanCase(rows)
		if err != nil {
			return nil, err
		}
		out[c.LoanID] = c
	}
	return out, rows.Err()
}

func (s *Store) GetCase(ctx context.Context, id string) (*models.CollectionCase, error) {
	c, err := scanCase(s.db.QueryRowContext(ctx, `SELECT `+caseCols+` FROM collection_cases WHERE id = $1`, id))
	if db.IsNoRows(err) {
		return nil, errs.NotFound("case %s not found", id)
	}
	return c, err
}

// Queue lists open cases in a bucket, highest balance first.
func (s *Store) Queue(ctx context.Context, bucket string, limit int) ([]*models.CollectionCase, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+caseCols+` FROM collection_cases
		WHERE status = 'open' AND ($1 = '' OR bucket = $1) ORDER BY amount_due_cents DESC LIMIT $2`, bucket, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*models.CollectionCase
	for rows.Next() {
		c, err := scanCase(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func (s *Store) OpenCase(ctx context.Context, c *models.CollectionCase) error {
	_, err := s.db.ExecContext(ctx, `
		INSERT INTO collection_cases (id, loan_id, borrower_id, bucket, days_past_due, amount_due_cents, status, opened_at)
		VALUES ($1,$2,$3,$4,$5,$6,'open',$7)`, c.ID, c.LoanID, c.BorrowerID, c.Bucket, c.DaysPastDue, int64(c.AmountDue), c.OpenedAt)
	return err
}

func (s *Store) UpdateCase(ctx context.Context, c *models.CollectionCase) error {
	_, err := s.db.ExecContext(ctx, `
		UPDATE collection_cases SET bucket = $2, days_past_due = $3, amount_due_cents = $4, assigned_to = $5 WHERE id = $1`,
		c.ID, c.Bucket, c.DaysPastDue, int64(c.AmountDue), db.NullString(c.AssignedTo))
	return err
}

// CloseCase closes a case with a resolution ("cured", "charged_off", "paid_off").
func (s *Store) CloseCase(ctx context.Context, id, resolution string, at time.Time) error {
	_, err := s.db.ExecContext(ctx, `
		UPDATE collection_cases SET status = 'closed', resolution = $2, closed_at = $3 WHERE id = $1 AND status = 'open'`, id, resolution, at)
	return err
}

func (s *Store) LogAction(ctx context.Context, caseID, kind, outcome, note, agent string) error {
	_, err := s.db.ExecContext(ctx, `
		INSERT INTO collection_actions (case_id, kind, outcome, note, agent, created_at) VALUES ($1,$2,$3,$4,$5,now())`,
		caseID, kind, outcome, note, agent)
	return err
}

// CallAttempts counts call attempts on a case since a time (Reg F 7-in-7).
func (s *Store) CallAttempts(ctx context.Context, caseID string, since time.Time) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `
		SELECT count(*) FROM collection_actions WHERE case_id = $1 AND kind = 'call' AND created_at >= $2`, caseID, since).Scan(&n)
	return n, err
}

func (s *Store) AddPromise(ctx context.Context, p *models.PromiseToPay) error {
	_, err := s.db.ExecContext(ctx, `
		INSERT INTO promises_to_pay (id, case_id, amount_cents, due_date, status, created_by, created_at)
		SELECT $1,$2,$3,$4,'open',$5,now()
		WHERE NOT EXISTS (SELECT 1 FROM promises_to_pay WHERE case_id = $2 AND status = 'open')`,
		p.ID, p.CaseID, int64(p.Amount), p.DueDate, p.CreatedBy)
	return err
}

// DuePromises returns open promises whose due date has passed, with the loan id.
func (s *Store) DuePromises(ctx context.Context, asOf time.Time) ([]models.PromiseToPay, []string, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT p.id, p.case_id, p.amount_cents, p.due_date, p.created_at, c.loan_id
		FROM promises_to_pay p JOIN collection_cases c ON c.id = p.case_id
		WHERE p.status = 'open' AND p.due_date < $1`, asOf)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var ps []models.PromiseToPay
	var loans []string
	for rows.Next() {
		var p models.PromiseToPay
		var amt int64
		var created time.Time
		var loan string
		if err := rows.Scan(&p.ID, &p.CaseID, &amt, &p.DueDate, &created, &loan); err != nil {
			return nil, nil, err
		}
		p.Amount = money.Cents(amt)
		ps, loans = append(ps, p), append(loans, loan)
	}
	return ps, loans, rows.Err()
}

func (s *Store) SetPromiseStatus(ctx context.Context, id, status string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE promises_to_pay SET status = $2 WHERE id = $1`, id, status)
	return err
}
