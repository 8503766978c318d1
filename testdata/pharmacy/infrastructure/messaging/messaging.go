// Package messaging sends e-mail and SMS to patients.
package messaging

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/smtp"
	"strings"
	"time"
)

// Channels.
const (
	ChannelEmail = "email"
	ChannelSMS   = "sms"
)

// Message is one outbound notification. Bodies must never contain drug
// names for SMS (HIPAA minimum-necessary rule); callers use templates.
type Message struct {
	Channel  string
	To       string
	Subject  string
	Body     string
	Template string
}

// Sender delivers a message.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// SMTPSender sends e-mail through a relay.
type SMTPSender struct {
	Addr string
	From string
}

func (s SMTPSender) Send(_ context.Context, m Message) error {
	var b strings.Builder
	fmt.Fprintf(&b, "From: %s\r\nTo: %s\r\nSubject: %s\r\n\r\n%s", s.From, m.To, m.Subject, m.Body)
	if err := smtp.SendMail(s.Addr, nil, s.From, []string{m.To}, []byte(b.String())); err != nil {
		return fmt.Errorf("messaging: smtp: %w", err)
	}
	return nil
}

// SMSSender posts to the SMS provider.
type SMSSender struct {
	URL    string
	Client *http.Client
}

func (s SMSSender) Send(ctx context.Context, m Message) error {
	payload, _ := json.Marshal(map[string]string{"to": m.To, "text": m.Body})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.URL+"/v1/messages", bytes.NewReader(payload))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	c := s.Client
	if c == nil {
		c = &http.Client{Timeout: 10 * time.Second}
	}
	resp, err := c.Do(req)
	if err != nil {
		return fmt.Errorf("messaging: sms: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("messaging: sms: status %d", resp.StatusCode)
	}
	return nil
}

// LogSender only logs; used in dev.
type LogSender struct{ Log *slog.Logger }

func (l LogSender) Send(_ context.Context, m Message) error {
	l.Log.Info("message", "channel", m.Channel, "to", m.To, "subject", m.Subject, "template", m.Template)
	return nil
}

// Router dispatches on the message channel.
type Router struct {
	Email Sender
	SMS   Sender
}

func (r Router) Send(ctx context.Context, m Message) error {
	switch m.Channel {
	case ChannelSMS:
		return r.SMS.Send(ctx, m)
	case ChannelEmail, "":
		return r.Email.Send(ctx, m)
	}
	return fmt.Errorf("messaging: unknown channel %q", m.Channel)
}
