// Package payments authorizes, captures and refunds order payments.
package payments

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"rxnow.health/backend/domain/models"
	"rxnow.health/backend/domain/payments"
	"rxnow.health/backend/infrastructure/paygateway"
	pgpayments "rxnow.health/backend/infrastructure/postgres/payments"
	"rxnow.health/backend/kernel/errs"
	"rxnow.health/backend/kernel/events"
	"rxnow.health/backend/kernel/money"
)

// Gateway is the card processor.
type Gateway interface {
	Authorize(ctx context.Context, idemKey, token string, cents int64, hsa bool) (paygateway.AuthResult, error)
	Capture(ctx context.Context, idemKey, ref string, cents int64) error
	Void(ctx context.Context, idemKey, ref string) error
	Refund(ctx context.Context, idemKey, ref string, cents int64) error
}

// Service is the payments API.
type Service struct {
	store      *pgpayments.Store
	gw         Gateway
	bus        events.Publisher
	webhookKey string
	now        func() time.Time
}

// NewService builds the service.
func NewService(store *pgpayments.Store, gw Gateway, bus events.Publisher, webhookKey string) *Service {
	return &Service{store: store, gw: gw, bus: bus, webhookKey: webhookKey, now: time.Now}
}

// AuthorizeCommand places a hold for an order.
type AuthorizeCommand struct {
	OrderID    int64
	CustomerID int64
	Amount     money.Money
	CardToken  string
	Method     string
}

// Authorize places a hold. Zero-amount orders (fully covered) skip the
// gateway but still get a payment row so the order lifecycle is uniform.
func (s *Service) Authorize(ctx context.Context, cmd AuthorizeCommand) (models.PaymentView, error) {
	const op = "payments.Authorize"
	if cmd.Method == "" {
		cmd.Method = payments.MethodCard
	}
	p := payments.Payment{OrderID: cmd.OrderID, CustomerID: cmd.CustomerID, Method: cmd.Method, Amount: cmd.Amount,
		Status: payments.StatusAuthorized, AuthorizedAt: s.now()}
	if !cmd.Amount.IsZero() {
		if cmd.CardToken == "" {
			return models.PaymentView{}, errs.Invalidf(op, "card token required")
		}
		res, err := s.gw.Authorize(ctx, fmt.Sprintf("auth-%d", cmd.OrderID), cmd.CardToken, cmd.Amount.Cents, cmd.Method == payments.MethodHSA)
		if err != nil {
			return models.PaymentView{}, errs.Wrap(op, err)
		}
		if res.Status != "authorized" {
			return models.PaymentView{}, errs.Conflictf(op, "card declined (%s)", res.Decline)
		}
		p.GatewayRef = res.Reference
	}
	if err := s.store.Create(ctx, &p); err != nil {
		return models.PaymentView{}, err
	}
	if err := s.store.MarkOrderPaymentStatus(ctx, p.OrderID, p.Status); err != nil {
		return models.PaymentView{}, err
	}
	return toView(p), nil
}

// CaptureOrder captures the open authorization of an order. Called when
// the order is dispatched (we only charge for what ships).
func (s *Service) CaptureOrder(ctx context.Context, orderID int64, amount money.Money) error {
	p, err := s.open(ctx, orderID)
	if err != nil {
		return err
	}
	if err := p.Capture(amount, s.now()); err != nil {
		return err
	}
	if p.GatewayRef != "" {
		if err := s.gw.Capture(ctx, fmt.Sprintf("cap-%d", p.ID), p.GatewayRef, amount.Cents); err != nil {
			return err
		}
	}
	if err := s.store.Update(ctx, p); err != nil {
		return err
	}
	_ = s.store.MarkOrderPaymentStatus(ctx, orderID, p.Status)
	s.bus.Publish(ctx, models.EventPaymentCaptured, models.PaymentEvent{PaymentID: p.ID, OrderID: orderID, Amount: amount})
	return nil
}

// VoidOrder releases the open authorization of an order.
func (s *Service) VoidOrder(ctx context.Context, orderID int64) error {
	p, err := s.open(ctx, orderID)
	if errs.Is(err, errs.NotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if err := p.Void(); err != nil {
		return err
	}
	if p.GatewayRef != "" {
		if err := s.gw.Void(ctx, fmt.Sprintf("void-%d", p.ID), p.GatewayRef); err != nil {
			return err
		}
	}
	if err := s.store.Update(ctx, p); err != nil {
		return err
	}
	return s.store.MarkOrderPaymentStatus(ctx, orderID, p.Status)
}

type webhook struct {
	ID   string `json:"id"`
	Type string `json:"type"`
	Data struct {
		Reference string `json:"authorization_id"`
		Reason    string `json:"reason"`
	} `json:"data"`
}

// HandleWebhook processes gateway notifications (late declines, disputes).
func (s *Service) HandleWebhook(ctx context.Context, body []byte, signature string) error {
	const op = "payments.HandleWebhook"
	if !paygateway.VerifySignature(s.webhookKey, body, signature) {
		return errs.E(op, errs.Unauthorized, "bad signature")
	}
	var w webhook
	if err := json.Unmarshal(body, &w); err != nil {
		return errs.Invalidf(op, "bad payload: %v", err)
	}
	fresh, err := s.store.RecordWebhook(ctx, w.ID, w.Type, body)
	if err != nil || !fresh {
		return err
	}
	p, err := s.store.ByGatewayRef(ctx, w.Data.Reference)
	if err != nil {
		return err
	}
	switch w.Type {
	case "authorization.expired", "charge.failed":
		p.Status = payments.StatusFailed
		if err := s.store.Update(ctx, p); err != nil {
			return err
		}
		_ = s.store.MarkOrderPaymentStatus(ctx, p.OrderID, p.Status)
		s.bus.Publish(ctx, models.EventPaymentFailed, models.PaymentEvent{PaymentID: p.ID, OrderID: p.OrderID, Amount: p.Amount, Reason: w.Data.Reason})
	}
	return nil
}

func (s *Service) open(ctx context.Context, orderID int64) (payments.Payment, error) {
	ps, err := s.store.ForOrder(ctx, orderID)
	if err != nil {
		return payments.Payment{}, err
	}
	for _, p := range ps {
		if p.Status == payments.StatusAuthorized {
			return p, nil
		}
	}
	return payments.Payment{}, errs.NotFoundf("payments.open", "no open authorization for order %d", orderID)
}

func toView(p payments.Payment) models.PaymentView {
	return models.PaymentView{ID: p.ID, OrderID: p.OrderID, Amount: p.Amount, Captured: p.Captured, Refunded: p.Refunded,
		Status: string(p.Status), Method: p.Method, CreatedAt: p.AuthorizedAt}
}
