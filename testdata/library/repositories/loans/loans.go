// Package loans stores checkouts, renewals and returns.
package loans

import (
	"context"
	"database/sql"
	"time"

	"citylib.org/ils/apperr"
	"citylib.org/ils/db"
	"citylib.org/ils/models"
)

type Repo struct {
	db *db.DB
}

func New(d *db.DB) *Repo { return &Repo{db: d} }

const loanCols = `l.id, l.copy_id, l.member_id, l.branch_id, l.checked_out_at, l.due_at, l.returned_at,
	l.renewals, l.status, c.barcode, t.title, t.id`

const loanFrom = ` FROM loans l JOIN copies c ON c.id = l.copy_id JOIN titles t ON t.id = c.title_id `

func scan(row interface{ Scan(...any) error }) (*models.Loan, error) {
	var l models.Loan
	var ret sql.NullTime
	err := row.Scan(&l.ID, &l.CopyID, &l.MemberID, &l.BranchID, &l.CheckedOutAt, &l.DueAt, &ret,
		&l.Renewals, &l.Status, &l.Barcode, &l.Title, &l.TitleID)
	l.ReturnedAt = db.PtrTime(ret)
	return &l, err
}

func scanAll(rows *sql.Rows) ([]models.Loan, error) {
	defer rows.Close()
	var out []models.Loan
	for rows.Next() {
		l, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *l)
	}
	return out, rows.Err()
}

// Create inserts the loan and flips the copy to on_loan in one transaction.
func (r *Repo) Create(ctx context.Context, l *models.Loan) error {
	return r.db.WithTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx,
			`UPDATE copies SET status = 'on_loan', branch_id = $2, status_changed_at = now()
			 WHERE id = $1 AND status IN ('available', 'on_hold_shelf')`, l.CopyID, l.BranchID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return apperr.Conflict("copy_unavailable", "item is not available for checkout")
		}
		l.Status = models.LoanActive
		return tx.QueryRowContext(ctx,
			`INSERT INTO loans (copy_id, member_id, branch_id, checked_out_at, due_at, renewals, status)
			 VALUES ($1, $2, $3, $4, $5, 0, 'active') RETURNING id`,
			l.CopyID, l.MemberID, l.BranchID, l.CheckedOutAt, l.DueAt).Scan(&l.ID)
	})
}

func (r *Repo) Get(ctx context.Context, id int64) (*models.Loan, error) {
	l, err := scan(r.db.QueryRowContext(ctx, `SELECT `+loanCols+loanFrom+`WHERE l.id = $1`, id))
	if db.IsNoRows(err) {
		return nil, apperr.NotFound("loan", id)
	}
	return l, err
}

func (r *Repo) ActiveByCopy(ctx context.Context, copyID int64) (*models.Loan, error) {
	l, err := scan(r.db.QueryRowContext(ctx,
		`SELECT `+loanCols+loanFrom+`WHERE l.copy_id = $1 AND l.status = 'active'`, copyID))
	if db.IsNoRows(err) {
		return nil, apperr.NotFound("active loan for copy", copyID)
	}
	return l, err
}

func (r *Repo) ActiveByMember(ctx context.Context, memberID int64) ([]models.Loan, error) {
	rows, err := r.db.QueryContext(ctx,
		`SELECT `+loanCols+loanFrom+`WHERE l.member_id = $1 AND l.status = 'active' ORDER BY l.due_at`, memberID)
	if err != nil {
		return nil, err
	}
	return scanAll(rows)
}

func (r *Repo) CountActive(ctx context.Context, memberID int64, format models.Format) (int, error) {
	var n int
	err := r.db.QueryRowContext(ctx,
		`SELECT COUNT(*)`+loanFrom+`WHERE l.member_id = $1 AND l.status = 'active' AND ($2 = '' OR t.format = $2)`,
		memberID, format).Scan(&n)
	return n, err
}

// Return closes the loan and puts the copy back at the returning branch.
// The caller decides later whether it is trapped for a hold.
func (r *Repo) Return(ctx context.Context, loanID, copyID, branchID int64, at time.Time) error {
	return r.db.WithTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx,
			`UPDATE loans SET status = 'returned', returned_at = $2, return_branch_id = $3 WHERE id = $1`,
			loanID, at, branchID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx,
			`UPDATE copies SET status = 'available', branch_id = $2, status_changed_at = now() WHERE id = $1`,
			copyID, branchID)
		return err
	})
}

func (r *Repo) Renew(ctx context.Context, loanID int64, newDue time.Time) error {
	_, err := r.db.ExecContext(ctx,
		`INSERT INTO loan_renewals (loan_id, old_due_at, new_due_at, renewed_at)
		 SELECT id, due_at, $2, now() FROM loans WHERE id = $1`, loanID, newDue)
	if err != nil {
		return err
	}
	_, err = r.db.ExecContext(ctx,
		`UPDATE loans SET due_at = $2, renewals = renewals + 1 WHERE id = $1 AND status = 'active'`, loanID, newDue)
	return err
}

// Overdue lists active loans due before asOf, oldest first.
func (r *Repo) Overdue(ctx context.Context, asOf time.Time, limit int) ([]models.Loan, error) {
	rows, err := r.db.QueryContext(ctx,
		`SELECT `+loanCols+loanFrom+`WHERE l.status = 'active' AND l.due_at < $1 ORDER BY l.due_at LIMIT $2`,
		asOf, limit)
	if err != nil {
		return nil, err
	}
	return scanAll(rows)
}

// DueBetween is used to push due dates when a branch closes unexpectedly.
func (r *Repo) DueBetween(ctx context.Context, branchID int64, from, to time.Time) ([]models.Loan, error) {
	rows, err := r.db.QueryContext(ctx,
		`SELECT `+loanCols+loanFrom+`WHERE l.status = 'active' AND l.branch_id = $1 AND l.due_at BETWEEN $2 AND $3`,
		branchID, from, to)
	if err != nil {
		return nil, err
	}
	return scanAll(rows)
}

func (r *Repo) SetDue(ctx context.Context, loanID int64, due time.Time) error {
	_, err := r.db.ExecContext(ctx, `UPDATE loans SET due_at = $2 WHERE id = $1`, loanID, due)
	return err
}

func (r *Repo) MarkLost(ctx context.Context, loanID, copyID int64) error {
	return r.db.WithTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE loans SET status = 'lost' WHERE id = $1`, loanID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE copies SET status = 'lost', status_changed_at = now() WHERE id = $1`, copyID)
		return err
	})
}
