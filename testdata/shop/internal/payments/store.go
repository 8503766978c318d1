package payments

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"example.com/shop/internal/models"
	"example.com/shop/internal/platform/db"
	"example.com/shop/internal/platform/errs"
	"example.com/shop/internal/platform/money"
)

const paymentColumns = `id, order_id, customer_id, provider, COALESCE(provider_ref, ''), amount_minor, currency, status,
	COALESCE(failure_reason, ''), authorized_at, captured_at, created_at, updated_at`

const (
	insertPaymentSQL = `INSERT INTO payments (id, order_id, customer_id, provider, amount_minor, currency, status, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)`
	selectPaymentSQL  = `SELECT ` + paymentColumns + ` FROM payments WHERE id = $1`
	selectByOrderSQL  = `SELECT ` + paymentColumns + ` FROM payments WHERE order_id = $1 AND status <> 'failed' ORDER BY created_at DESC LIMIT 1`
	selectByRefSQL    = `SELECT ` + paymentColumns + ` FROM payments WHERE provider = $1 AND provider_ref = $2`
	listAuthorizedSQL = `SELECT ` + paymentColumns + ` FROM payments WHERE status = 'authorized' AND authorized_at < $1 ORDER BY authorized_at LIMIT $2`
	updatePaymentSQL  = `UPDATE payments
SET status = $2, provider_ref = NULLIF($3, ''), failure_reason = NULLIF($4, ''), authorized_at = $5, captured_at = $6, updated_at = $7
WHERE id = $1`
)

// markOrderPaidSQL flips the order to paid in the same transaction as the
// capture, so that the storefront shows "paid" even before the orders
// service has processed the provider's webhook.
const markOrderPaidSQL = `UPDATE orders SET status = 'paid', payment_id = $2, updated_at = $3
WHERE id = $1 AND status = 'awaiting_payment'`

type store struct {
	db *sql.DB
}

func scanPayment(s db.Scanner) (models.Payment, error) {
	var (
		p              models.Payment
		amount         int64
		cur, status    string
		authAt, captAt sql.NullTime
	)
	err := s.Scan(&p.ID, &p.OrderID, &p.CustomerID, &p.Provider, &p.ProviderRef, &amount, &cur, &status,
		&p.FailureReason, &authAt, &captAt, &p.CreatedAt, &p.UpdatedAt)
	if err != nil {
		return models.Payment{}, err
	}
	p.Amount = money.New(amount, money.Currency(cur))
	p.Status = models.PaymentStatus(status)
	p.AuthorizedAt, p.CapturedAt = db.NullTime(authAt), db.NullTime(captAt)
	return p, nil
}

func (s *store) one(ctx context.Context, query string, args ...any) (*models.Payment, error) {
	p, err := db.ScanOne(s.db.QueryRowContext(ctx, query, args...), scanPayment)
	if errors.Is(err, db.ErrNotFound) {
		return nil, errs.NotFound("payments.store", "payment not found")
	}
	if err != nil {
		return nil, fmt.Errorf("payments: load: %w", err)
	}
	return &p, nil
}

func (s *store) get(ctx context.Context, id string) (*models.Payment, error) {
	return s.one(ctx, selectPaymentSQL, id)
}

func (s *store) byOrder(ctx context.Context, orderID string) (*models.Payment, error) {
	return s.one(ctx, selectByOrderSQL, orderID)
}

func (s *store) byProviderRef(ctx context.Context, provider, ref string) (*models.Payment, error) {
	return s.one(ctx, selectByRefSQL, provider, ref)
}

func (s *store) authorizedBefore(ctx context.Context, before time.Time, limit int) ([]models.Payment, error) {
	return db.QueryAll(ctx, s.db, scanPayment, listAuthorizedSQL, before, limit)
}

func (s *store) insert(ctx context.Context, p *models.Payment) error {
	_, err := s.db.ExecContext(ctx, insertPaymentSQL, p.ID, p.OrderID, p.CustomerID, p.Provider,
		p.Amount.Amount, string(p.Amount.Currency), string(p.Status), p.CreatedAt)
	if err != nil {
		return fmt.Errorf("payments: insert %s: %w", p.ID, err)
	}
	return nil
}

func (s *store) update(ctx context.Context, q db.Querier, p *models.Payment) error {
	_, err := q.ExecContext(ctx, updatePaymentSQL, p.ID, string(p.Status), p.ProviderRef, p.FailureReason,
		db.TimeArg(p.AuthorizedAt), db.TimeArg(p.CapturedAt), p.UpdatedAt)
	if err != nil {
		return fmt.Errorf("payments: update %s: %w", p.ID, err)
	}
	return nil
}

// markCaptured stores the capture and marks the order paid.
func (s *store) markCaptured(ctx context.Context, tx *sql.Tx, p *models.Payment) error {
	if err := s.update(ctx, tx, p); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, markOrderPaidSQL, p.OrderID, p.ID, p.UpdatedAt); err != nil {
		return fmt.Errorf("payments: mark order %s paid: %w", p.OrderID, err)
	}
	return nil
}
