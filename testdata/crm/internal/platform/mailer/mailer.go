// Package mailer sends transactional system email (invites, reminders,
// invoices). Customer email goes through connected mailboxes instead.
package mailer

import (
	"context"
	"fmt"
	"log/slog"
	"net/smtp"
	"strings"
)

// Message is a system email.
type Message struct {
	To      []string
	Subject string
	Text    string
	HTML    string
}

// Sender sends system email.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// SMTP sends through a relay.
type SMTP struct {
	Addr     string
	Username string
	Password string
	From     string
}

// Send implements Sender.
func (s *SMTP) Send(ctx context.Context, m Message) error {
	if len(m.To) == 0 {
		return fmt.Errorf("mailer: no recipients")
	}
	host, _, _ := strings.Cut(s.Addr, ":")
	var auth smtp.Auth
	if s.Username != "" {
		auth = smtp.PlainAuth("", s.Username, s.Password, host)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "From: %s\r\nTo: %s\r\nSubject: %s\r\nMIME-Version: 1.0\r\n", s.From, strings.Join(m.To, ", "), m.Subject)
	if m.HTML != "" {
		b.WriteString("Content-Type: text/html; charset=utf-8\r\n\r\n" + m.HTML)
	} else {
		b.WriteString("Content-Type: text/plain; charset=utf-8\r\n\r\n" + m.Text)
	}
	return smtp.SendMail(s.Addr, auth, envelope(s.From), m.To, []byte(b.String()))
}

func envelope(from string) string {
	if i := strings.Index(from, "<"); i >= 0 {
		return strings.TrimSuffix(from[i+1:], ">")
	}
	return from
}

// Log writes messages to the log instead of sending (development).
type Log struct{ L *slog.Logger }

// Send implements Sender.
func (l Log) Send(_ context.Context, m Message) error {
	l.L.Info("mail (not sent)", "to", m.To, "subject", m.Subject)
	return nil
}
