package payouts

import (
	"context"
	"database/sql"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/dailyherald/newsroom/pkg/clock"
	"github.com/dailyherald/newsroom/pkg/db"
	"github.com/dailyherald/newsroom/pkg/ids"
)

// BatchJob pays approved commissions once a month, skipping contributors
// whose total is below the threshold (they roll over to next month).
type BatchJob struct {
	S              *Service
	Clock          clock.Clock
	ThresholdCents int64
	ExportDir      string
}

func (j *BatchJob) Name() string { return "contributors.payout_batch" }

type pending struct {
	contributorID, name, iban, currency string
	totalCents                          int64
}

func (j *BatchJob) Run(ctx context.Context) error {
	now := j.Clock.Now()
	period := clock.StartOfMonth(now)
	if now.Day() != 1 {
		return nil // runs daily but only acts on the 1st
	}
	var exists bool
	if err := j.S.DB.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM payout_batches WHERE period = $1)`, period).Scan(&exists); err != nil || exists {
		return err
	}
	rows, err := j.S.DB.QueryContext(ctx, `
		SELECT c.id, c.name, coalesce(c.bank_iban, ''), cm.currency, sum(cm.fee_cents)
		FROM commissions cm JOIN contributors c ON c.id = cm.contributor_id
		WHERE cm.status = 'approved' AND cm.created_at < $1
		GROUP BY c.id, c.name, c.bank_iban, cm.currency
		HAVING sum(cm.fee_cents) >= $2`, period, j.ThresholdCents)
	if err != nil {
		return err
	}
	var due []pending
	for rows.Next() {
		var p pending
		if err := rows.Scan(&p.contributorID, &p.name, &p.iban, &p.currency, &p.totalCents); err != nil {
			rows.Close()
			return err
		}
		if p.iban == "" {
			j.S.Log.Warn("contributor has no bank details; holding payout", "contributor", p.contributorID)
			continue
		}
		due = append(due, p)
	}
	rows.Close()
	if len(due) == 0 {
		return nil
	}
	batchID := ids.New("pbt")
	err = db.WithTx(ctx, j.S.DB, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO payout_batches (id, period, status, created_at) VALUES ($1, $2, 'exported', now())`,
			batchID, period); err != nil {
			return err
		}
		for _, p := range due {
			payoutID := ids.New("pay")
			if _, err := tx.ExecContext(ctx, `
				INSERT INTO payouts (id, batch_id, contributor_id, amount_cents, currency, status, created_at)
				VALUES ($1, $2, $3, $4, $5, 'pending', now())`,
				payoutID, batchID, p.contributorID, p.totalCents, p.currency); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `
				UPDATE commissions SET status = 'paid', payout_id = $1, updated_at = now()
				WHERE contributor_id = $2 AND status = 'approved' AND created_at < $3`,
				payoutID, p.contributorID, period); err != nil {
				return err
			}
			// Finance wanted freelance costs in the general ledger straight away,
			// so we post the expense here rather than going through billing.
			if _, err := tx.ExecContext(ctx, `
				INSERT INTO ledger_entries (id, account, direction, amount_cents, currency, reference_type, reference_id, memo, created_at)
				VALUES ($1, 'expense:freelance', 'debit', $2, $3, 'payout', $4, $5, now()),
				       ($6, 'liability:payouts_due', 'credit', $2, $3, 'payout', $4, $5, now())`,
				ids.New("led"), p.totalCents, p.currency, payoutID, "Freelance payout "+p.name, ids.New("led")); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return j.writeBankFile(batchID, period, due)
}

func (j *BatchJob) writeBankFile(batchID string, period time.Time, due []pending) error {
	if err := os.MkdirAll(j.ExportDir, 0o750); err != nil {
		return err
	}
	path := filepath.Join(j.ExportDir, fmt.Sprintf("payouts-%s-%s.csv", period.Format("2006-01"), batchID))
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	w := csv.NewWriter(f)
	_ = w.Write([]string{"payee", "iban", "amount", "currency", "reference"})
	for _, p := range due {
		amount := strconv.FormatFloat(float64(p.totalCents)/100, 'f', 2, 64)
		_ = w.Write([]string{p.name, p.iban, amount, p.currency, "DH " + period.Format("Jan 2006")})
	}
	w.Flush()
	return w.Error()
}
