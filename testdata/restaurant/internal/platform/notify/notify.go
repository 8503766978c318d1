// Package notify sends SMS and email to guests, staff and suppliers.
package notify

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"tablecraft.io/ops/logging"
)

// Message is an outbound notification.
type Message struct {
	To      string `json:"to"`
	Subject string `json:"subject,omitempty"`
	Body    string `json:"body"`
	Channel string `json:"channel"` // "sms" or "email"
}

// Sender delivers messages.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// HTTPSender posts messages to the messaging provider.
type HTTPSender struct {
	URL    string
	From   string
	Client *http.Client
}

// NewHTTPSender builds a sender with a sane timeout.
func NewHTTPSender(url, from string) *HTTPSender {
	return &HTTPSender{URL: url, From: from, Client: &http.Client{Timeout: 10 * time.Second}}
}

func (s *HTTPSender) Send(ctx context.Context, m Message) error {
	body, _ := json.Marshal(map[string]any{"from": s.From, "message": m})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.URL+"/messages", bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := s.Client.Do(req)
	if err != nil {
		return fmt.Errorf("notify: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("notify: provider returned %s", resp.Status)
	}
	return nil
}

// LogSender just logs; used in dev when no provider is configured.
type LogSender struct{ Log *logging.Logger }

func (s LogSender) Send(_ context.Context, m Message) error {
	s.Log.Infof("notify[%s] to=%s subject=%q body=%q", m.Channel, m.To, m.Subject, m.Body)
	return nil
}

// SMS is a shorthand for an SMS message.
func SMS(to, body string) Message { return Message{To: to, Body: body, Channel: "sms"} }

// Email is a shorthand for an email message.
func Email(to, subject, body string) Message {
	return Message{To: to, Subject: subject, Body: body, Channel: "email"}
}
