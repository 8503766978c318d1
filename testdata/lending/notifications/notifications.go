// Package notifications sends customer emails and SMS, honouring opt-outs and
// TCPA quiet hours, through a persistent outbox.
package notifications

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"time"

	"lendwise.io/platform/internal/models"
	"lendwise.io/platform/internal/platform/errs"
	"lendwise.io/platform/internal/platform/ids"
	"lendwise.io/platform/notifications/store"
	"lendwise.io/platform/notifications/templates"
)

const (
	maxAttempts = 5
	quietStart  = 21 // no SMS from 21:00
	quietEnd    = 8  // until 08:00 local time
)

// Sender delivers a message over one channel.
type Sender interface {
	Send(ctx context.Context, to, subject, body string) error
}

type httpSender struct {
	url  string
	http *http.Client
}

// NewHTTPSender posts JSON to a provider endpoint.
func NewHTTPSender(url string) Sender {
	return &httpSender{url: url, http: &http.Client{Timeout: 10 * time.Second}}
}

func (h *httpSender) Send(ctx context.Context, to, subject, body string) error {
	payload, _ := json.Marshal(map[string]string{"to": to, "subject": subject, "body": body})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, h.url, bytes.NewReader(payload))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := h.http.Do(req)
	if err != nil {
		return errs.Upstream("send: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode >= 300 {
		return errs.Upstream("send: status %d", resp.StatusCode)
	}
	return nil
}

type Service struct {
	store   *store.Store
	senders map[string]Sender
	log     *slog.Logger
	now     func() time.Time
}

func NewService(s *store.Store, email, sms Sender, log *slog.Logger) *Service {
	return &Service{store: s, senders: map[string]Sender{"email": email, "sms": sms}, log: log, now: time.Now}
}

// Send renders a template for a borrower and queues it.
func (s *Service) Send(ctx context.Context, borrowerID, key string, data map[string]any) error {
	t, err := templates.Get(key)
	if err != nil {
		return errs.Invalid("%v", err)
	}
	c, err := s.store.ContactFor(ctx, borrowerID)
	if err != nil {
		return err
	}
	if t.Marketing && !c.Marketing {
		return nil
	}
	prefs, err := s.store.Preferences(ctx, borrowerID)
	if err != nil {
		return err
	}
	channel := t.Channel
	if channel == "sms" && prefs.SMSOptOut {
		channel = "email"
	}
	if channel == "email" && prefs.EmailOptOut {
		if t.Marketing || t.Channel == "sms" {
			return nil
		}
		// transactional email still goes out: required disclosures
	}
	if data == nil {
		data = map[string]any{}
	}
	data["FirstName"] = c.FirstName
	subject, body, err := t.Render(data)
	if err != nil {
		return err
	}
	to := c.Email
	if channel == "sms" {
		to = c.Phone
	}
	now := s.now().UTC()
	m := &models.Message{ID: ids.New("msg"), BorrowerID: borrowerID, Channel: channel, Template: key, To: to,
		Subject: subject, Body: body, SendAfter: now, CreatedAt: now}
	if channel == "sms" {
		m.SendAfter = NextAllowed(now, c.TimeZone)
	}
	return s.store.Enqueue(ctx, m)
}

// SendForLoan resolves the loan's borrower and sends.
func (s *Service) SendForLoan(ctx context.Context, loanID, key string, data map[string]any) error {
	bid, err := s.store.BorrowerForLoan(ctx, loanID)
	if err != nil {
		return err
	}
	if data == nil {
		data = map[string]any{}
	}
	data["LoanID"] = loanID
	return s.Send(ctx, bid, key, data)
}

// NextAllowed returns now, or the end of quiet hours in the borrower's time zone.
func NextAllowed(now time.Time, tz string) time.Time {
	loc, err := time.LoadLocation(tz)
	if err != nil {
		loc, _ = time.LoadLocation("America/Chicago")
		if loc == nil {
			loc = time.UTC
		}
	}
	local := now.In(loc)
	h := local.Hour()
	if h >= quietEnd && h < quietStart {
		return now
	}
	day := local
	if h >= quietStart {
		day = local.AddDate(0, 0, 1)
	}
	return time.Date(day.Year(), day.Month(), day.Day(), quietEnd, 0, 0, 0, loc).UTC()
}

// Dispatch sends due messages with exponential backoff on failure.
func (s *Service) Dispatch(ctx context.Context, limit int) (int, error) {
	msgs, err := s.store.Due(ctx, s.now().UTC(), limit)
	if err != nil {
		return 0, err
	}
	sent := 0
	for _, m := range msgs {
		sender := s.senders[m.Channel]
		if sender == nil {
			_ = s.store.Retry(ctx, m.ID, s.now(), true)
			continue
		}
		if err := sender.Send(ctx, m.To, m.Subject, m.Body); err != nil {
			backoff := time.Duration(1<<m.Attempts) * time.Minute
			s.log.Warn("message send failed", "id", m.ID, "attempt", m.Attempts+1, "err", err)
			if err := s.store.Retry(ctx, m.ID, s.now().Add(backoff), m.Attempts+1 >= maxAttempts); err != nil {
				return sent, err
			}
			continue
		}
		if err := s.store.MarkSent(ctx, m.ID, s.now().UTC()); err != nil {
			return sent, err
		}
		sent++
	}
	return sent, nil
}

// OptOut handles STOP replies and unsubscribe links.
func (s *Service) OptOut(ctx context.Context, borrowerID, channel string) error {
	if channel != "sms" && channel != "email" {
		return errs.Invalid("unknown channel %q", channel)
	}
	return s.store.OptOut(ctx, borrowerID, channel)
}
