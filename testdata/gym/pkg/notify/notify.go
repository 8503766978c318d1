// Package notify sends emails and SMS through the configured gateway.
package notify

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/smtp"
	"strings"
	"text/template"
)

// Message is an outbound notification.
type Message struct {
	To       string
	Subject  string
	Template string
	Data     map[string]any
}

// Sender delivers messages.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

var templates = template.Must(template.New("root").Parse(`
{{define "welcome"}}Hi {{.FirstName}}, welcome to PulseFit {{.Club}}! Your membership starts {{.Start}}.{{end}}
{{define "payment_failed"}}Hi {{.FirstName}}, we could not collect {{.Amount}}. Please update your bank details.{{end}}
{{define "booking_confirmed"}}You're booked on {{.Class}} at {{.StartsAt}}.{{end}}
{{define "waitlist_promoted"}}Good news: a place opened on {{.Class}} at {{.StartsAt}}.{{end}}
{{define "campaign"}}{{.Body}}{{end}}
{{define "order_ready"}}Your order {{.OrderID}} is ready to collect at reception.{{end}}
`))

// Render renders a named template.
func Render(name string, data map[string]any) (string, error) {
	var buf bytes.Buffer
	if err := templates.ExecuteTemplate(&buf, name, data); err != nil {
		return "", fmt.Errorf("notify: render %s: %w", name, err)
	}
	return strings.TrimSpace(buf.String()), nil
}

// SMTPSender sends through a relay.
type SMTPSender struct {
	Host, From string
	Logger     *slog.Logger
	DryRun     bool
}

func (s *SMTPSender) Send(ctx context.Context, m Message) error {
	body, err := Render(m.Template, m.Data)
	if err != nil {
		return err
	}
	if s.DryRun {
		s.Logger.Info("notify dry-run", "to", m.To, "subject", m.Subject)
		return nil
	}
	msg := "From: " + s.From + "\r\nTo: " + m.To + "\r\nSubject: " + m.Subject + "\r\n\r\n" + body
	return smtp.SendMail(s.Host, nil, s.From, []string{m.To}, []byte(msg))
}
