// Package notify sends SMS and e-mail. Everything that talks to patients
// or staff goes through a Sender so that dev and test never page anyone.
package notify

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/acme/clinic/pkg/config"
	"github.com/acme/clinic/pkg/logger"
)

// Channel is how a message is delivered.
type Channel string

const (
	SMS   Channel = "sms"
	Email Channel = "email"
)

// Message is one outbound notification.
type Message struct {
	Channel Channel
	To      string
	Subject string
	Body    string
}

// Sender delivers messages.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// ErrNoRoute is returned when no sender handles a channel.
var ErrNoRoute = errors.New("notify: no sender for channel")

// SMSGateway posts to the SMS provider's REST endpoint.
type SMSGateway struct {
	URL    string
	Token  string
	Client *http.Client
}

func (g *SMSGateway) Send(ctx context.Context, m Message) error {
	if len(m.Body) > 480 {
		m.Body = m.Body[:477] + "..."
	}
	payload, err := json.Marshal(map[string]string{"to": m.To, "text": m.Body})
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, g.URL, bytes.NewReader(payload))
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+g.Token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := g.Client.Do(req)
	if err != nil {
		return fmt.Errorf("notify: sms: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("notify: sms gateway returned %s", resp.Status)
	}
	return nil
}

// Log only logs; used in dev.
type Log struct{ L *logger.Logger }

func (l Log) Send(ctx context.Context, m Message) error {
	l.L.InfoContext(ctx, "notify (not sent)", "channel", m.Channel, "to", m.To, "subject", m.Subject)
	return nil
}

// Router picks a sender by channel.
type Router map[Channel]Sender

func (r Router) Send(ctx context.Context, m Message) error {
	s, ok := r[m.Channel]
	if !ok {
		return fmt.Errorf("%w %q", ErrNoRoute, m.Channel)
	}
	return s.Send(ctx, m)
}

// FromConfig builds the production router. E-mail goes through the
// relay sidecar, which we do not talk to yet, so it is only logged.
func FromConfig(cfg config.Notify, log *logger.Logger) Sender {
	fallback := Log{L: log.Named("notify")}
	r := Router{SMS: fallback, Email: fallback}
	if cfg.SMSGatewayURL != "" {
		r[SMS] = &SMSGateway{URL: cfg.SMSGatewayURL, Token: cfg.SMSToken, Client: &http.Client{Timeout: 10 * time.Second}}
	}
	return r
}
