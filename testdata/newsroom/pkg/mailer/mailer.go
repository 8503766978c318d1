// Package mailer sends transactional and bulk email.
package mailer

import (
	"context"
	"fmt"
	"log/slog"
	"net/smtp"
	"strings"
)

type Message struct {
	To       string
	Subject  string
	HTMLBody string
	TextBody string
	Headers  map[string]string
}

type Mailer interface {
	Send(ctx context.Context, m Message) error
}

type SMTP struct {
	Addr string
	From string
}

func (s SMTP) Send(ctx context.Context, m Message) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "From: %s\r\nTo: %s\r\nSubject: %s\r\n", s.From, m.To, m.Subject)
	for k, v := range m.Headers {
		fmt.Fprintf(&b, "%s: %s\r\n", k, v)
	}
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n")
	if m.HTMLBody != "" {
		b.WriteString(m.HTMLBody)
	} else {
		b.WriteString(m.TextBody)
	}
	return smtp.SendMail(s.Addr, nil, s.From, []string{m.To}, []byte(b.String()))
}

// Log is used in development: it only logs what would have been sent.
type Log struct{ L *slog.Logger }

func (l Log) Send(_ context.Context, m Message) error {
	l.L.Info("mail (not sent)", "to", m.To, "subject", m.Subject)
	return nil
}
