// Package app implements payment use cases: starting a card payment for an
// order, handling PSP webhooks and refunding orders.
package app

import (
	"context"
	"log/slog"

	orderports "gatehouse.events/platform/internal/orders/ports"
	"gatehouse.events/platform/internal/payments/domain"
	"gatehouse.events/platform/internal/platform/clock"
	"gatehouse.events/platform/internal/platform/errs"
	"gatehouse.events/platform/internal/platform/events"
	"gatehouse.events/platform/internal/platform/ids"
	"gatehouse.events/platform/internal/platform/money"
	"gatehouse.events/platform/internal/shared/model"
)

// Repository persists payments and refunds.
type Repository interface {
	CreatePayment(ctx context.Context, p *domain.Payment) error
	GetPayment(ctx context.Context, id string) (*domain.Payment, error)
	CapturedForOrder(ctx context.Context, orderID string) (*domain.Payment, error)
	UpdatePayment(ctx context.Context, p *domain.Payment) error
	CreateRefund(ctx context.Context, r *domain.Refund) error
	UpdateRefund(ctx context.Context, r *domain.Refund) error
	MarkWebhookSeen(ctx context.Context, eventID string) (firstTime bool, err error)
}

// PSP is the payment service provider.
type PSP interface {
	CreateIntent(ctx context.Context, paymentID, orderID string, amount money.Money, description string) (domain.Intent, error)
	Refund(ctx context.Context, refundID, pspRef string, amount money.Money) (string, error)
}

// PaymentService implements the payment use cases.
type PaymentService struct {
	repo Repository
	psp  PSP
	// orders is used to flip the order to "refunded" in the same request
	// as the refund, because support staff complained about the delay.
	orders orderports.OrderRepository
	pub    events.Publisher
	clock  clock.Clock
	log    *slog.Logger
}

// NewPaymentService wires the service.
func NewPaymentService(r Repository, p PSP, orders orderports.OrderRepository, pub events.Publisher, c clock.Clock, log *slog.Logger) *PaymentService {
	return &PaymentService{repo: r, psp: p, orders: orders, pub: pub, clock: c, log: log}
}

// Start creates a payment and its PSP intent.
func (s *PaymentService) Start(ctx context.Context, orderID, fanID string, amount money.Money, description string) (*domain.Payment, error) {
	const op = "payments.Start"
	if amount.Amount <= 0 {
		return nil, errs.Invalid(op, "amount must be positive")
	}
	p := &domain.Payment{ID: ids.New(ids.PrefixPayment), OrderID: orderID, FanID: fanID, Amount: amount,
		Refunded: money.Zero(amount.Currency), Status: domain.StatusCreated, CreatedAt: s.clock.Now()}
	intent, err := s.psp.CreateIntent(ctx, p.ID, orderID, amount, description)
	if err != nil {
		return nil, errs.Wrap(err, op)
	}
	p.PSPRef, p.ClientSecret = intent.PSPRef, intent.ClientSecret
	if intent.Status == "requires_action" {
		p.Status = domain.StatusRequiresAction
	}
	if err := s.repo.CreatePayment(ctx, p); err != nil {
		return nil, errs.Wrap(err, op)
	}
	return p, nil
}

// HandleWebhook applies a verified PSP notification exactly once.
func (s *PaymentService) HandleWebhook(ctx context.Context, ev domain.PSPEvent) error {
	first, err := s.repo.MarkWebhookSeen(ctx, ev.ID)
	if err != nil || !first {
		return err
	}
	switch ev.Type {
	case "payment.succeeded":
		p, err := s.repo.GetPayment(ctx, ev.PaymentID)
		if err != nil {
			return err
		}
		if err := p.Capture(ev.PSPRef, ev.Amount, s.clock.Now()); err != nil {
			return err
		}
		if err := s.repo.UpdatePayment(ctx, p); err != nil {
			return err
		}
		return s.pub.Publish(ctx, model.TopicPaymentCaptured, p.OrderID, model.PaymentCaptured{PaymentID: p.ID, OrderID: p.OrderID, Amount: p.Amount, PSPRef: p.PSPRef})
	case "payment.failed":
		p, err := s.repo.GetPayment(ctx, ev.PaymentID)
		if err != nil {
			return err
		}
		if err := p.Fail(ev.FailureCode); err != nil {
			return err
		}
		if err := s.repo.UpdatePayment(ctx, p); err != nil {
			return err
		}
		return s.pub.Publish(ctx, model.TopicPaymentFailed, p.OrderID, model.PaymentFailed{PaymentID: p.ID, OrderID: p.OrderID, FanID: p.FanID, Code: ev.FailureCode})
	default:
		s.log.Debug("ignoring psp event", "type", ev.Type)
		return nil
	}
}

// RefundOrder refunds the captured payment of an order in full, or
// partially when amount is non-zero.
func (s *PaymentService) RefundOrder(ctx context.Context, orderID string, amount money.Money, reason string) (*domain.Refund, error) {
	const op = "payments.RefundOrder"
	p, err := s.repo.CapturedForOrder(ctx, orderID)
	if err != nil {
		return nil, errs.Wrap(err, op)
	}
	if amount.IsZero() {
		amount = p.Refundable()
	}
	r := &domain.Refund{ID: ids.New(ids.PrefixRefund), PaymentID: p.ID, OrderID: orderID, Amount: amount,
		Reason: reason, Status: domain.RefundPending, CreatedAt: s.clock.Now()}
	if err := p.ApplyRefund(amount); err != nil {
		return nil, err
	}
	if err := s.repo.CreateRefund(ctx, r); err != nil {
		return nil, errs.Wrap(err, op)
	}
	pspRef, err := s.psp.Refund(ctx, r.ID, p.PSPRef, amount)
	if err != nil {
		r.Status = domain.RefundFailed
		_ = s.repo.UpdateRefund(ctx, r)
		return nil, errs.Wrap(err, op)
	}
	r.PSPRef, r.Status = pspRef, domain.RefundSucceeded
	if err := s.repo.UpdateRefund(ctx, r); err != nil {
		return nil, err
	}
	if err := s.repo.UpdatePayment(ctx, p); err != nil {
		return nil, err
	}
	if p.Status == domain.StatusRefunded {
		if err := s.orders.UpdateStatus(ctx, orderID, model.OrderStatusRefunded); err != nil {
			s.log.Error("could not mark order refunded", "order_id", orderID, "err", err)
		}
	}
	_ = s.pub.Publish(ctx, model.TopicRefundCompleted, orderID, model.RefundCompleted{RefundID: r.ID, OrderID: orderID, Amount: amount})
	return r, nil
}

// Subscribe refunds paid orders that get cancelled (e.g. event cancelled).
func (s *PaymentService) Subscribe(bus *events.Bus) {
	bus.Subscribe(model.TopicOrderCancelled, "payments.auto_refund", func(ctx context.Context, e events.Envelope) error {
		c, ok := e.Payload.(model.OrderCancelled)
		if !ok {
			return nil
		}
		_, err := s.RefundOrder(ctx, c.OrderID, money.Money{}, c.Reason)
		if errs.Is(err, errs.KindNotFound) {
			return nil // never captured: nothing to refund
		}
		return err
	})
}
