// Package payments takes card payments for invoices, device orders and
// top-ups, and handles refunds and stored payment methods.
package payments

import (
	"context"
	"log/slog"
	"time"

	"mvno.telco/core/billing"
	"mvno.telco/core/models"
	"mvno.telco/core/payments/gateway"
	"mvno.telco/core/payments/store"
	"mvno.telco/core/platform/errs"
	"mvno.telco/core/platform/events"
	"mvno.telco/core/platform/ids"
	"mvno.telco/core/platform/money"
)

type Service struct {
	store   *store.Store
	psp     *gateway.Client
	billing *billing.Service
	bus     *events.Bus
	log     *slog.Logger
}

func New(st *store.Store, psp *gateway.Client, b *billing.Service, bus *events.Bus, log *slog.Logger) *Service {
	return &Service{store: st, psp: psp, billing: b, bus: bus, log: log}
}

type ChargeRequest struct {
	SubscriberID string
	MethodID     string // empty: default method
	Amount       money.Money
	InvoiceID    string
	OrderID      string
	Description  string
}

func (s *Service) AddMethod(ctx context.Context, m models.PaymentMethod) (models.PaymentMethod, error) {
	const op = "payments.AddMethod"
	if m.Token == "" || len(m.Last4) != 4 {
		return m, errs.E(errs.Invalid, op, "token and last4 required")
	}
	now := time.Now().UTC()
	if m.ExpYear < now.Year() || (m.ExpYear == now.Year() && m.ExpMonth < int(now.Month())) {
		return m, errs.E(errs.Invalid, op, "card expired")
	}
	existing, err := s.store.Methods(ctx, m.SubscriberID)
	if err != nil {
		return m, err
	}
	m.ID, m.CreatedAt = ids.New("pm"), now
	if len(existing) == 0 {
		m.Default = true
	}
	return m, s.store.InsertMethod(ctx, m)
}

func (s *Service) History(ctx context.Context, subscriberID string, limit int) ([]models.Payment, error) {
	return s.store.ForSubscriber(ctx, subscriberID, limit)
}

func (s *Service) PaymentForOrder(ctx context.Context, orderID string) (models.Payment, error) {
	return s.store.SucceededForOrder(ctx, orderID)
}

// Charge takes a card payment. A decline returns the failed payment and a
// PaymentRequired error.
func (s *Service) Charge(ctx context.Context, r ChargeRequest) (models.Payment, error) {
	const op = "payments.Charge"
	if r.Amount.Amount <= 0 {
		return models.Payment{}, errs.E(errs.Invalid, op, "amount must be positive")
	}
	method, err := s.pickMethod(ctx, r.SubscriberID, r.MethodID)
	if err != nil {
		return models.Payment{}, err
	}
	p := models.Payment{ID: ids.New("pay"), SubscriberID: r.SubscriberID, InvoiceID: r.InvoiceID, OrderID: r.OrderID,
		MethodID: method.ID, Amount: r.Amount, Status: models.PaymentPending, CreatedAt: time.Now().UTC()}
	if err := s.store.InsertPayment(ctx, p); err != nil {
		return p, err
	}
	res, err := s.psp.Charge(ctx, method.Token, r.Amount, p.ID, r.Description)
	if err != nil {
		_ = s.store.UpdatePayment(ctx, p.ID, models.PaymentFailed, "", "gateway error")
		return p, errs.Wrap(errs.Unavailable, op, err)
	}
	ev := models.PaymentEvent{PaymentID: p.ID, SubscriberID: p.SubscriberID, InvoiceID: p.InvoiceID, OrderID: p.OrderID, Amount: p.Amount}
	if !res.Approved {
		p.Status, p.FailureReason = models.PaymentFailed, res.DeclineCode
		_ = s.store.UpdatePayment(ctx, p.ID, p.Status, res.Reference, res.DeclineCode)
		_ = s.bus.Publish(ctx, events.PaymentFailed, p.SubscriberID, ev)
		return p, errs.E(errs.PaymentRequired, op, "card declined: "+res.DeclineCode)
	}
	p.Status, p.GatewayRef = models.PaymentSucceeded, res.Reference
	if err := s.store.UpdatePayment(ctx, p.ID, p.Status, p.GatewayRef, ""); err != nil {
		return p, err
	}
	if p.InvoiceID != "" {
		if _, err := s.billing.ApplyPayment(ctx, p.InvoiceID, p.ID, p.Amount); err != nil {
			s.log.Error("payment taken but not applied to invoice", "payment", p.ID, "invoice", p.InvoiceID, "err", err)
		}
	}
	_ = s.bus.Publish(ctx, events.PaymentSucceeded, p.SubscriberID, ev)
	return p, nil
}

func (s *Service) pickMethod(ctx context.Context, subscriberID, methodID string) (models.PaymentMethod, error) {
	ms, err := s.store.Methods(ctx, subscriberID)
	if err != nil {
		return models.PaymentMethod{}, err
	}
	for _, m := range ms {
		if (methodID == "" && m.Default) || m.ID == methodID {
			return m, nil
		}
	}
	return models.PaymentMethod{}, errs.E(errs.PaymentRequired, "payments.pickMethod", "no usable payment method")
}

// PayInvoice pays the remaining balance of an invoice.
func (s *Service) PayInvoice(ctx context.Context, invoiceID, methodID string) (models.Payment, error) {
	inv, err := s.billing.Invoice(ctx, invoiceID)
	if err != nil {
		return models.Payment{}, err
	}
	if inv.Status != models.InvoiceIssued {
		return models.Payment{}, errs.E(errs.Conflict, "payments.PayInvoice", "invoice is "+inv.Status)
	}
	return s.Charge(ctx, ChargeRequest{SubscriberID: inv.SubscriberID, MethodID: methodID, Amount: inv.Balance(),
		InvoiceID: inv.ID, Description: "Invoice " + inv.Number})
}

// Refund returns part or all of a succeeded payment.
func (s *Service) Refund(ctx context.Context, paymentID string, amount money.Money) error {
	const op = "payments.Refund"
	p, err := s.store.Payment(ctx, paymentID)
	if err != nil {
		return err
	}
	if p.Status != models.PaymentSucceeded {
		return errs.E(errs.Conflict, op, "payment is "+p.Status)
	}
	done, err := s.store.RefundedTotal(ctx, paymentID)
	if err != nil {
		return err
	}
	if amount.Amount <= 0 || done+amount.Amount > p.Amount.Amount {
		return errs.E(errs.Invalid, op, "refund exceeds captured amount")
	}
	refundID := ids.New("ref")
	ref, err := s.psp.Refund(ctx, p.GatewayRef, amount, refundID)
	if err != nil {
		return errs.Wrap(errs.Unavailable, op, err)
	}
	if err := s.store.InsertRefund(ctx, refundID, paymentID, ref, amount); err != nil {
		return err
	}
	if done+amount.Amount == p.Amount.Amount {
		return s.store.UpdatePayment(ctx, p.ID, models.PaymentRefunded, p.GatewayRef, "")
	}
	return nil
}

// OnInvoiceIssued collects postpaid bills automatically from the default card.
func (s *Service) OnInvoiceIssued(ctx context.Context, e events.Event) error {
	ev, ok := e.Payload.(models.InvoiceIssuedEvent)
	if !ok {
		return nil
	}
	_, err := s.PayInvoice(ctx, ev.InvoiceID, "")
	if errs.Is(err, errs.PaymentRequired) {
		s.log.Info("autopay not possible, left for dunning", "invoice", ev.InvoiceID)
		return nil
	}
	return err
}
