// Package notify sends customer emails and SMS from named templates and keeps
// a log of what was sent (regulators ask for it).
package notify

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"net/smtp"
	"strings"
	"text/template"
	"time"
)

var templates = template.Must(template.New("root").Parse(`
{{define "welcome"}}Welcome to Gridline, {{.Name}}. Your account number is {{.Account}}.{{end}}
{{define "reminder"}}Your payment of {{.Amount}} for bill {{.Invoice}} is overdue. Please pay or call us to agree a plan.{{end}}
{{define "final_notice"}}Final notice: {{.Amount}} remains unpaid. If you are struggling, talk to us - we can help.{{end}}
{{define "dd_failed"}}Your Direct Debit of {{.Amount}} was not paid by your bank ({{.Reason}}).{{end}}
{{define "outage"}}We know about a power cut affecting {{.Area}}. Estimated restoration {{.ETA}}.{{end}}
{{define "plan_agreed"}}Your payment plan of {{.Count}} payments of {{.Instalment}} starts {{.Start}}.{{end}}
`))

type Sender struct {
	db       *sql.DB
	log      *slog.Logger
	smtpAddr string
	from     string
	dryRun   bool
}

func NewSender(db *sql.DB, log *slog.Logger, smtpAddr, from string, dryRun bool) *Sender {
	return &Sender{db: db, log: log, smtpAddr: smtpAddr, from: from, dryRun: dryRun}
}

func render(name string, data any) (string, error) {
	var buf bytes.Buffer
	if err := templates.ExecuteTemplate(&buf, name, data); err != nil {
		return "", fmt.Errorf("notify: template %s: %w", name, err)
	}
	return strings.TrimSpace(buf.String()), nil
}

func (s *Sender) Email(ctx context.Context, accountID, to, tmpl string, data any) error {
	body, err := render(tmpl, data)
	if err != nil {
		return err
	}
	if !s.dryRun {
		msg := "From: " + s.from + "\r\nTo: " + to + "\r\nSubject: Gridline Energy\r\n\r\n" + body
		if err := smtp.SendMail(s.smtpAddr, nil, s.from, []string{to}, []byte(msg)); err != nil {
			return s.record(ctx, accountID, "email", tmpl, to, "failed: "+err.Error())
		}
	}
	return s.record(ctx, accountID, "email", tmpl, to, "sent")
}

func (s *Sender) SMS(ctx context.Context, accountID, phone, tmpl string, data any) error {
	body, err := render(tmpl, data)
	if err != nil {
		return err
	}
	if len(body) > 459 { // three concatenated segments
		body = body[:459]
	}
	s.log.Debug("sms", "to", phone, "len", len(body))
	return s.record(ctx, accountID, "sms", tmpl, phone, "queued")
}

func (s *Sender) record(ctx context.Context, accountID, channel, tmpl, to, status string) error {
	_, err := s.db.ExecContext(ctx, `
		INSERT INTO notifications_log (account_id, channel, template, recipient, status, sent_at)
		VALUES ($1, $2, $3, $4, $5, $6)`, accountID, channel, tmpl, to, status, time.Now().UTC())
	return err
}
