// Package payments takes tenders against checks: card, cash and gift card,
// plus refunds.
package payments

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"tablecraft.io/ops/db"
	"tablecraft.io/ops/internal/loyalty/giftcards"
	"tablecraft.io/ops/internal/platform/errs"
	"tablecraft.io/ops/internal/platform/events"
	"tablecraft.io/ops/internal/platform/money"
	"tablecraft.io/ops/models"
	"tablecraft.io/ops/payments/gateway"
	"tablecraft.io/ops/pos"
)

// ChargeRequest is a tender against an order.
type ChargeRequest struct {
	OrderID    int64             `json:"order_id"`
	Tender     models.TenderType `json:"tender"`
	Amount     money.Cents       `json:"amount"`
	Tip        money.Cents       `json:"tip"`
	CardToken  string            `json:"card_token,omitempty"`
	GiftCard   string            `json:"gift_card,omitempty"`
	EmployeeID int64             `json:"employee_id"`
	Reference  string            `json:"reference,omitempty"` // partner payout ref
}

// Service takes payments.
type Service struct {
	db      *sql.DB
	pos     *pos.Service
	gateway *gateway.Client
	gift    *giftcards.Service
	bus     *events.Bus
}

// New returns a Service.
func New(conn *sql.DB, p *pos.Service, g *gateway.Client, gc *giftcards.Service, bus *events.Bus) *Service {
	return &Service{db: conn, pos: p, gateway: g, gift: gc, bus: bus}
}

// Paid returns the captured amount (excluding tips) on an order.
func (s *Service) Paid(ctx context.Context, orderID int64) (money.Cents, error) {
	var c money.Cents
	err := s.db.QueryRowContext(ctx,
		`SELECT COALESCE(SUM(amount), 0) FROM payments WHERE order_id = $1 AND status = 'captured'`, orderID).Scan(&c)
	return c, err
}

// Charge applies a tender. Overpaying is rejected except for cash.
func (s *Service) Charge(ctx context.Context, req ChargeRequest) (*models.Payment, error) {
	o, err := s.pos.Recalc(ctx, req.OrderID)
	if err != nil {
		return nil, err
	}
	if o.Status == models.OrderClosed || o.Status == models.OrderVoided {
		return nil, errs.Conflict("order %d is %s", o.ID, o.Status)
	}
	paid, err := s.Paid(ctx, o.ID)
	if err != nil {
		return nil, err
	}
	due := o.Total - paid
	if req.Amount <= 0 || (req.Amount > due && req.Tender != models.TenderCash) {
		return nil, errs.Invalid("amount must be between $0.01 and %s", due)
	}
	p := &models.Payment{OrderID: o.ID, LocationID: o.LocationID, Tender: req.Tender, Amount: min(req.Amount, due),
		Tip: req.Tip, EmployeeID: req.EmployeeID, Status: "captured", Reference: req.Reference}
	idem := fmt.Sprintf("ord-%d-paid-%d-%d", o.ID, paid, req.Amount)
	switch req.Tender {
	case models.TenderCard:
		p.Reference, err = s.gateway.Sale(ctx, req.CardToken, p.Amount, p.Tip, idem)
		var dec *gateway.DeclinedError
		if errors.As(err, &dec) {
			return nil, errs.Invalid("%s", dec.Error())
		}
	case models.TenderCash, models.TenderPartner:
		p.Tip = 0
	case models.TenderGiftCard:
		p.Amount, p.ID, err = s.gift.Redeem(ctx, req.GiftCard, p.Amount, o.ID, o.LocationID)
	default:
		return nil, errs.Invalid("unknown tender %q", req.Tender)
	}
	if err != nil {
		return nil, err
	}
	if p.ID == 0 {
		if err := s.db.QueryRowContext(ctx,
			`INSERT INTO payments (order_id, location_id, tender, amount, tip, reference, employee_id, status, created_at)
			 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now()) RETURNING id, created_at`,
			p.OrderID, p.LocationID, p.Tender, p.Amount, p.Tip, p.Reference, db.NullInt64(p.EmployeeID), p.Status).
			Scan(&p.ID, &p.CreatedAt); err != nil {
			return nil, err
		}
	}
	s.bus.Publish(ctx, events.Event{Topic: events.PaymentCaptured, LocationID: o.LocationID,
		Payload: models.PaymentCapturedEvent{PaymentID: p.ID, OrderID: o.ID, Amount: p.Amount, Tip: p.Tip, PaidInFull: paid+p.Amount >= o.Total}})
	return p, nil
}

// Refund returns money on a captured card or cash payment.
func (s *Service) Refund(ctx context.Context, paymentID int64, amount money.Cents, reason string) error {
	var p models.Payment
	if err := s.db.QueryRowContext(ctx,
		`SELECT id, order_id, location_id, tender, amount, reference, status FROM payments WHERE id = $1`, paymentID).
		Scan(&p.ID, &p.OrderID, &p.LocationID, &p.Tender, &p.Amount, &p.Reference, &p.Status); err != nil {
		return errs.NotFound("payment %d not found", paymentID)
	}
	var refunded money.Cents
	_ = s.db.QueryRowContext(ctx, `SELECT COALESCE(SUM(amount), 0) FROM refunds WHERE payment_id = $1`, paymentID).Scan(&refunded)
	if amount <= 0 || refunded+amount > p.Amount {
		return errs.Invalid("refund exceeds payment")
	}
	ref := ""
	if p.Tender == models.TenderCard {
		var err error
		if ref, err = s.gateway.Refund(ctx, p.Reference, amount, fmt.Sprintf("rf-%d-%d", paymentID, refunded)); err != nil {
			return err
		}
	}
	return db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx,
			`INSERT INTO refunds (payment_id, amount, reason, reference, created_at) VALUES ($1, $2, $3, $4, now())`,
			paymentID, amount, reason, ref); err != nil {
			return err
		}
		if refunded+amount == p.Amount {
			_, err := tx.ExecContext(ctx, `UPDATE payments SET status = 'refunded' WHERE id = $1`, paymentID)
			return err
		}
		return nil
	})
}

// ForOrder lists payments on an order.
func (s *Service) ForOrder(ctx context.Context, orderID int64) ([]models.Payment, error) {
	rows, err := s.db.QueryContext(ctx,
		`SELECT id, order_id, location_id, tender, amount, tip, reference, status, created_at FROM payments WHERE order_id = $1 ORDER BY id`, orderID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Payment
	for rows.Next() {
		var p models.Payment
		if err := rows.Scan(&p.ID, &p.OrderID, &p.LocationID, &p.Tender, &p.Amount, &p.Tip, &p.Reference, &p.Status, &p.CreatedAt); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
