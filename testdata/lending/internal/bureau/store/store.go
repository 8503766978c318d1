// Package store persists credit pulls, reports and tradelines.
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

// SaveReport writes the pull, the report and its tradelines in one transaction.
func (s *Store) SaveReport(ctx context.Context, r *models.CreditReport, vendorRef, applicationID string) error {
	return s.db.InTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO credit_pulls (id, borrower_id, application_id, bureau, pull_type, vendor_ref, pulled_at)
			VALUES ($1,$2,$3,$4,$5,$6,$7)`,
			r.ID, r.BorrowerID, db.NullString(applicationID), r.Bureau, r.PullType, vendorRef, r.PulledAt); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO credit_reports (pull_id, borrower_id, score, inquiries_6mo, bankruptcies, frozen)
			VALUES ($1,$2,$3,$4,$5,$6)`,
			r.ID, r.BorrowerID, r.Score, r.Inquiries6Mo, r.Bankruptcies, r.Frozen); err != nil {
			return err
		}
		for _, t := range r.Tradelines {
			if _, err := tx.ExecContext(ctx, `
				INSERT INTO tradelines (pull_id, creditor, kind, balance_cents, monthly_payment_cents, days_past_due, opened_at)
				VALUES ($1,$2,$3,$4,$5,$6,$7)`,
				r.ID, t.Creditor, t.Kind, int64(t.Balance), int64(t.MonthlyPayment), t.DaysPastDue, db.NullTime(t.OpenedAt)); err != nil {
				return err
			}
		}
		return nil
	})
}

// LatestReport returns the newest report for a borrower pulled after since.
func (s *Store) LatestReport(ctx context.Context, borrowerID string, since time.Time) (*models.CreditReport, error) {
	var r models.CreditReport
	err := s.db.QueryRowContext(ctx, `
		SELECT p.id, p.borrower_id, p.bureau, p.pull_type, p.pulled_at, r.score, r.inquiries_6mo, r.bankruptcies, r.frozen
		FROM credit_pulls p JOIN credit_reports r ON r.pull_id = p.id
		WHERE p.borrower_id = $1 AND p.pulled_at >= $2
		ORDER BY p.pulled_at DESC LIMIT 1`, borrowerID, since).
		Scan(&r.ID, &r.BorrowerID, &r.Bureau, &r.PullType, &r.PulledAt, &r.Score, &r.Inquiries6Mo, &r.Bankruptcies, &r.Frozen)
	if db.IsNoRows(err) {
		return nil, errs.NotFound("no recent credit report for %s", borrowerID)
	}
	if err != nil {
		return nil, err
	}
	r.Tradelines, err = s.Tradelines(ctx, r.ID)
	return &r, err
}

// Tradelines lists the tradelines of one pull.
func (s *Store) Tradelines(ctx context.Context, pullID string) ([]models.Tradeline, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT creditor, kind, balance_cents, monthly_payment_cents, days_past_due, COALESCE(opened_at, 'epoch')
		FROM tradelines WHERE pull_id = $1 ORDER BY balance_cents DESC`, pullID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Tradeline
	for rows.Next() {
		var t models.Tradeline
		var bal, pmt int64
		if err := rows.Scan(&t.Creditor, &t.Kind, &bal, &pmt, &t.DaysPastDue, &t.OpenedAt); err != nil {
			return nil, err
		}
		t.Balance, t.MonthlyPayment = money.Cents(bal), money.Cents(pmt)
		out = append(out, t)
	}
	return out, rows.Err()
}

// RecordFurnishingRun logs a monthly Metro 2 submission.
func (s *Store) RecordFurnishingRun(ctx context.Context, id string, period time.Time, records int, file string) error {
	_, err := s.db.ExecContext(ctx, `
		INSERT INTO bureau_furnishing_runs (id, period, record_count, file_name, created_at)
		VALUES ($1, $2, $3, $4, now())
		ON CONFLICT (period) DO UPDATE SET record_count = EXCLUDED.record_count, file_name = EXCLUDED.file_name`,
		id, period, records, file)
	return err
}

// LastFurnishedPeriod returns the last period submitted, or zero time.
func (s *Store) LastFurnishedPeriod(ctx context.Context) (time.Time, error) {
	var t sql.NullTime
	err := s.db.QueryRowContext(ctx, `SELECT max(period) FROM bureau_furnishing_runs`).Scan(&t)
	return t.Time, err
}
