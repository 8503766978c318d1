package invoice

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/dailyherald/newsroom/internal/billing/ledger"
	"github.com/dailyherald/newsroom/internal/models"
	"github.com/dailyherald/newsroom/pkg/db"
	"github.com/dailyherald/newsroom/pkg/errs"
	"github.com/dailyherald/newsroom/pkg/ids"
)

// Outcome of a collection attempt.
type Outcome struct {
	Paid        bool
	Retryable   bool
	FailureCode string
}

// Collect charges the reader's default payment method for an open invoice.
func (s *Service) Collect(ctx context.Context, invoiceID string, attempt int) (*Outcome, error) {
	inv, err := s.Get(ctx, invoiceID)
	if err != nil {
		return nil, err
	}
	if inv.Status != models.InvoiceOpen {
		return nil, errs.Conflictf("invoice %s is %s", inv.Number, inv.Status)
	}
	if inv.Total.IsZero() {
		return &Outcome{Paid: true}, s.markPaid(ctx, inv, "zero-amount")
	}
	var pmToken string
	err = s.DB.QueryRowContext(ctx, `
		SELECT gateway_token FROM payment_methods
		WHERE reader_id = $1 AND is_default AND detached_at IS NULL`, inv.ReaderID).Scan(&pmToken)
	if db.IsNoRows(err) {
		s.failed(ctx, inv, attempt, "no_payment_method")
		return &Outcome{Retryable: true, FailureCode: "no_payment_method"}, nil
	}
	if err != nil {
		return nil, err
	}
	idem := fmt.Sprintf("%s-attempt-%d", inv.ID, attempt)
	res, err := s.Gateway.Charge(ctx, inv.Total, pmToken, "The Daily Herald "+inv.Number, idem)
	if err != nil {
		return nil, err
	}
	status := "failed"
	if res.Succeeded() {
		status = "succeeded"
	}
	if _, err := s.DB.ExecContext(ctx, `
		INSERT INTO payments (id, invoice_id, amount_cents, currency, status, gateway_ref, failure_code, attempt, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())`,
		ids.New("pmt"), inv.ID, inv.Total.Cents, inv.Total.Currency, status, res.Ref, db.NullString(res.FailureCode), attempt); err != nil {
		return nil, err
	}
	if !res.Succeeded() {
		s.failed(ctx, inv, attempt, res.FailureCode)
		return &Outcome{Retryable: res.Retryable(), FailureCode: res.FailureCode}, nil
	}
	return &Outcome{Paid: true}, s.markPaid(ctx, inv, res.Ref)
}

func (s *Service) markPaid(ctx context.Context, inv *models.Invoice, ref string) error {
	err := db.WithTx(ctx, s.DB, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE invoices SET status = 'paid', paid_at = now() WHERE id = $1`, inv.ID); err != nil {
			return err
		}
		return ledger.Post(ctx, tx, "payment", ref,
			ledger.Debit(ledger.AccountCash, inv.Total, inv.Number),
			ledger.Credit(ledger.AccountReceivable, inv.Total, inv.Number))
	})
	if err != nil {
		return err
	}
	return s.Bus.Publish(ctx, models.TopicInvoicePaid, models.InvoiceEvent{
		InvoiceID: inv.ID, SubscriptionID: inv.SubscriptionID, ReaderID: inv.ReaderID,
	})
}

func (s *Service) failed(ctx context.Context, inv *models.Invoice, attempt int, code string) {
	_ = s.Bus.Publish(ctx, models.TopicPaymentFailed, models.InvoiceEvent{
		InvoiceID: inv.ID, SubscriptionID: inv.SubscriptionID, ReaderID: inv.ReaderID, Attempt: attempt, FailureCode: code,
	})
}

// MarkUncollectible writes off the receivable after dunning gives up.
func (s *Service) MarkUncollectible(ctx context.Context, invoiceID string) error {
	inv, err := s.Get(ctx, invoiceID)
	if err != nil {
		return err
	}
	return db.WithTx(ctx, s.DB, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE invoices SET status = 'uncollectible' WHERE id = $1 AND status = 'open'`, inv.ID); err != nil {
			return err
		}
		return ledger.Post(ctx, tx, "writeoff", inv.ID,
			ledger.Debit(ledger.AccountSubscriptionRev, inv.Net, "write-off "+inv.Number),
			ledger.Debit(ledger.AccountVATPayable, inv.Tax, "write-off "+inv.Number),
			ledger.Credit(ledger.AccountReceivable, inv.Total, "write-off "+inv.Number))
	})
}
