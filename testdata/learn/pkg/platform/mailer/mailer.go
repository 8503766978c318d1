// Package mailer sends transactional email. Templates are plain text with
// text/template; marketing email lives in a SaaS tool, not here.
package mailer

import (
	"bytes"
	"context"
	"fmt"
	"net/smtp"
	"strings"
	"sync"
	"text/template"

	"quill.dev/academy/pkg/platform/log"
)

// Message is an outgoing email.
type Message struct {
	To       string
	Subject  string
	Template string
	Data     any
}

// Mailer sends messages.
type Mailer interface {
	Send(ctx context.Context, m Message) error
}

var (
	tmplMu    sync.RWMutex
	templates = template.New("mail")
)

// RegisterTemplate adds a named template; packages register theirs at init.
func RegisterTemplate(name, body string) {
	tmplMu.Lock()
	defer tmplMu.Unlock()
	template.Must(templates.New(name).Parse(body))
}

func render(name string, data any) (string, error) {
	tmplMu.RLock()
	defer tmplMu.RUnlock()
	var buf bytes.Buffer
	if err := templates.ExecuteTemplate(&buf, name, data); err != nil {
		return "", err
	}
	return buf.String(), nil
}

// SMTP sends mail via a relay.
type SMTP struct {
	Addr string
	From string
}

func (s *SMTP) Send(ctx context.Context, m Message) error {
	body, err := render(m.Template, m.Data)
	if err != nil {
		return fmt.Errorf("mailer: render %s: %w", m.Template, err)
	}
	var msg strings.Builder
	fmt.Fprintf(&msg, "From: %s\r\nTo: %s\r\nSubject: %s\r\n\r\n%s", s.From, m.To, m.Subject, body)
	if err := smtp.SendMail(s.Addr, nil, s.From, []string{m.To}, []byte(msg.String())); err != nil {
		return fmt.Errorf("mailer: send to %s: %w", m.To, err)
	}
	log.From(ctx).Info("mail sent", "template", m.Template, "to", m.To)
	return nil
}

// Log "sends" mail by logging it; used in dev.
type Log struct{}

func (Log) Send(ctx context.Context, m Message) error {
	body, err := render(m.Template, m.Data)
	if err != nil {
		return err
	}
	log.From(ctx).Info("mail (dev)", "to", m.To, "subject", m.Subject, "body", body)
	return nil
}

// New picks an implementation for the environment.
func New(env, addr, from string) Mailer {
	if env == "dev" || env == "test" {
		return Log{}
	}
	return &SMTP{Addr: addr, From: from}
}
