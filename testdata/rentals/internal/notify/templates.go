package notify

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"text/template"
)

// builtin templates are used when no override row exists in notification_templates.
var builtin = map[string]struct{ Subject, Body string }{
	"rent.reminder":         {"Rent due {{.due_on}}", "Hi {{.name}}, your rent of {{.amount}} for {{.unit}} is due on {{.due_on}}."},
	"rent.late_fee":         {"Late fee assessed", "A late fee of {{.amount}} was added to your ledger for {{.unit}}."},
	"payment.received":      {"Payment received", "We received your payment of {{.amount}}. Thank you!"},
	"payment.returned":      {"Payment returned", "Your payment of {{.amount}} was returned ({{.reason}}). Please pay by another method."},
	"application.received":  {"Application received", "Thanks {{.name}}, we received your application for {{.unit}}."},
	"application.approved":  {"You're approved!", "Congratulations {{.name}}, your application for {{.unit}} was approved."},
	"application.denied":    {"Application decision", "Hi {{.name}}, we are unable to approve your application at this time. {{.reason}}"},
	"lease.sent":            {"Your lease is ready to sign", "Please review and sign your lease: {{.url}}"},
	"lease.renewal_offer":   {"Renewal offer", "We'd love for you to stay. New rent {{.amount}} for {{.term}} months. Respond by {{.respond_by}}."},
	"maintenance.received":  {"Request received", "We received your maintenance request #{{.id}}."},
	"maintenance.scheduled": {"Repair scheduled", "{{.vendor}} is scheduled for {{.when}}."},
	"workorder.assigned":    {"New work order", "Work order {{.id}} at {{.address}}: {{.scope}} (NTE {{.nte}})."},
	"owner.statement":       {"Your owner statement", "Your statement for {{.period}} is ready. Net: {{.amount}}."},
	"owner.disbursement":    {"Owner distribution sent", "We sent {{.amount}} to your account ending {{.last4}}."},
	"message.new":           {"New message", "{{.author}} wrote: {{.preview}}"},
	"inspection.scheduled":  {"Inspection scheduled", "A {{.kind}} inspection of {{.unit}} is scheduled for {{.when}}."},
}

type rendered struct{ Subject, Body string }

func (s *Service) render(ctx context.Context, name string, data map[string]string) (rendered, error) {
	subj, body := "", ""
	err := s.conn.QueryRowContext(ctx,
		`SELECT subject, body FROM notification_templates WHERE name = $1 AND active`, name).Scan(&subj, &body)
	if errors.Is(err, sql.ErrNoRows) {
		b, ok := builtin[name]
		if !ok {
			return rendered{}, errors.New("notify: unknown template " + name)
		}
		subj, body = b.Subject, b.Body
	} else if err != nil {
		return rendered{}, err
	}
	var out rendered
	for _, p := range []struct {
		src string
		dst *string
	}{{subj, &out.Subject}, {body, &out.Body}} {
		t, err := template.New(name).Option("missingkey=zero").Parse(p.src)
		if err != nil {
			return rendered{}, err
		}
		var buf bytes.Buffer
		if err := t.Execute(&buf, data); err != nil {
			return rendered{}, err
		}
		*p.dst = buf.String()
	}
	return out, nil
}
