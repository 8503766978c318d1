// Package store persists disbursements and ACH funding batches.
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

const cols = `id, loan_id, borrower_id, bank_account_id, amount_cents, status, COALESCE(batch_id, ''), COALESCE(trace_number, ''), created_at, settled_at`

func scan(row interface{ Scan(...any) error }) (*models.Disbursement, error) {
	var d models.Disbursement
	var amt int64
	var settled sql.NullTime
	if err := row.Scan(&d.ID, &d.LoanID, &d.BorrowerID, &d.BankAccountID, &amt, &d.Status, &d.BatchID, &d.TraceNumber, &d.CreatedAt, &settled); err != nil {
		return nil, err
	}
	d.Amount, d.SettledAt = money.Cents(amt), settled.Time
	return &d, nil
}

func (s *Store) Create(ctx context.Context, d *models.Disbursement) error {
	_, err := s.db.ExecContext(ctx, `
		INSERT INTO disbursements (id, loan_id, borrower_id, bank_account_id, amount_cents, status, created_at)
		VALUES ($1,$2,$3,$4,$5,$6,$7)`, d.ID, d.LoanID, d.BorrowerID, d.BankAccountID, int64(d.Amount), d.Status, d.CreatedAt)
	return err
}

// ForLoan returns the active disbursement for a loan, if any.
func (s *Store) ForLoan(ctx context.Context, loanID string) (*models.Disbursement, error) {
	d, err := scan(s.db.QueryRowContext(ctx, `SELECT `+cols+` FROM disbursements
		WHERE loan_id = $1 AND status <> 'failed' ORDER BY created_at DESC LIMIT 1`, loanID))
	if db.IsNoRows(err) {
		return nil, nil
	}
	return d, err
}

// ByStatus lists disbursements in a status.
func (s *Store) ByStatus(ctx context.Context, status string, limit int) ([]*models.Disbursement, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+cols+` FROM disbursements WHERE status = $1 ORDER BY created_at LIMIT $2`, status, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*models.Disbursement
	for rows.Next() {
		d, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// RecordBatch creates the batch and marks its disbursements submitted.
func (s *Store) RecordBatch(ctx context.Context, batchID, fileName string, total money.Cents, traces map[string]string) error {
	return s.db.InTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO funding_batches (id, file_name, entry_count, total_cents, status, submitted_at)
			VALUES ($1,$2,$3,$4,'submitted',now())`, batchID, fileName, len(traces), int64(total)); err != nil {
			return err
		}
		for id, trace := range traces {
			if _, err := tx.ExecContext(ctx, `
				UPDATE disbursements SET status = 'submitted', batch_id = $2, trace_number = $3 WHERE id = $1 AND status = 'pending'`,
				id, batchID, trace); err != nil {
				return err
			}
		}
		return nil
	})
}

// MarkSettled sets a disbursement settled or failed.
func (s *Store) MarkSettled(ctx context.Context, id, status string, at time.Time) error {
	res, err := s.db.ExecContext(ctx, `
		UPDATE disbursements SET status = $2, settled_at = $3 WHERE id = $1 AND status = 'submitted'`, id, status, at)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.Conflict("disbursement %s not in submitted state", id)
	}
	return nil
}

// MarkLoanFunded activates the loan once money has left the building.
func (s *Store) MarkLoanFunded(ctx context.Context, loanID string, at time.Time) error {
	_, err := s.db.ExecContext(ctx, `
		UPDATE loans SET status = 'active', funded_at = $2 WHERE id = $1 AND status = 'pending_funding'`, loanID, at)
	return err
}

// CloseBatches marks batches with no submitted disbursements as settled.
func (s *Store) CloseBatches(ctx context.Context) error {
	_, err := s.db.ExecContext(ctx, `
		UPDATE funding_batches b SET status = 'settled', settled_at = now()
		WHERE b.status = 'submitted' AND NOT EXISTS (
			SELECT 1 FROM disbursements d WHERE d.batch_id = b.id AND d.status = 'submitted')`)
	return err
}
