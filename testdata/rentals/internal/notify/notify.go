// Package notify sends templated email/SMS notifications to tenants, owners and vendors.
package notify

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/smtp"
	"strings"
	"time"

	"github.com/keystoneprop/platform/internal/ids"
	"github.com/keystoneprop/platform/internal/models"
)

type Sender interface {
	Send(ctx context.Context, to, subject, body string) error
}

type SMTPSender struct{ Host, From string }

func (s SMTPSender) Send(ctx context.Context, to, subject, body string) error {
	msg := fmt.Sprintf("From: %s\r\nTo: %s\r\nSubject: %s\r\n\r\n%s", s.From, to, subject, body)
	return smtp.SendMail(s.Host, nil, s.From, []string{to}, []byte(msg))
}

type LogSender struct{ Log *slog.Logger }

func (l LogSender) Send(ctx context.Context, to, subject, body string) error {
	l.Log.Info("sms", "to", to, "body", body)
	return nil
}

type Service struct {
	conn  *sql.DB
	email Sender
	sms   Sender
}

func NewService(conn *sql.DB, email, sms Sender) *Service {
	return &Service{conn: conn, email: email, sms: sms}
}

// Send records and delivers a notification. Delivery failures are recorded and
// retried by the Retry job; they are not returned to the caller.
func (s *Service) Send(ctx context.Context, to string, ch models.Channel, tmpl string, data map[string]string) error {
	n := models.Notification{ID: ids.New("ntf"), Recipient: to, Channel: ch, Template: tmpl, Data: data}
	raw, _ := json.Marshal(data)
	if _, err := s.conn.ExecContext(ctx, `INSERT INTO notifications (id, recipient, channel, template, data, created_at)
		VALUES ($1, $2, $3, $4, $5, now())`, n.ID, n.Recipient, n.Channel, n.Template, raw); err != nil {
		return err
	}
	s.deliver(ctx, n)
	return nil
}

// Email is the common case.
func (s *Service) Email(ctx context.Context, to, tmpl string, data map[string]string) error {
	if to == "" || !strings.Contains(to, "@") {
		return nil
	}
	return s.Send(ctx, to, models.ChannelEmail, tmpl, data)
}

// Tenant notifies a tenant on their preferred channels.
func (s *Service) Tenant(ctx context.Context, t models.Tenant, tmpl string, data map[string]string) error {
	if data == nil {
		data = map[string]string{}
	}
	if _, ok := data["name"]; !ok {
		data["name"] = t.FirstName
	}
	if err := s.Email(ctx, t.Email, tmpl, data); err != nil {
		return err
	}
	if t.SMSOptIn && t.Phone != "" {
		return s.Send(ctx, t.Phone, models.ChannelSMS, tmpl, data)
	}
	return nil
}

func (s *Service) deliver(ctx context.Context, n models.Notification) {
	r, err := s.render(ctx, n.Template, n.Data)
	if err == nil {
		switch n.Channel {
		case models.ChannelSMS:
			err = s.sms.Send(ctx, n.Recipient, "", r.Body)
		default:
			err = s.email.Send(ctx, n.Recipient, r.Subject, r.Body)
		}
	}
	if err != nil {
		_, _ = s.conn.ExecContext(ctx, `UPDATE notifications SET attempts = attempts + 1, error = $2 WHERE id = $1`, n.ID, err.Error())
		return
	}
	_, _ = s.conn.ExecContext(ctx, `UPDATE notifications SET sent_at = $2, attempts = attempts + 1, error = NULL WHERE id = $1`, n.ID, time.Now().UTC())
}

func (s *Service) Name() string { return "notify.retry" }

// Run retries undelivered notifications (jobs.Job).
func (s *Service) Run(ctx context.Context) error {
	rows, err := s.conn.QueryContext(ctx, `SELECT id, recipient, channel, template, data FROM notifications
		WHERE sent_at IS NULL AND attempts < 5 AND created_at > now() - interval '2 days'
		ORDER BY created_at LIMIT 200`)
	if err != nil {
		return err
	}
	var batch []models.Notification
	for rows.Next() {
		var n models.Notification
		var raw []byte
		if err := rows.Scan(&n.ID, &n.Recipient, &n.Channel, &n.Template, &raw); err != nil {
			rows.Close()
			return err
		}
		_ = json.Unmarshal(raw, &n.Data)
		batch = append(batch, n)
	}
	rows.Close()
	for _, n := range batch {
		s.deliver(ctx, n)
	}
	return nil
}
