// Package notify sends customer e-mail through a transactional outbox:
// producers insert rows, the worker flushes them.
package notify

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"net/smtp"
	"text/template"
	"time"

	"gitlab.com/roadrunner/fleet/lib/clock"
	"gitlab.com/roadrunner/fleet/lib/dbx"
	"gitlab.com/roadrunner/fleet/lib/errs"
	"gitlab.com/roadrunner/fleet/lib/ids"
	"gitlab.com/roadrunner/fleet/lib/xlog"
	"gitlab.com/roadrunner/fleet/services/customers/account"
)

// Message is one outbox row.
type Message struct {
	ID       string
	To       string
	Subject  string
	Body     string
	Attempts int
}

// Sender delivers a message.
type Sender func(ctx context.Context, m Message) error

// SMTP returns a sender for a relay that needs no auth (the postfix sidecar).
func SMTP(relay, from string) Sender {
	return func(_ context.Context, m Message) error {
		msg := fmt.Sprintf("From: %s\r\nTo: %s\r\nSubject: %s\r\n\r\n%s", from, m.To, m.Subject, m.Body)
		return smtp.SendMail(relay, nil, from, []string{m.To}, []byte(msg))
	}
}

// Template is a named subject+body pair for one contact role.
type Template struct {
	Name, Role string
	tpl        *template.Template
}

func tmpl(name, role, subj, body string) Template {
	return Template{Name: name, Role: role, tpl: template.Must(template.New(name).Parse(subj + "\n" + body))}
}

// Built-in templates. The first line is the subject.
var (
	ShipmentAccepted  = tmpl("shipment_accepted", "ops", "Shipment {{.Reference}} accepted", "Planned pick-up: {{.When}}.")
	ShipmentInTransit = tmpl("shipment_in_transit", "ops", "Shipment {{.Reference}} is on its way", "Track it: {{.Link}}")
	ShipmentDelivered = tmpl("shipment_delivered", "ops", "Shipment {{.Reference}} delivered", "Delivered at {{.When}}.")
	InvoiceIssued     = tmpl("invoice_issued", "billing", "Invoice {{.Number}}", "Amount due: {{.Total}}, due by {{.Due}}.")
)

// Outbox queues and flushes messages.
type Outbox struct {
	db       *sql.DB
	accounts *account.Service
	send     Sender
	clock    clock.Clock
}

// NewOutbox wires the outbox. send may be nil in processes that only enqueue.
func NewOutbox(db *sql.DB, accounts *account.Service, send Sender, clk clock.Clock) *Outbox {
	return &Outbox{db: db, accounts: accounts, send: send, clock: clk}
}

// Enqueue renders t with data for every contact of the template's role,
// falling back to the billing e-mail.
func (o *Outbox) Enqueue(ctx context.Context, customerID string, t Template, data any) error {
	const op = "notify.Enqueue"
	var buf bytes.Buffer
	if err := t.tpl.Execute(&buf, data); err != nil {
		return errs.Wrap(op, err)
	}
	subject, body, _ := bytes.Cut(buf.Bytes(), []byte("\n"))
	to, err := o.accounts.Contacts(ctx, customerID, t.Role)
	if err != nil {
		return errs.Wrap(op, err)
	}
	if len(to) == 0 {
		c, err := o.accounts.Get(ctx, customerID)
		if err != nil {
			return errs.Wrap(op, err)
		}
		to = []string{c.BillingEmail}
	}
	for _, addr := range to {
		if _, err := o.db.ExecContext(ctx, `INSERT INTO notifications (id, customer_id, recipient, template, subject,
			body, status, attempts, next_try) VALUES ($1, $2, $3, $4, $5, $6, 'pending', 0, $7)`,
			ids.New("ntf"), customerID, addr, t.Name, string(subject), string(body), o.clock.Now()); err != nil {
			return errs.Wrap(op, err)
		}
	}
	return nil
}

// Flush sends up to batch due messages. Failures are retried with
// exponential backoff and given up after 8 attempts.
func (o *Outbox) Flush(ctx context.Context, batch int) error {
	rows, err := o.db.QueryContext(ctx, `SELECT id, recipient, subject, body, attempts FROM notifications
		WHERE status = 'pending' AND next_try <= $1 ORDER BY next_try LIMIT $2`, o.clock.Now(), batch)
	if err != nil {
		return errs.Wrap("notify.Flush", err)
	}
	msgs, err := dbx.ScanAll(rows, func(r *sql.Rows) (Message, error) {
		var m Message
		return m, r.Scan(&m.ID, &m.To, &m.Subject, &m.Body, &m.Attempts)
	})
	if err != nil {
		return errs.Wrap("notify.Flush", err)
	}
	for _, m := range msgs {
		if err := o.send(ctx, m); err != nil {
			m.Attempts++
			status := "pending"
			if m.Attempts >= 8 {
				status = "failed"
			}
			xlog.From(ctx).Warn("notification failed", "id", m.ID, "attempt", m.Attempts, "err", err)
			_, _ = o.db.ExecContext(ctx, `UPDATE notifications SET attempts = $1, next_try = $2, status = $3
				WHERE id = $4`, m.Attempts, o.clock.Now().Add(time.Minute<<m.Attempts), status, m.ID)
			continue
		}
		_, _ = o.db.ExecContext(ctx, `UPDATE notifications SET status = 'sent', sent_at = $1 WHERE id = $2`, o.clock.Now(), m.ID)
	}
	return nil
}
