// Package refunds gives money back to customers.
package refunds

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"example.com/shop/internal/models"
	orderstore "example.com/shop/internal/orders/postgres"
	"example.com/shop/internal/payments"
	"example.com/shop/internal/payments/gateway"
	"example.com/shop/internal/payments/ledger"
	"example.com/shop/internal/platform/clock"
	"example.com/shop/internal/platform/db"
	"example.com/shop/internal/platform/errs"
	"example.com/shop/internal/platform/eventbus"
	"example.com/shop/internal/platform/ids"
	"example.com/shop/internal/platform/log"
	"example.com/shop/internal/platform/money"
	"example.com/shop/internal/platform/validate"
)

const refundIDPrefix = "rfd"

const (
	insertRefundSQL = `INSERT INTO refunds (id, payment_id, order_id, amount_minor, currency, reason, status, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`
	updateRefundSQL     = `UPDATE refunds SET status = $2, provider_ref = NULLIF($3, ''), completed_at = $4 WHERE id = $1`
	refundsOfPaymentSQL = `SELECT id, payment_id, order_id, amount_minor, currency, reason, status, COALESCE(provider_ref, ''), created_at, completed_at
FROM refunds WHERE payment_id = $1 ORDER BY created_at`
)

var reasons = []string{"returned", "damaged", "not_delivered", "goodwill", "duplicate"}

// Request asks for a refund.
type Request struct {
	PaymentID   string
	Amount      money.Money
	Reason      string
	RequestedBy string
}

// Service handles refunds.
type Service struct {
	db       *sql.DB
	payments *payments.Service
	orders   *orderstore.Store
	gw       gateway.Gateway
	ledger   *ledger.Ledger
	bus      eventbus.Publisher
	clock    clock.Clock
	ids      ids.Generator
	log      *log.Logger
}

// NewService returns the refund service.
func NewService(conn *sql.DB, pay *payments.Service, orders *orderstore.Store, l *ledger.Ledger, bus eventbus.Publisher,
	clk clock.Clock, gen ids.Generator, logger *log.Logger) *Service {
	return &Service{db: conn, payments: pay, orders: orders, gw: pay.Gateway(), ledger: l, bus: bus, clock: clk, ids: gen,
		log: logger.Named("refunds")}
}

// Request refunds (part of) a captured payment.
func (s *Service) Request(ctx context.Context, req Request) (*models.Refund, error) {
	var v validate.Validator
	v.Required("payment_id", req.PaymentID)
	v.Positive("amount", req.Amount.Amount)
	v.OneOf("reason", req.Reason, reasons...)
	if err := v.Err("refunds.Request"); err != nil {
		return nil, err
	}
	p, err := s.payments.Get(ctx, req.PaymentID)
	if err != nil {
		return nil, err
	}
	if p.Status != models.PaymentCaptured {
		return nil, errs.Conflict("refunds.Request", "payment %s is %s, not captured", p.ID, p.Status)
	}
	order, err := s.orders.Get(ctx, p.OrderID)
	if err != nil {
		return nil, err
	}
	if !order.Status.CanTransitionTo(models.OrderRefunded) {
		return nil, errs.Conflict("refunds.Request", "order %s is %s and cannot be refunded", order.ID, order.Status)
	}
	earlier, err := s.ForPayment(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	left, err := p.Refundable(earlier)
	if err != nil {
		return nil, err
	}
	if c, err := req.Amount.Cmp(left); err != nil || c > 0 {
		return nil, errs.Invalid("refunds.Request", "at most %s can be refunded", left)
	}
	now := s.clock.Now()
	r := &models.Refund{
		ID: s.ids.New(refundIDPrefix), PaymentID: p.ID, OrderID: p.OrderID, Amount: req.Amount,
		Reason: req.Reason, Status: models.RefundPending, CreatedAt: now,
	}
	if _, err := s.db.ExecContext(ctx, insertRefundSQL, r.ID, r.PaymentID, r.OrderID, r.Amount.Amount,
		string(r.Amount.Currency), r.Reason, string(r.Status), r.CreatedAt); err != nil {
		return nil, fmt.Errorf("refunds: insert: %w", err)
	}
	ref, err := s.gw.Refund(ctx, p.ProviderRef, r.Amount)
	if err != nil {
		r.Status = models.RefundFailed
		if _, uerr := s.db.ExecContext(ctx, updateRefundSQL, r.ID, string(r.Status), "", nil); uerr != nil {
			s.log.Error("recording failed refund", log.F("refund", r.ID), log.Err(uerr))
		}
		return nil, errs.Unavailable("refunds.Request", err)
	}
	full := req.Amount == left
	done := s.clock.Now()
	r.Status, r.ProviderRef, r.CompletedAt = models.RefundCompleted, ref, &done
	err = db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, updateRefundSQL, r.ID, string(r.Status), r.ProviderRef, done); err != nil {
			return err
		}
		if err := s.ledger.Record(ctx, tx, ledger.RefundEntries(r.ID, r.Amount, done)...); err != nil {
			return err
		}
		if full {
			return s.orders.UpdateStatus(ctx, tx, order.ID, order.Status, models.OrderRefunded, done)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("refunds: complete %s: %w", r.ID, err)
	}
	if err := s.bus.Publish(ctx, payments.RefundCompleted{RefundID: r.ID, PaymentID: p.ID, OrderID: p.OrderID, Amount: r.Amount, Full: full}); err != nil {
		s.log.Warn("refund event handlers failed", log.Err(err))
	}
	s.log.Info("refund completed", log.F("refund", r.ID), log.F("amount", r.Amount), log.F("by", req.RequestedBy))
	return r, nil
}

// ForPayment lists the refunds of a payment.
func (s *Service) ForPayment(ctx context.Context, paymentID string) ([]models.Refund, error) {
	out, err := db.QueryAll(ctx, s.db, func(sc db.Scanner) (models.Refund, error) {
		var (
			r           models.Refund
			amount      int64
			cur, status string
			completed   sql.NullTime
		)
		err := sc.Scan(&r.ID, &r.PaymentID, &r.OrderID, &amount, &cur, &r.Reason, &status, &r.ProviderRef, &r.CreatedAt, &completed)
		r.Amount = money.New(amount, money.Currency(cur))
		r.Status = models.RefundStatus(status)
		r.CompletedAt = db.NullTime(completed)
		return r, err
	}, refundsOfPaymentSQL, paymentID)
	if err != nil {
		return nil, fmt.Errorf("refunds: of payment %s: %w", paymentID, err)
	}
	return out, nil
}

// Window is how long after capture a refund may be requested without
// manual approval.
const Window = 60 * 24 * time.Hour
