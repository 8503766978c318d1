// Package notify sends transactional email.
package notify

import (
	"bytes"
	"context"
	"fmt"
	"net/smtp"
	"sync"
	"text/template"

	"github.com/ledgerly/people/pkg/log"
)

// Message is an outgoing email.
type Message struct {
	To       string
	Subject  string
	Template string
	Data     any
}

// Sender delivers messages.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

var templates = template.Must(template.New("root").Parse(`
{{define "timesheet_reminder"}}Hi {{.Name}}, your timesheet for the week of {{.Week}} is still open. Please submit it by Monday noon.{{end}}
{{define "payslip_ready"}}Hi {{.Name}}, your payslip for {{.PayDate}} is ready. Net pay: {{.Net}}.{{end}}
{{define "leave_decided"}}Hi {{.Name}}, your {{.Type}} request for {{.Start}} to {{.End}} was {{.Status}}.{{end}}
{{define "expense_decided"}}Hi {{.Name}}, your expense report "{{.Title}}" was {{.Status}}.{{end}}
{{define "invoice_issued"}}Your Ledgerly invoice {{.Number}} for {{.Total}} is available.{{end}}
{{define "filing_failed"}}Tax filing {{.Form}} for {{.Period}} was rejected: {{.Reason}}{{end}}
`))

// Render renders a message body.
func Render(m Message) (string, error) {
	var buf bytes.Buffer
	if err := templates.ExecuteTemplate(&buf, m.Template, m.Data); err != nil {
		return "", fmt.Errorf("notify: render %s: %w", m.Template, err)
	}
	return buf.String(), nil
}

// SMTPSender sends through an SMTP relay.
type SMTPSender struct {
	Addr string
	From string
}

// Send implements Sender.
func (s *SMTPSender) Send(ctx context.Context, m Message) error {
	body, err := Render(m)
	if err != nil {
		return err
	}
	msg := fmt.Sprintf("From: %s\r\nTo: %s\r\nSubject: %s\r\n\r\n%s\r\n", s.From, m.To, m.Subject, body)
	if err := smtp.SendMail(s.Addr, nil, s.From, []string{m.To}, []byte(msg)); err != nil {
		log.Error(ctx, "smtp send failed", err, "to", m.To, "template", m.Template)
		return err
	}
	return nil
}

// Recorder keeps messages in memory; used in development.
type Recorder struct {
	mu   sync.Mutex
	Sent []Message
}

// Send implements Sender.
func (r *Recorder) Send(ctx context.Context, m Message) error {
	if _, err := Render(m); err != nil {
		return err
	}
	r.mu.Lock()
	r.Sent = append(r.Sent, m)
	r.mu.Unlock()
	log.Info(ctx, "email recorded", "to", m.To, "template", m.Template)
	return nil
}
