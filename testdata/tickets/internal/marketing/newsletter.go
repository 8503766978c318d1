// Package marketing runs Gatehouse's newsletters: it keeps a subscriber
// list fed from account and order events, builds audience segments and
// sends campaigns.
// Tables owned: newsletter_subscribers, marketing_purchase_history,
// campaigns, campaign_sends.
package marketing

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"log/slog"
	"strings"

	"gatehouse.events/platform/internal/marketing/mailer"
	"gatehouse.events/platform/internal/platform/clock"
	"gatehouse.events/platform/internal/platform/errs"
	"gatehouse.events/platform/internal/platform/events"
	"gatehouse.events/platform/internal/shared/model"
)

// Subscriber is a newsletter recipient.
type Subscriber struct {
	FanID   string
	Email   string
	Name    string
	Country string
	City    string
}

// Service is the marketing application service.
type Service struct {
	db       *sql.DB
	mail     *mailer.Mailer
	clock    clock.Clock
	log      *slog.Logger
	unsubKey []byte
	baseURL  string
}

// NewService builds the service.
func NewService(d *sql.DB, m *mailer.Mailer, c clock.Clock, log *slog.Logger, unsubKey, baseURL string) *Service {
	return &Service{db: d, mail: m, clock: c, log: log, unsubKey: []byte(unsubKey), baseURL: baseURL}
}

// Subscribe adds or re-activates a subscriber.
func (s *Service) Subscribe(ctx context.Context, sub Subscriber) error {
	_, err := s.db.ExecContext(ctx, `
		INSERT INTO newsletter_subscribers (fan_id, email, name, country, subscribed_at, unsubscribed_at)
		VALUES ($1,$2,$3,$4,$5,NULL)
		ON CONFLICT (email) DO UPDATE SET fan_id=EXCLUDED.fan_id, name=EXCLUDED.name, unsubscribed_at=NULL`,
		sub.FanID, strings.ToLower(sub.Email), sub.Name, sub.Country, s.clock.Now())
	return errs.Wrap(err, "marketing.Subscribe")
}

// UnsubscribeToken is embedded in every newsletter's unsubscribe link.
func (s *Service) UnsubscribeToken(email string) string {
	m := hmac.New(sha256.New, s.unsubKey)
	m.Write([]byte(strings.ToLower(email)))
	return hex.EncodeToString(m.Sum(nil)[:12])
}

// Unsubscribe removes an address if the token matches.
func (s *Service) Unsubscribe(ctx context.Context, email, token string) error {
	if !hmac.Equal([]byte(token), []byte(s.UnsubscribeToken(email))) {
		return errs.Invalid("marketing.Unsubscribe", "invalid link")
	}
	_, err := s.db.ExecContext(ctx, `UPDATE newsletter_subscribers SET unsubscribed_at=$2 WHERE email=$1 AND unsubscribed_at IS NULL`,
		strings.ToLower(email), s.clock.Now())
	return errs.Wrap(err, "marketing.Unsubscribe")
}

// recordPurchase keeps marketing's own copy of who bought what, so that
// segments do not need to query the orders database.
func (s *Service) recordPurchase(ctx context.Context, p model.OrderPaid) error {
	_, err := s.db.ExecContext(ctx, `
		INSERT INTO marketing_purchase_history (fan_id, event_id, order_id, tickets, amount_minor, currency, purchased_at)
		VALUES ($1,$2,$3,$4,$5,$6,$7) ON CONFLICT (order_id) DO NOTHING`,
		p.Order.FanID, p.Order.EventID, p.Order.ID, len(p.Lines), p.Order.Total.Amount, p.Order.Total.Currency, p.Order.CreatedAt)
	return errs.Wrap(err, "marketing.recordPurchase")
}

// RegisterSubscribers wires marketing to platform events.
func (s *Service) RegisterSubscribers(bus *events.Bus) {
	bus.Subscribe(model.TopicFanRegistered, "marketing.subscribe", func(ctx context.Context, e events.Envelope) error {
		p, ok := e.Payload.(model.FanRegistered)
		if !ok || !p.Fan.MarketingOK {
			return nil
		}
		return s.Subscribe(ctx, Subscriber{FanID: p.Fan.ID, Email: p.Fan.Email, Name: p.Fan.DisplayName, Country: p.Fan.Country})
	})
	bus.Subscribe(model.TopicOrderPaid, "marketing.history", func(ctx context.Context, e events.Envelope) error {
		p, ok := e.Payload.(model.OrderPaid)
		if !ok {
			return nil
		}
		return s.recordPurchase(ctx, p)
	})
	bus.Subscribe(model.TopicEventPublished, "marketing.announce", func(ctx context.Context, e events.Envelope) error {
		p, ok := e.Payload.(model.EventPublished)
		if !ok {
			return nil
		}
		_, err := s.DraftAnnouncement(ctx, p.Event)
		return err
	})
}
