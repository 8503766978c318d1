// Package rating is the public face of usage rating and charging: balances,
// usage summaries, and reactions to subscriber lifecycle events.
package rating

import (
	"context"
	"encoding/json"
	"log/slog"
	"time"

	"mvno.telco/core/catalog"
	"mvno.telco/core/models"
	"mvno.telco/core/platform/events"
	"mvno.telco/core/platform/money"
	"mvno.telco/core/rating/balances"
	"mvno.telco/core/rating/store"
)

type Service struct {
	store    *store.Store
	balances *balances.Manager
	catalog  *catalog.Service
	log      *slog.Logger
}

func New(s *store.Store, b *balances.Manager, cat *catalog.Service, log *slog.Logger) *Service {
	return &Service{store: s, balances: b, catalog: cat, log: log}
}

func (s *Service) Balance(ctx context.Context, subscriberID string) (models.Balance, error) {
	return s.balances.Snapshot(ctx, subscriberID)
}

// Credit adds prepaid credit (top-ups, goodwill). Preferred over touching
// prepaid_balances directly.
func (s *Service) Credit(ctx context.Context, subscriberID string, amount money.Money) (money.Money, error) {
	if err := s.balances.TopUp(ctx, subscriberID, amount); err != nil {
		return money.Money{}, err
	}
	return s.balances.Credit(ctx, subscriberID)
}

// Subscribe wires rating to lifecycle events.
func (s *Service) Subscribe(bus *events.Bus) {
	bus.Subscribe(events.SubscriberActivated, s.onActivated)
	bus.Subscribe(events.PlanChanged, s.onPlanChanged)
	bus.Subscribe(events.AddOnPurchased, s.onAddOn)
}

func (s *Service) onActivated(ctx context.Context, e events.Event) error {
	sub, ok := e.Payload.(models.Subscriber)
	if !ok {
		return nil
	}
	plan, err := s.catalog.Plan(ctx, sub.PlanCode)
	if err != nil {
		return err
	}
	return s.balances.GrantPlan(ctx, sub.ID, plan, sub.ActivatedAt)
}

func (s *Service) onPlanChanged(ctx context.Context, e events.Event) error {
	p, _ := e.Payload.(map[string]string)
	if p == nil {
		return nil
	}
	if err := s.balances.RevokeSource(ctx, p["subscriber_id"], p["from"]); err != nil {
		return err
	}
	plan, err := s.catalog.Plan(ctx, p["to"])
	if err != nil {
		return err
	}
	return s.balances.GrantPlan(ctx, p["subscriber_id"], plan, time.Now().UTC())
}

func (s *Service) onAddOn(ctx context.Context, e events.Event) error {
	raw, _ := json.Marshal(e.Payload)
	var p struct {
		SubscriberID string       `json:"subscriber_id"`
		AddOn        models.AddOn `json:"addon"`
		PaymentMode  string       `json:"payment_mode"`
	}
	if err := json.Unmarshal(raw, &p); err != nil {
		return err
	}
	if p.PaymentMode == models.PaymentModePrepaid {
		if err := s.balances.Debit(ctx, p.SubscriberID, p.AddOn.Price); err != nil {
			return err
		}
	}
	return s.balances.GrantAddOn(ctx, p.SubscriberID, p.AddOn, time.Now().UTC())
}
