// Package correspondence renders, archives and delivers customer documents
// (email for paperless customers, the print vendor for everyone else).
// Tables: documents, print_queue.
package correspondence

import (
	"context"
	"fmt"
	"net/smtp"
	"os"
	"path/filepath"
	"time"

	"harbormutual.com/core/correspondence/templates"
	"harbormutual.com/core/domain"
	"harbormutual.com/core/events"
	"harbormutual.com/core/platform/config"
	"harbormutual.com/core/platform/dates"
	"harbormutual.com/core/platform/db"
	"harbormutual.com/core/platform/errs"
	"harbormutual.com/core/platform/log"
)

// Document is an archived piece of correspondence.
type Document struct {
	ID         int64     `json:"id"`
	CustomerID int64     `json:"customer_id"`
	Template   string    `json:"template"`
	FormID     string    `json:"form_id"`
	Subject    string    `json:"subject"`
	Path       string    `json:"path"`
	Channel    string    `json:"channel"` // EMAIL, PRINT, BOTH
	CreatedAt  time.Time `json:"created_at"`
}

// Mailer sends email.
type Mailer interface {
	Send(to, subject, body string) error
}

// SMTPMailer uses the relay in cfg.SMTPHost.
type SMTPMailer struct {
	host, from string
}

func NewSMTPMailer(cfg *config.Config) *SMTPMailer {
	return &SMTPMailer{host: cfg.SMTPHost, from: cfg.MailFrom}
}

func (m *SMTPMailer) Send(to, subject, body string) error {
	msg := fmt.Sprintf("From: %s\r\nTo: %s\r\nSubject: %s\r\n\r\n%s", m.from, to, subject, body)
	return smtp.SendMail(m.host, nil, m.from, []string{to}, []byte(msg))
}

type Service struct {
	db     *db.DB
	mailer Mailer
	dir    string
	log    *log.Logger
}

func NewService(pool *db.DB, mailer Mailer, cfg *config.Config) *Service {
	return &Service{db: pool, mailer: mailer, dir: cfg.DocStoreDir, log: log.New("correspondence")}
}

type recipient struct {
	name      string
	email     string
	paperless bool
	address   domain.Address
}

// recipientFor reads the mailing details straight from the customer tables;
// going through party was a circular import back when party sent emails.
func (s *Service) recipientFor(ctx context.Context, customerID int64) (*recipient, error) {
	var r recipient
	err := db.Q(ctx, s.db).QueryRowContext(ctx, `SELECT c.first_name || ' ' || c.last_name, c.email, c.paperless,
		a.line1, COALESCE(a.line2, ''), a.city, a.state, a.zip
		FROM customers c JOIN customer_addresses a ON a.customer_id = c.id AND a.kind = 'MAILING'
		WHERE c.id = $1`, customerID).Scan(&r.name, &r.email, &r.paperless,
		&r.address.Line1, &r.address.Line2, &r.address.City, &r.address.State, &r.address.Zip)
	if db.IsNoRows(err) {
		return nil, errs.NotFoundf("correspondence.recipientFor", "customer %d", customerID)
	}
	return &r, errs.Wrap("correspondence.recipientFor", err)
}

// Send renders a template for a customer, archives it and delivers it.
func (s *Service) Send(ctx context.Context, tmpl string, customerID int64, data map[string]any) (*Document, error) {
	spec, ok := templates.Lookup(tmpl)
	if !ok {
		return nil, errs.Invalidf("correspondence.Send", "unknown template %s", tmpl)
	}
	rcpt, err := s.recipientFor(ctx, customerID)
	if err != nil {
		return nil, err
	}
	if data == nil {
		data = map[string]any{}
	}
	data["Name"] = rcpt.name
	subject, body, err := templates.Render(tmpl, data)
	if err != nil {
		return nil, errs.Wrap("correspondence.Send", err)
	}
	doc := &Document{CustomerID: customerID, Template: tmpl, FormID: spec.FormID, Subject: subject}
	doc.Path = filepath.Join(s.dir, time.Now().Format("2006/01/02"), fmt.Sprintf("%d-%s-%d.txt", customerID, tmpl, time.Now().UnixNano()))
	if err := os.MkdirAll(filepath.Dir(doc.Path), 0o750); err != nil {
		return nil, errs.Wrap("correspondence.Send", err)
	}
	if err := os.WriteFile(doc.Path, []byte(body), 0o640); err != nil {
		return nil, errs.Wrap("correspondence.Send", err)
	}
	switch {
	case rcpt.paperless && spec.Mandatory:
		doc.Channel = "BOTH"
	case rcpt.paperless:
		doc.Channel = "EMAIL"
	default:
		doc.Channel = "PRINT"
	}
	err = s.db.WithTx(ctx, func(ctx context.Context) error {
		q := db.Q(ctx, s.db)
		if err := q.QueryRowContext(ctx, `INSERT INTO documents (customer_id, template, form_id, subject, path, channel, created_at)
			VALUES ($1,$2,$3,$4,$5,$6,now()) RETURNING id, created_at`, doc.CustomerID, doc.Template, doc.FormID,
			doc.Subject, doc.Path, doc.Channel).Scan(&doc.ID, &doc.CreatedAt); err != nil {
			return err
		}
		if doc.Channel != "EMAIL" {
			_, err := q.ExecContext(ctx, `INSERT INTO print_queue (document_id, address_line1, address_line2, city, state, zip, queued_at)
				VALUES ($1,$2,$3,$4,$5,$6,now())`, doc.ID, rcpt.address.Line1, rcpt.address.Line2,
				rcpt.address.City, rcpt.address.State, rcpt.address.Zip)
			return err
		}
		return nil
	})
	if err != nil {
		return nil, errs.Wrap("correspondence.Send", err)
	}
	if doc.Channel != "PRINT" {
		if err := s.mailer.Send(rcpt.email, subject, body); err != nil {
			// the print fallback picks it up tomorrow
			s.log.Error("email failed", err, "document", doc.ID)
		}
	}
	return doc, nil
}

// NotifyNonRenewal implements renewal.Notifier.
func (s *Service) NotifyNonRenewal(ctx context.Context, p *domain.Policy, reasons []string) error {
	_, err := s.Send(ctx, templates.NonRenewalNotice, p.CustomerID, map[string]any{
		"PolicyNumber": p.Number, "Expiry": p.Expiry.Format(dates.Layout), "Reasons": reasons})
	return err
}

// Subscribe wires the event-driven letters.
func (s *Service) Subscribe(bus *events.Bus) {
	bus.SubscribeAsync(events.PolicyIssued, "correspondence.declarations", func(ctx context.Context, e events.Event) error {
		ev := e.(events.PolicyIssuedEvent)
		_, err := s.Send(ctx, templates.Declarations, ev.CustomerID, map[string]any{"PolicyNumber": ev.PolicyNumber,
			"LOB": ev.LOB, "Effective": ev.Effective.Format(dates.Layout), "Expiry": ev.Expiry.Format(dates.Layout),
			"Premium": ev.Premium})
		return err
	})
	bus.SubscribeAsync(events.PolicyRenewed, "correspondence.renewal", func(ctx context.Context, e events.Event) error {
		ev := e.(events.PolicyRenewedEvent)
		_, err := s.Send(ctx, templates.RenewalOffer, ev.CustomerID, map[string]any{"PolicyNumber": ev.PolicyNumber,
			"Effective": ev.Effective.Format(dates.Layout), "Premium": ev.Premium})
		return err
	})
	bus.SubscribeAsync(events.PolicyCancelled, "correspondence.cancellation", func(ctx context.Context, e events.Event) error {
		ev := e.(events.PolicyCancelledEvent)
		_, err := s.Send(ctx, templates.CancellationNotice, ev.CustomerID, map[string]any{
			"PolicyNumber": fmt.Sprintf("#%d", ev.PolicyID), "Effective": ev.Effective.Format(dates.Layout),
			"Reason": ev.Reason, "ReturnPremium": ev.ReturnPremium})
		return err
	})
	bus.SubscribeAsync(events.ClaimFiled, "correspondence.claim_ack", func(ctx context.Context, e events.Event) error {
		ev := e.(events.ClaimFiledEvent)
		_, err := s.Send(ctx, templates.ClaimAcknowledged, ev.CustomerID, map[string]any{
			"ClaimNumber": ev.ClaimNumber, "LossDate": ev.LossDate.Format(dates.Layout)})
		return err
	})
	bus.SubscribeAsync(events.PaymentFailed, "correspondence.payment_failed", func(ctx context.Context, e events.Event) error {
		ev := e.(events.PaymentFailedEvent)
		_, err := s.Send(ctx, templates.PaymentFailed, ev.CustomerID, map[string]any{
			"PolicyNumber": fmt.Sprintf("#%d", ev.PolicyID), "Reason": ev.Reason})
		return err
	})
}
