// Package payments takes customers' money: it authorizes payments at
// checkout, captures them, and is the API other contexts use.
package payments

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"example.com/shop/internal/models"
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

const paymentIDPrefix = "pay"

// AuthorizeRequest is the input of Authorize.
type AuthorizeRequest struct {
	OrderID    string
	CustomerID string
	Amount     money.Money
	Token      string
}

// Service manages payments.
type Service struct {
	db     *sql.DB
	store  *store
	gw     gateway.Gateway
	ledger *ledger.Ledger
	bus    eventbus.Publisher
	clock  clock.Clock
	ids    ids.Generator
	log    *log.Logger
}

// NewService returns the payments service.
func NewService(conn *sql.DB, gw gateway.Gateway, l *ledger.Ledger, bus eventbus.Publisher, clk clock.Clock, gen ids.Generator, logger *log.Logger) *Service {
	return &Service{db: conn, store: &store{db: conn}, gw: gw, ledger: l, bus: bus, clock: clk, ids: gen, log: logger.Named("payments")}
}

// Gateway returns the provider in use.
func (s *Service) Gateway() gateway.Gateway { return s.gw }

// Authorize reserves the amount on the customer's payment method. It is
// idempotent per order: a second call returns the first payment.
func (s *Service) Authorize(ctx context.Context, req AuthorizeRequest) (*models.Payment, error) {
	var v validate.Validator
	v.Required("order_id", req.OrderID)
	v.Required("token", req.Token)
	v.Positive("amount", req.Amount.Amount)
	if err := v.Err("payments.Authorize"); err != nil {
		return nil, err
	}
	if existing, err := s.store.byOrder(ctx, req.OrderID); err == nil {
		if existing.Amount != req.Amount {
			return nil, errs.Conflict("payments.Authorize", "order %s already has a payment of %s", req.OrderID, existing.Amount)
		}
		return existing, nil
	} else if !errs.Is(err, errs.KindNotFound) {
		return nil, err
	}
	now := s.clock.Now()
	p := &models.Payment{
		ID: s.ids.New(paymentIDPrefix), OrderID: req.OrderID, CustomerID: req.CustomerID,
		Provider: s.gw.Name(), Amount: req.Amount, Status: models.PaymentPending, CreatedAt: now, UpdatedAt: now,
	}
	if err := s.store.insert(ctx, p); err != nil {
		return nil, err
	}
	res, err := s.gw.Authorize(ctx, gateway.AuthRequest{
		Reference: p.ID, Amount: p.Amount, Token: req.Token, CustomerID: req.CustomerID, IdempotencyKey: p.ID,
	})
	switch {
	case errors.Is(err, gateway.ErrDeclined) || (err == nil && !res.Approved):
		p.Fail("declined: "+res.DeclineCode, s.clock.Now())
		if uerr := s.store.update(ctx, s.db, p); uerr != nil {
			return nil, uerr
		}
		s.publish(ctx, PaymentFailed{PaymentID: p.ID, OrderID: p.OrderID, Reason: p.FailureReason})
		return p, errs.Invalid("payments.Authorize", "payment was declined")
	case err != nil:
		p.Fail("gateway error", s.clock.Now())
		_ = s.store.update(ctx, s.db, p)
		return nil, errs.Unavailable("payments.Authorize", err)
	}
	if err := p.Authorize(res.ProviderRef, s.clock.Now()); err != nil {
		return nil, err
	}
	if err := s.store.update(ctx, s.db, p); err != nil {
		return nil, err
	}
	s.publish(ctx, PaymentAuthorized{PaymentID: p.ID, OrderID: p.OrderID, Amount: p.Amount})
	return p, nil
}

// Capture takes the authorized money.
func (s *Service) Capture(ctx context.Context, paymentID string) (*models.Payment, error) {
	p, err := s.store.get(ctx, paymentID)
	if err != nil {
		return nil, err
	}
	if p.Status == models.PaymentCaptured {
		return p, nil
	}
	if p.Status != models.PaymentAuthorized {
		return nil, errs.Conflict("payments.Capture", "payment %s is %s", p.ID, p.Status)
	}
	if err := s.gw.Capture(ctx, p.ProviderRef, p.Amount); err != nil {
		return nil, errs.Unavailable("payments.Capture", err)
	}
	return p, s.RecordCaptured(ctx, p.ID)
}

// RecordCaptured books a capture the provider confirmed. It is safe to
// call more than once.
func (s *Service) RecordCaptured(ctx context.Context, paymentID string) error {
	p, err := s.store.get(ctx, paymentID)
	if err != nil {
		return err
	}
	if p.Status == models.PaymentCaptured {
		return nil
	}
	now := s.clock.Now()
	if err := p.Capture(now); err != nil {
		return errs.Wrap(errs.KindConflict, "payments.RecordCaptured", err)
	}
	err = db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		if err := s.store.markCaptured(ctx, tx, p); err != nil {
			return err
		}
		return s.ledger.Record(ctx, tx, ledger.CaptureEntries(p.ID, p.Amount, now)...)
	})
	if err != nil {
		return err
	}
	s.publish(ctx, PaymentCaptured{PaymentID: p.ID, OrderID: p.OrderID, Amount: p.Amount})
	return nil
}

// RecordFailure books a failure the provider reported.
func (s *Service) RecordFailure(ctx context.Context, paymentID, reason string) error {
	p, err := s.store.get(ctx, paymentID)
	if err != nil {
		return err
	}
	if p.Status == models.PaymentFailed {
		return nil
	}
	p.Fail(reason, s.clock.Now())
	if err := s.store.update(ctx, s.db, p); err != nil {
		return err
	}
	s.publish(ctx, PaymentFailed{PaymentID: p.ID, OrderID: p.OrderID, Reason: reason})
	return nil
}

// Void cancels an authorization that was not captured.
func (s *Service) Void(ctx context.Context, paymentID string) error {
	p, err := s.store.get(ctx, paymentID)
	if err != nil {
		return err
	}
	if p.Status != models.PaymentAuthorized {
		return errs.Conflict("payments.Void", "payment %s is %s", p.ID, p.Status)
	}
	if err := s.gw.Void(ctx, p.ProviderRef); err != nil {
		return errs.Unavailable("payments.Void", err)
	}
	p.Status, p.UpdatedAt = models.PaymentVoided, s.clock.Now()
	return s.store.update(ctx, s.db, p)
}

// Get returns a payment.
func (s *Service) Get(ctx context.Context, id string) (*models.Payment, error) {
	return s.store.get(ctx, id)
}

// ForOrder returns the live payment of an order.
func (s *Service) ForOrder(ctx context.Context, orderID string) (*models.Payment, error) {
	return s.store.byOrder(ctx, orderID)
}

// ByProviderRef finds a payment by the provider's reference.
func (s *Service) ByProviderRef(ctx context.Context, ref string) (*models.Payment, error) {
	return s.store.byProviderRef(ctx, s.gw.Name(), ref)
}

// CaptureAuthorized captures payments authorized longer than after ago.
func (s *Service) CaptureAuthorized(ctx context.Context, after time.Duration, limit int) (int, error) {
	due, err := s.store.authorizedBefore(ctx, s.clock.Now().Add(-after), limit)
	if err != nil {
		return 0, err
	}
	n := 0
	var failed []error
	for _, p := range due {
		if _, err := s.Capture(ctx, p.ID); err != nil {
			s.log.Warn("capture failed", log.F("payment", p.ID), log.Err(err))
			failed = append(failed, err)
			continue
		}
		n++
	}
	return n, errors.Join(failed...)
}

func (s *Service) publish(ctx context.Context, e eventbus.Event) {
	if err := s.bus.Publish(ctx, e); err != nil {
		s.log.Warn("payment event handlers failed", log.F("event", e.EventName()), log.Err(err))
	}
}
