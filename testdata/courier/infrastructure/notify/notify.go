// Package notify delivers customer notifications over SMS and email.
package notify

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/smtp"
	"strings"
	"time"

	"parcelgo.com/platform/shared/errs"
)

type Message struct {
	Channel string
	To      string
	Subject string
	Body    string
}

// Sender sends one message.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// Router dispatches by channel.
type Router struct {
	SMS   Sender
	Email Sender
}

func (r *Router) Send(ctx context.Context, m Message) error {
	switch m.Channel {
	case "sms":
		return r.SMS.Send(ctx, m)
	case "email":
		return r.Email.Send(ctx, m)
	}
	return errs.Invalid("unknown channel %q", m.Channel)
}

// SMSGateway posts to the SMS provider's REST API.
type SMSGateway struct {
	URL, Key, From string
	Client         *http.Client
}

func (g *SMSGateway) Send(ctx context.Context, m Message) error {
	to := normalizePhone(m.To)
	if to == "" {
		return errs.Invalid("invalid phone %q", m.To)
	}
	body, _ := json.Marshal(map[string]string{"from": g.From, "to": to, "text": truncate(m.Body, 306)})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, g.URL, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+g.Key)
	req.Header.Set("Content-Type", "application/json")
	return do(g.Client, req)
}

// SMTP sends plain-text email.
type SMTP struct {
	Addr, From string
}

func (s *SMTP) Send(_ context.Context, m Message) error {
	msg := fmt.Sprintf("From: %s\r\nTo: %s\r\nSubject: %s\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n%s\r\n",
		s.From, m.To, m.Subject, m.Body)
	return smtp.SendMail(s.Addr, nil, s.From, []string{m.To}, []byte(msg))
}

func do(c *http.Client, req *http.Request) error {
	if c == nil {
		c = &http.Client{Timeout: 10 * time.Second}
	}
	resp, err := c.Do(req)
	if err != nil {
		return errs.Upstream("notify: %v", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return errs.Upstream("notify: %s returned %d", req.URL.Host, resp.StatusCode)
	}
	return nil
}

func normalizePhone(p string) string {
	var b strings.Builder
	for i, r := range p {
		if r >= '0' && r <= '9' || (r == '+' && i == 0) {
			b.WriteRune(r)
		}
	}
	s := b.String()
	if strings.HasPrefix(s, "00") {
		s = "+" + s[2:]
	}
	if len(s) < 8 {
		return ""
	}
	return s
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n-1] + "…"
}
