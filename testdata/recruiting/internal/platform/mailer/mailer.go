// Package mailer sends transactional email.
package mailer

import (
	"context"
	"fmt"
	"log/slog"
	"net/smtp"
	"strings"
)

// Message is a plain-text email.
type Message struct {
	To      []string
	Subject string
	Body    string
	ReplyTo string
	Tag     string // for provider analytics, e.g. "offer-letter"
}

type Mailer interface {
	Send(ctx context.Context, m Message) error
}

// New returns an SMTP mailer, or a logging mailer when host is empty.
func New(host string, port int, from string, logger *slog.Logger) Mailer {
	if host == "" {
		return &LogMailer{Logger: logger}
	}
	return &SMTPMailer{addr: fmt.Sprintf("%s:%d", host, port), from: from}
}

type SMTPMailer struct {
	addr string
	from string
}

func (s *SMTPMailer) Send(ctx context.Context, m Message) error {
	if len(m.To) == 0 {
		return fmt.Errorf("mailer: no recipients")
	}
	var b strings.Builder
	fmt.Fprintf(&b, "From: %s\r\n", s.from)
	fmt.Fprintf(&b, "To: %s\r\n", strings.Join(m.To, ", "))
	if m.ReplyTo != "" {
		fmt.Fprintf(&b, "Reply-To: %s\r\n", m.ReplyTo)
	}
	fmt.Fprintf(&b, "Subject: %s\r\n", m.Subject)
	if m.Tag != "" {
		fmt.Fprintf(&b, "X-Hirebase-Tag: %s\r\n", m.Tag)
	}
	b.WriteString("Content-Type: text/plain; charset=utf-8\r\n\r\n")
	b.WriteString(m.Body)
	return smtp.SendMail(s.addr, nil, s.from, m.To, []byte(b.String()))
}

// LogMailer logs instead of sending; used in development and tests.
type LogMailer struct{ Logger *slog.Logger }

func (l *LogMailer) Send(ctx context.Context, m Message) error {
	l.Logger.Info("mail (not sent)", "to", m.To, "subject", m.Subject, "tag", m.Tag)
	return nil
}
