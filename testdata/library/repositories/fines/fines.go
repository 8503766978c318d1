// Package fines stores fines (charges) and payments against them.
package fines

import (
	"context"
	"database/sql"

	"citylib.org/ils/apperr"
	"citylib.org/ils/db"
	"citylib.org/ils/internal/platform/money"
	"citylib.org/ils/models"
)

type Repo struct {
	db *db.DB
}

func New(d *db.DB) *Repo { return &Repo{db: d} }

const fineCols = `id, member_id, loan_id, kind, amount_cents, paid_cents, status, COALESCE(note, ''), assessed_at`

func scan(row interface{ Scan(...any) error }) (*models.Fine, error) {
	var f models.Fine
	var loan sql.NullInt64
	err := row.Scan(&f.ID, &f.MemberID, &loan, &f.Kind, &f.AmountCents, &f.PaidCents, &f.Status, &f.Note, &f.AssessedAt)
	f.LoanID = db.PtrInt64(loan)
	return &f, err
}

func (r *Repo) Get(ctx context.Context, id int64) (*models.Fine, error) {
	f, err := scan(r.db.QueryRowContext(ctx, `SELECT `+fineCols+` FROM fines WHERE id = $1`, id))
	if db.IsNoRows(err) {
		return nil, apperr.NotFound("fine", id)
	}
	return f, err
}

func (r *Repo) Create(ctx context.Context, f *models.Fine) error {
	f.Status = models.FineOpen
	return r.db.QueryRowContext(ctx,
		`INSERT INTO fines (member_id, loan_id, kind, amount_cents, paid_cents, status, note, assessed_at)
		 VALUES ($1, $2, $3, $4, 0, 'open', NULLIF($5, ''), now()) RETURNING id, assessed_at`,
		f.MemberID, db.NullInt64(f.LoanID), f.Kind, f.AmountCents, f.Note).Scan(&f.ID, &f.AssessedAt)
}

// UpsertOverdue creates or raises the running overdue fine for a loan. The
// amount only ever increases; a fine already paid or waived is left alone.
func (r *Repo) UpsertOverdue(ctx context.Context, memberID, loanID, amount int64) (*models.Fine, bool, error) {
	f, err := scan(r.db.QueryRowContext(ctx,
		`SELECT `+fineCols+` FROM fines WHERE loan_id = $1 AND kind = 'overdue'`, loanID))
	if db.IsNoRows(err) {
		nf := &models.Fine{MemberID: memberID, LoanID: &loanID, Kind: models.FineOverdue, AmountCents: amount}
		return nf, true, r.Create(ctx, nf)
	}
	if err != nil {
		return nil, false, err
	}
	if f.Status != models.FineOpen || amount <= f.AmountCents {
		return f, false, nil
	}
	_, err = r.db.ExecContext(ctx, `UPDATE fines SET amount_cents = $2 WHERE id = $1`, f.ID, amount)
	f.AmountCents = amount
	return f, false, err
}

func (r *Repo) OpenByMember(ctx context.Context, memberID int64) ([]models.Fine, error) {
	rows, err := r.db.QueryContext(ctx,
		`SELECT `+fineCols+` FROM fines WHERE member_id = $1 AND status = 'open' ORDER BY assessed_at, id`, memberID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Fine
	for rows.Next() {
		f, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *f)
	}
	return out, rows.Err()
}

func (r *Repo) Balance(ctx context.Context, memberID int64) (int64, error) {
	var b int64
	err := r.db.QueryRowContext(ctx,
		`SELECT COALESCE(SUM(amount_cents - paid_cents), 0) FROM fines WHERE member_id = $1 AND status = 'open'`,
		memberID).Scan(&b)
	return b, err
}

// RecordPayment inserts the payment and allocates it oldest-fine-first.
// Returns the unallocated remainder (credit), which the caller refunds.
func (r *Repo) RecordPayment(ctx context.Context, p *models.Payment) (change int64, err error) {
	err = r.db.WithTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx,
			`SELECT id, amount_cents - paid_cents FROM fines WHERE member_id = $1 AND status = 'open'
			 ORDER BY assessed_at, id FOR UPDATE`, p.MemberID)
		if err != nil {
			return err
		}
		var fineIDs []int64
		var balances []money.Cents
		for rows.Next() {
			var id int64
			var bal money.Cents
			if err := rows.Scan(&id, &bal); err != nil {
				rows.Close()
				return err
			}
			fineIDs = append(fineIDs, id)
			balances = append(balances, bal)
		}
		rows.Close()
		if err := tx.QueryRowContext(ctx,
			`INSERT INTO payments (member_id, amount_cents, method, external_ref, staff_id, created_at)
			 VALUES ($1, $2, $3, NULLIF($4, ''), NULLIF($5, 0), now()) RETURNING id, created_at`,
			p.MemberID, p.AmountCents, p.Method, p.ExternalRef, p.StaffID).Scan(&p.ID, &p.CreatedAt); err != nil {
			return err
		}
		parts, rest := money.Allocate(money.Cents(p.AmountCents), balances)
		for i, part := range parts {
			if part == 0 {
				continue
			}
			if _, err := tx.ExecContext(ctx,
				`UPDATE fines SET paid_cents = paid_cents + $2,
				   status = CASE WHEN paid_cents + $2 >= amount_cents THEN 'paid' ELSE status END
				 WHERE id = $1`, fineIDs[i], int64(part)); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx,
				`INSERT INTO payment_allocations (payment_id, fine_id, amount_cents) VALUES ($1, $2, $3)`,
				p.ID, fineIDs[i], int64(part)); err != nil {
				return err
			}
		}
		change = int64(rest)
		return nil
	})
	return change, err
}

func (r *Repo) Waive(ctx context.Context, fineID, staffID int64, reason string) error {
	res, err := r.db.ExecContext(ctx,
		`UPDATE fines SET status = 'waived', waived_by = $2, note = COALESCE(note || ' / ', '') || $3
		 WHERE id = $1 AND status = 'open'`, fineID, staffID, reason)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return apperr.Conflict("fine_not_open", "fine is not open")
	}
	return nil
}
