// Package mailer sends transactional email. Templates are owned by the
// callers; this package only renders and transports.
package mailer

import (
	"bytes"
	"context"
	"fmt"
	"net/smtp"
	"strings"
	"sync"
	"text/template"

	"github.com/staybright/platform/internal/pkg/log"
)

// Message is a plain-text email.
type Message struct {
	To      string
	Subject string
	Body    string
	Tags    []string
}

// Sender delivers messages.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// SMTP sends through a relay without auth (the relay is inside the VPC).
type SMTP struct {
	Addr string
	From string
}

// NewSMTP returns an SMTP sender.
func NewSMTP(addr, from string) *SMTP { return &SMTP{Addr: addr, From: from} }

// Send implements Sender.
func (s *SMTP) Send(_ context.Context, m Message) error {
	if m.To == "" {
		return fmt.Errorf("mailer: empty recipient")
	}
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "From: %s\r\nTo: %s\r\nSubject: %s\r\n", s.From, m.To, m.Subject)
	if len(m.Tags) > 0 {
		fmt.Fprintf(&buf, "X-Staybright-Tags: %s\r\n", strings.Join(m.Tags, ","))
	}
	buf.WriteString("Content-Type: text/plain; charset=utf-8\r\n\r\n")
	buf.WriteString(m.Body)
	return smtp.SendMail(s.Addr, nil, s.From, []string{m.To}, buf.Bytes())
}

// LogSender writes emails to the log; used in dev and by the CLI.
type LogSender struct {
	Logger *log.Logger
}

// Send implements Sender.
func (l *LogSender) Send(_ context.Context, m Message) error {
	l.Logger.Info("email (not sent)", "to", m.To, "subject", m.Subject, "tags", m.Tags)
	return nil
}

var (
	tmplMu    sync.Mutex
	tmplCache = map[string]*template.Template{}
)

// Render executes a text template, caching the parsed form by name.
func Render(name, text string, data any) (string, error) {
	tmplMu.Lock()
	t, ok := tmplCache[name]
	if !ok {
		var err error
		t, err = template.New(name).Option("missingkey=error").Parse(text)
		if err != nil {
			tmplMu.Unlock()
			return "", fmt.Errorf("mailer: parse %s: %w", name, err)
		}
		tmplCache[name] = t
	}
	tmplMu.Unlock()
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		return "", fmt.Errorf("mailer: render %s: %w", name, err)
	}
	return buf.String(), nil
}
