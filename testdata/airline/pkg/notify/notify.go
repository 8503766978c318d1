// Package notify queues and delivers customer and staff notifications
// (e-mail and SMS). Every context that talks to people goes through here.
package notify

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/smtp"
	"strings"
	"text/template"

	"skyhop.aero/backend/pkg/models"
	"skyhop.aero/backend/pkg/platform/config"
	"skyhop.aero/backend/pkg/platform/db"
)

var templates = template.Must(template.New("root").Parse(`
{{define "booking_confirmed"}}Your SkyHop booking {{.locator}} is confirmed. Total {{.total}}.{{end}}
{{define "ticket_issued"}}E-ticket {{.ticket}} issued for booking {{.locator}}.{{end}}
{{define "flight_cancelled"}}We are sorry: flight {{.flight}} on {{.date}} is cancelled. {{.next}}{{end}}
{{define "rebooked"}}Booking {{.locator}}: you have been moved to {{.flight}} departing {{.departure}}.{{end}}
{{define "flight_delayed"}}Flight {{.flight}} is delayed by {{.minutes}} minutes. New departure {{.departure}}.{{end}}
{{define "checkin_open"}}Check-in is open for {{.flight}}. Booking {{.locator}}.{{end}}
{{define "roster_published"}}Hi {{.name}}, your roster from {{.from}} has been published.{{end}}
{{define "crew_released"}}Hi {{.name}}, flight {{.flight}} was cancelled; you are released from duty.{{end}}
{{define "tier_changed"}}Congratulations {{.name}}, you are now SkyHop {{.tier}}.{{end}}
`))

type Service struct {
	DB  *sql.DB
	Cfg *config.Config
	Log *slog.Logger
}

func New(d *sql.DB, cfg *config.Config, log *slog.Logger) *Service {
	return &Service{DB: d, Cfg: cfg, Log: log}
}

// Queue stores a message for the delivery job. It joins the caller's
// transaction so that a rolled-back booking sends nothing.
func (s *Service) Queue(ctx context.Context, m models.Message) error {
	if m.To == "" {
		return nil // nothing to send to; not an error for the caller
	}
	if templates.Lookup(m.Template) == nil {
		return fmt.Errorf("notify: unknown template %q", m.Template)
	}
	data, _ := json.Marshal(m.Data)
	_, err := db.Q(ctx, s.DB).ExecContext(ctx, `
		INSERT INTO notifications (channel, recipient, template, data, status, created_at)
		VALUES ($1, $2, $3, $4, 'PENDING', now())`, m.Channel, m.To, m.Template, data)
	return err
}

// Deliver sends up to limit pending notifications.
func (s *Service) Deliver(ctx context.Context, limit int) (int, error) {
	rows, err := s.DB.QueryContext(ctx, `
		SELECT id, channel, recipient, template, data FROM notifications
		WHERE status = 'PENDING' AND attempts < 5 ORDER BY id LIMIT $1`, limit)
	if err != nil {
		return 0, err
	}
	type item struct {
		id  int64
		msg models.Message
	}
	var items []item
	for rows.Next() {
		var it item
		var raw []byte
		if err := rows.Scan(&it.id, &it.msg.Channel, &it.msg.To, &it.msg.Template, &raw); err != nil {
			rows.Close()
			return 0, err
		}
		_ = json.Unmarshal(raw, &it.msg.Data)
		items = append(items, it)
	}
	rows.Close()
	sent := 0
	for _, it := range items {
		if err := s.send(ctx, it.msg); err != nil {
			s.Log.Warn("notification failed", "id", it.id, "err", err)
			_, _ = s.DB.ExecContext(ctx, `UPDATE notifications SET attempts = attempts + 1 WHERE id = $1`, it.id)
			continue
		}
		_, _ = s.DB.ExecContext(ctx, `UPDATE notifications SET status = 'SENT', sent_at = now() WHERE id = $1`, it.id)
		sent++
	}
	return sent, nil
}

func (s *Service) send(ctx context.Context, m models.Message) error {
	var body bytes.Buffer
	if err := templates.ExecuteTemplate(&body, m.Template, m.Data); err != nil {
		return err
	}
	switch m.Channel {
	case "email":
		msg := "From: noreply@skyhop.aero\r\nTo: " + m.To + "\r\nSubject: SkyHop\r\n\r\n" + strings.TrimSpace(body.String())
		return smtp.SendMail(s.Cfg.SMTPRelay, nil, "noreply@skyhop.aero", []string{m.To}, []byte(msg))
	case "sms":
		if s.Cfg.SMSGatewayURL == "" {
			return fmt.Errorf("sms gateway not configured")
		}
		payload, _ := json.Marshal(map[string]string{"to": m.To, "text": strings.TrimSpace(body.String())})
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.Cfg.SMSGatewayURL, bytes.NewReader(payload))
		if err != nil {
			return err
		}
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode >= 300 {
			return fmt.Errorf("sms gateway: %s", resp.Status)
		}
		return nil
	}
	return fmt.Errorf("unknown channel %q", m.Channel)
}
