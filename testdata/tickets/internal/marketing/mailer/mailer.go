// Package mailer renders and sends Gatehouse emails over SMTP. It began as
// the newsletter sender and is now also used for account and ticket mail.
package mailer

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"log/slog"
	"mime"
	"net/smtp"
	"strings"
	"time"

	"gatehouse.events/platform/internal/shared/model"
)

// Message is a rendered email.
type Message struct {
	To       string
	Subject  string
	HTML     string
	ListID   string // set for bulk mail so clients show "unsubscribe"
	UnsubURL string
}

// Mailer sends email.
type Mailer struct {
	addr string
	from string
	log  *slog.Logger
	send func(addr string, a smtp.Auth, from string, to []string, msg []byte) error
}

// New builds a mailer for the SMTP relay at addr.
func New(addr, from string, log *slog.Logger) *Mailer {
	return &Mailer{addr: addr, from: from, log: log, send: smtp.SendMail}
}

// Send delivers one message.
func (m *Mailer) Send(ctx context.Context, msg Message) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "From: Gatehouse <%s>\r\n", m.from)
	fmt.Fprintf(&b, "To: %s\r\n", msg.To)
	fmt.Fprintf(&b, "Subject: %s\r\n", mime.QEncoding.Encode("utf-8", msg.Subject))
	fmt.Fprintf(&b, "Date: %s\r\n", time.Now().UTC().Format(time.RFC1123Z))
	if msg.ListID != "" {
		fmt.Fprintf(&b, "List-Id: <%s.gatehouse.events>\r\n", msg.ListID)
		fmt.Fprintf(&b, "List-Unsubscribe: <%s>\r\n", msg.UnsubURL)
	}
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n")
	b.WriteString(msg.HTML)
	if err := m.send(m.addr, nil, m.from, []string{msg.To}, b.Bytes()); err != nil {
		return fmt.Errorf("mailer: send to %s: %w", maskEmail(msg.To), err)
	}
	m.log.Debug("mail sent", "to", maskEmail(msg.To), "subject", msg.Subject)
	return nil
}

func maskEmail(e string) string {
	at := strings.IndexByte(e, '@')
	if at <= 1 {
		return "***"
	}
	return e[:1] + "***" + e[at:]
}

var tmpl = template.Must(template.New("").Parse(`
{{define "verify"}}<p>Hi {{.Name}},</p><p>Confirm your email to finish setting up your Gatehouse account:</p><p><a href="{{.Link}}">Verify my email</a></p>{{end}}
{{define "tickets"}}<p>Hi {{.Fan.DisplayName}},</p><p>Your tickets for <b>{{.Event.Title}}</b> at {{.Event.VenueName}}, {{.Event.City}} ({{.Event.StartsAt.Format "Mon 2 Jan 2006 15:04"}}):</p>
<ul>{{range .Tickets}}<li>{{.SeatLbl}} – <code>{{.Barcode}}</code></li>{{end}}</ul><p>Doors open {{.Event.DoorsAt.Format "15:04"}}.</p>{{end}}
{{define "campaign"}}{{.Body}}<hr><p style="font-size:small"><a href="{{.Unsub}}">Unsubscribe</a></p>{{end}}
`))

func render(name string, data any) (string, error) {
	var b bytes.Buffer
	if err := tmpl.ExecuteTemplate(&b, name, data); err != nil {
		return "", err
	}
	return b.String(), nil
}

// SendVerification sends the account verification email.
func (m *Mailer) SendVerification(ctx context.Context, to, name, link string) error {
	html, err := render("verify", map[string]string{"Name": name, "Link": link})
	if err != nil {
		return err
	}
	return m.Send(ctx, Message{To: to, Subject: "Verify your Gatehouse account", HTML: html})
}

// SendTickets sends the e-tickets for an order or transfer.
func (m *Mailer) SendTickets(ctx context.Context, to model.FanProfile, ev model.EventSummary, tickets []model.TicketView) error {
	html, err := render("tickets", map[string]any{"Fan": to, "Event": ev, "Tickets": tickets})
	if err != nil {
		return err
	}
	return m.Send(ctx, Message{To: to.Email, Subject: "Your tickets for " + ev.Title, HTML: html})
}

// SendCampaign sends one newsletter issue to one subscriber.
func (m *Mailer) SendCampaign(ctx context.Context, to, subject string, body template.HTML, unsubURL, listID string) error {
	html, err := render("campaign", map[string]any{"Body": body, "Unsub": unsubURL})
	if err != nil {
		return err
	}
	return m.Send(ctx, Message{To: to, Subject: subject, HTML: html, ListID: listID, UnsubURL: unsubURL})
}
