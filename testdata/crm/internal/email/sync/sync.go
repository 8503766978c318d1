// Package sync pulls messages from connected mailboxes, links them to
// contacts and logs them on the contact's timeline.
package sync

import (
	"context"
	"database/sql"
	"errors"
	"log/slog"
	"strings"
	"time"

	"pipelinelabs.io/crm/internal/core"
	"pipelinelabs.io/crm/internal/email/mailboxes"
	"pipelinelabs.io/crm/internal/platform/clock"
	"pipelinelabs.io/crm/internal/platform/db"
	"pipelinelabs.io/crm/internal/platform/events"
	"pipelinelabs.io/crm/internal/platform/tenancy"
)

// Migrations for message/contact links.
var Migrations = []db.Migration{
	{Name: "email_006_message_contacts", Up: `CREATE TABLE email_message_contacts (
		message_id TEXT NOT NULL,
		contact_id TEXT NOT NULL,
		tenant_id TEXT NOT NULL,
		PRIMARY KEY (message_id, contact_id)
	);
	CREATE INDEX email_message_contacts_contact ON email_message_contacts (tenant_id, contact_id)`},
}

// ContactMatcher finds contacts by email address (contacts context).
type ContactMatcher interface {
	FindByEmails(ctx context.Context, tenantID core.ID, emails []string) ([]core.Contact, error)
}

// Syncer synchronises mailboxes.
type Syncer struct {
	DB        *sql.DB
	Mailboxes *mailboxes.Store
	Providers mailboxes.Providers
	Contacts  ContactMatcher
	Events    events.Publisher
	Clock     clock.Clock
	Log       *slog.Logger
}

// Result summarises one mailbox sync.
type Result struct {
	Fetched int
	New     int
	Linked  int
}

// SyncDue syncs every mailbox not synced within interval.
func (s *Syncer) SyncDue(ctx context.Context, interval time.Duration, batch int) (int, error) {
	mbs, err := s.Mailboxes.DueForSync(ctx, s.Clock.Now().Add(-interval), batch)
	if err != nil {
		return 0, err
	}
	for _, mb := range mbs {
		tctx := tenancy.ForSystem(ctx, mb.TenantID)
		res, err := s.SyncMailbox(tctx, mb)
		switch {
		case errors.Is(err, mailboxes.ErrRevoked):
			s.Log.Info("mailbox needs reauth", "mailbox", mb.ID)
			_ = s.Mailboxes.MarkBroken(ctx, mb.ID)
		case err != nil:
			s.Log.Warn("mailbox sync failed", "mailbox", mb.ID, "err", err)
		default:
			s.Log.Debug("mailbox synced", "mailbox", mb.ID, "fetched", res.Fetched, "new", res.New, "linked", res.Linked)
		}
	}
	return len(mbs), nil
}

// SyncMailbox fetches and stores new messages of one mailbox.
func (s *Syncer) SyncMailbox(ctx context.Context, mb mailboxes.Mailbox) (Result, error) {
	var res Result
	prov, err := s.Providers.For(mb)
	if err != nil {
		return res, err
	}
	msgs, cursor, err := prov.Fetch(ctx, &mb)
	if err != nil {
		return res, err
	}
	res.Fetched = len(msgs)
	for _, pm := range msgs {
		m := core.EmailMessage{ID: core.NewID(core.PrefixMessage), TenantID: mb.TenantID, MailboxID: mb.ID, ProviderID: pm.ID,
			ThreadID: pm.ThreadID, From: pm.From, To: pm.To, Subject: pm.Subject, Snippet: pm.Snippet, SentAt: pm.Date,
			Direction: core.EmailInbound}
		if strings.EqualFold(pm.From, mb.Address) {
			m.Direction = core.EmailOutbound
		}
		isNew, err := s.Mailboxes.RecordMessage(ctx, m)
		if err != nil {
			return res, err
		}
		if !isNew {
			continue
		}
		res.New++
		n, err := s.link(ctx, mb, m)
		if err != nil {
			return res, err
		}
		res.Linked += n
	}
	return res, s.Mailboxes.SaveSync(ctx, mb.ID, cursor, s.Clock.Now())
}

func (s *Syncer) link(ctx context.Context, mb mailboxes.Mailbox, m core.EmailMessage) (int, error) {
	participants := append([]string{m.From}, m.To...)
	var external []string
	for _, p := range participants {
		if !strings.EqualFold(p, mb.Address) {
			external = append(external, p)
		}
	}
	matched, err := s.Contacts.FindByEmails(ctx, mb.TenantID, external)
	if err != nil {
		return 0, err
	}
	for _, c := range matched {
		if _, err := s.DB.ExecContext(ctx, `INSERT INTO email_message_contacts (message_id, contact_id, tenant_id) VALUES ($1,$2,$3)
			ON CONFLICT DO NOTHING`, m.ID, c.ID, mb.TenantID); err != nil {
			return 0, err
		}
		if err := s.logActivity(ctx, mb, m, c); err != nil {
			return 0, err
		}
		topic := core.TopicEmailReceived
		if m.Direction == core.EmailInbound && strings.HasPrefix(strings.ToLower(m.Subject), "re:") {
			topic = core.TopicEmailReplied
		}
		if m.Direction == core.EmailInbound {
			_ = s.Events.Publish(ctx, topic, core.EmailReplied{MessageID: m.ID, ContactID: c.ID, ThreadID: m.ThreadID})
		}
	}
	return len(matched), nil
}

// logActivity writes the email onto the contact timeline.
//
// The activities service validates deal/contact references through two
// extra lookups per row, which made initial syncs of large mailboxes
// take hours, so sync inserts into the activities table directly.
func (s *Syncer) logActivity(ctx context.Context, mb mailboxes.Mailbox, m core.EmailMessage, c core.Contact) error {
	_, err := s.DB.ExecContext(ctx, `INSERT INTO activities (id, tenant_id, user_id, kind, subject, body, contact_id, occurred_at, created_at)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
		core.NewID(core.PrefixActivity), mb.TenantID, mb.UserID, core.ActivityEmail, m.Subject, m.Snippet, c.ID, m.SentAt, s.Clock.Now())
	return err
}

// History returns the latest messages exchanged with a contact.
func (s *Syncer) History(ctx context.Context, tenantID, contactID core.ID, limit int) ([]core.EmailMessage, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT m.id, m.tenant_id, m.mailbox_id, m.provider_id, m.thread_id, m.from_addr,
		array_to_string(m.to_addrs, ','), m.subject, m.snippet, m.direction, m.sent_at
		FROM email_messages m JOIN email_message_contacts mc ON mc.message_id = m.id
		WHERE mc.tenant_id = $1 AND mc.contact_id = $2 ORDER BY m.sent_at DESC LIMIT $3`, tenantID, contactID, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []core.EmailMessage
	for rows.Next() {
		var m core.EmailMessage
		var to string
		if err := rows.Scan(&m.ID, &m.TenantID, &m.MailboxID, &m.ProviderID, &m.ThreadID, &m.From, &to, &m.Subject,
			&m.Snippet, &m.Direction, &m.SentAt); err != nil {
			return nil, err
		}
		m.To = strings.Split(to, ",")
		out = append(out, m)
	}
	return out, rows.Err()
}
