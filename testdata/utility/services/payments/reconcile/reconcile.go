// Package reconcile receipts money and allocates it against outstanding
// bills.
package reconcile

import (
	"context"
	"database/sql"
	"log/slog"

	"gridline.energy/platform/core/db"
	"gridline.energy/platform/core/models"
	"gridline.energy/platform/kit/events"
	"gridline.energy/platform/kit/money"
	"gridline.energy/platform/services/payments/store"
)

type Reconciler struct {
	db    *sql.DB
	store *store.Store
	bus   *events.Bus
	log   *slog.Logger
}

func New(d *sql.DB, s *store.Store, bus *events.Bus, log *slog.Logger) *Reconciler {
	return &Reconciler{db: d, store: s, bus: bus, log: log}
}

type openBill struct {
	id          string
	outstanding money.Pence
}

// Allocate spreads a settled payment across the account's unpaid bills,
// oldest due first, and marks them paid or part-paid. Any excess stays on
// the account as credit (the balance already reflects it).
func (r *Reconciler) Allocate(ctx context.Context, tx *sql.Tx, p models.Payment) error {
	rows, err := tx.QueryContext(ctx, `
		SELECT id, total_pence - paid_pence FROM bills
		WHERE account_id = $1 AND status IN ('issued', 'part_paid')
		ORDER BY due_date, issued_at FOR UPDATE`, p.AccountID)
	if err != nil {
		return err
	}
	var open []openBill
	for rows.Next() {
		var b openBill
		var out int64
		if err := rows.Scan(&b.id, &out); err != nil {
			rows.Close()
			return err
		}
		b.outstanding = money.Pence(out)
		open = append(open, b)
	}
	rows.Close()
	left := p.Amount
	for _, b := range open {
		if left <= 0 {
			break
		}
		amt := money.Min(left, b.outstanding)
		status := models.BillPartPaid
		if amt == b.outstanding {
			status = models.BillPaid
		}
		if _, err := tx.ExecContext(ctx, `UPDATE bills SET paid_pence = paid_pence + $2, status = $3 WHERE id = $1`,
			b.id, int64(amt), status); err != nil {
			return err
		}
		if err := r.store.Allocate(ctx, tx, p.ID, b.id, amt); err != nil {
			return err
		}
		left -= amt
	}
	return nil
}

// Receive records a settled payment, allocates it and publishes
// payment.received in one transaction.
func (r *Reconciler) Receive(ctx context.Context, p models.Payment) error {
	p.Status = models.PaymentSettled
	return db.WithTx(ctx, r.db, func(tx *sql.Tx) error {
		if err := r.store.RecordPayment(ctx, tx, p); err != nil {
			return err
		}
		if err := r.Allocate(ctx, tx, p); err != nil {
			return err
		}
		return r.bus.PublishTx(ctx, tx, models.EventPaymentReceived, p.AccountID,
			models.PaymentPayload{PaymentID: p.ID, AccountID: p.AccountID, Amount: p.Amount})
	})
}
