// Package notify holds the delivery channels (SMS gateway, SMTP) used by the
// outbox dispatcher.
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
)

type Channel interface {
	Send(ctx context.Context, to, subject, body string) (providerID string, err error)
}

// PermanentError means retrying will not help (bad number, bounced address).
type PermanentError struct{ Reason string }

func (e *PermanentError) Error() string { return "permanent delivery failure: " + e.Reason }

type SMSGateway struct {
	URL    string
	Token  string
	Client *http.Client
}

func NewSMSGateway(url, token string) *SMSGateway {
	return &SMSGateway{URL: url, Token: token, Client: &http.Client{Timeout: 10 * time.Second}}
}

func (g *SMSGateway) Send(ctx context.Context, to, _ string, body string) (string, error) {
	num := normalizePhone(to)
	if len(num) != 12 {
		return "", &PermanentError{Reason: "invalid phone " + to}
	}
	payload, _ := json.Marshal(map[string]string{"to": num, "body": body})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, g.URL, bytes.NewReader(payload))
	if err != nil {
		return "", err
	}
	req.Header.Set("Authorization", "Bearer "+g.Token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := g.Client.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var out struct {
		ID    string `json:"id"`
		Error string `json:"error"`
	}
	_ = json.NewDecoder(resp.Body).Decode(&out)
	switch {
	case resp.StatusCode == http.StatusBadRequest:
		return "", &PermanentError{Reason: out.Error}
	case resp.StatusCode >= 300:
		return "", fmt.Errorf("sms gateway: status %d: %s", resp.StatusCode, out.Error)
	}
	return out.ID, nil
}

// normalizePhone turns US numbers into E.164.
func normalizePhone(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	d := b.String()
	if len(d) == 10 {
		d = "1" + d
	}
	return "+" + d
}

type Mailer struct {
	Addr string
	From string
}

func (m *Mailer) Send(_ context.Context, to, subject, body string) (string, error) {
	if !strings.Contains(to, "@") {
		return "", &PermanentError{Reason: "invalid email " + to}
	}
	id := fmt.Sprintf("<%d.sis@k12district.org>", time.Now().UnixNano())
	msg := "From: " + m.From + "\r\nTo: " + to + "\r\nSubject: " + subject +
		"\r\nMessage-ID: " + id + "\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body
	if err := smtp.SendMail(m.Addr, nil, m.From, []string{to}, []byte(msg)); err != nil {
		return "", err
	}
	return id, nil
}

// Router picks the channel by name.
type Router map[string]Channel

func (r Router) Send(ctx context.Context, channel, to, subject, body string) (string, error) {
	c, ok := r[channel]
	if !ok {
		return "", &PermanentError{Reason: "unknown channel " + channel}
	}
	return c.Send(ctx, to, subject, body)
}
