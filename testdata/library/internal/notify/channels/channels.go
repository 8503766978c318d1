// Package channels delivers rendered notifications by email and SMS.
package channels

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/smtp"
	"strings"
	"time"

	"citylib.org/ils/internal/platform/clock"
)

type Message struct {
	To      string
	Subject string
	Body    string
}

type Sender interface {
	Send(ctx context.Context, m Message) error
}

type Email struct {
	addr string
	from string
}

func NewEmail(addr, from string) *Email { return &Email{addr: addr, from: from} }

func (e *Email) Send(_ context.Context, m Message) error {
	if !strings.Contains(m.To, "@") {
		return fmt.Errorf("email: bad recipient %q", m.To)
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "From: City Library <%s>\r\n", e.from)
	fmt.Fprintf(&b, "To: %s\r\n", m.To)
	fmt.Fprintf(&b, "Subject: %s\r\n", m.Subject)
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n")
	b.WriteString(strings.ReplaceAll(m.Body, "\n", "\r\n"))
	return smtp.SendMail(e.addr, nil, e.from, []string{m.To}, b.Bytes())
}

// SMS posts to the city's shared SMS gateway. Messages are deferred during
// quiet hours (21:00–08:00 local) by returning ErrQuietHours.
type SMS struct {
	url    string
	apiKey string
	http   *http.Client
	clock  clock.Clock
}

var ErrQuietHours = fmt.Errorf("sms: quiet hours")

func NewSMS(url, apiKey string, c clock.Clock) *SMS {
	return &SMS{url: url, apiKey: apiKey, http: &http.Client{Timeout: 10 * time.Second}, clock: c}
}

func normalizePhone(p string) string {
	var b strings.Builder
	for _, r := range p {
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

func (s *SMS) Send(ctx context.Context, m Message) error {
	if h := s.clock.Now().Hour(); h >= 21 || h < 8 {
		return ErrQuietHours
	}
	if s.url == "" {
		return fmt.Errorf("sms: gateway not configured")
	}
	body, _ := json.Marshal(map[string]string{"to": normalizePhone(m.To), "text": m.Body})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Api-Key", s.apiKey)
	resp, err := s.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("sms: gateway returned %d", resp.StatusCode)
	}
	return nil
}
