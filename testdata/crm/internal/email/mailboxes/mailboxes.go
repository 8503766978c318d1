// Package mailboxes stores connected Gmail/Outlook mailboxes and the
// messages synced from or sent through them.
package mailboxes

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"pipelinelabs.io/crm/internal/billing/plans"
	"pipelinelabs.io/crm/internal/core"
	"pipelinelabs.io/crm/internal/platform/db"
	"pipelinelabs.io/crm/internal/platform/errs"
	"pipelinelabs.io/crm/internal/platform/tenancy"
)

// Migrations for mailboxes and messages.
var Migrations = []db.Migration{
	{Name: "email_001_mailboxes", Up: `CREATE TABLE mailboxes (
		id TEXT PRIMARY KEY,
		tenant_id TEXT NOT NULL,
		user_id TEXT NOT NULL,
		provider TEXT NOT NULL,
		address TEXT NOT NULL,
		access_token TEXT NOT NULL,
		refresh_token TEXT NOT NULL,
		token_expiry TIMESTAMPTZ NOT NULL,
		sync_cursor TEXT NOT NULL DEFAULT '',
		last_synced_at TIMESTAMPTZ,
		status TEXT NOT NULL DEFAULT 'active',
		is_primary BOOLEAN NOT NULL DEFAULT false,
		UNIQUE (tenant_id, address)
	)`},
	{Name: "email_002_messages", Up: `CREATE TABLE email_messages (
		id TEXT PRIMARY KEY,
		tenant_id TEXT NOT NULL,
		mailbox_id TEXT NOT NULL REFERENCES mailboxes(id),
		provider_id TEXT NOT NULL,
		thread_id TEXT NOT NULL,
		from_addr TEXT NOT NULL,
		to_addrs TEXT[] NOT NULL,
		subject TEXT NOT NULL,
		snippet TEXT NOT NULL,
		direction TEXT NOT NULL,
		sent_at TIMESTAMPTZ NOT NULL,
		UNIQUE (mailbox_id, provider_id)
	)`},
}

// Mailbox is a connected user mailbox.
type Mailbox struct {
	ID           core.ID    `json:"id"`
	TenantID     core.ID    `json:"tenant_id"`
	UserID       core.ID    `json:"user_id"`
	Provider     string     `json:"provider"`
	Address      string     `json:"address"`
	AccessToken  string     `json:"-"`
	RefreshToken string     `json:"-"`
	TokenExpiry  time.Time  `json:"-"`
	SyncCursor   string     `json:"-"`
	LastSyncedAt *time.Time `json:"last_synced_at,omitempty"`
	Status       string     `json:"status"`
	Primary      bool       `json:"primary"`
}

// Store is the SQL store for mailboxes and messages.
type Store struct{ DB *sql.DB }

const cols = `id, tenant_id, user_id, provider, address, access_token, refresh_token, token_expiry, sync_cursor, last_synced_at, status, is_primary`

func scan(s interface{ Scan(...any) error }) (Mailbox, error) {
	var m Mailbox
	var last sql.NullTime
	err := s.Scan(&m.ID, &m.TenantID, &m.UserID, &m.Provider, &m.Address, &m.AccessToken, &m.RefreshToken, &m.TokenExpiry,
		&m.SyncCursor, &last, &m.Status, &m.Primary)
	m.LastSyncedAt = db.TimePtr(last)
	return m, err
}

func (s *Store) list(ctx context.Context, q string, args ...any) ([]Mailbox, error) {
	return db.All(ctx, s.DB, scan, q, args...)
}

// Connect stores a newly authorised mailbox, enforcing the plan limit.
func (s *Store) Connect(ctx context.Context, m Mailbox) (Mailbox, error) {
	p, err := tenancy.Require(ctx)
	if err != nil {
		return m, err
	}
	existing, err := s.ForUser(ctx, p.TenantID, p.UserID)
	if err != nil {
		return m, err
	}
	if limit := plans.MustGet(p.Plan).MaxMailboxes; len(existing) >= limit {
		return m, errs.Limit("your plan allows connecting more mailboxes only on a higher tier")
	}
	m.ID, m.TenantID, m.UserID = core.NewID(core.PrefixMailbox), p.TenantID, p.UserID
	m.Address, m.Status, m.Primary = strings.ToLower(m.Address), "active", len(existing) == 0
	_, err = s.DB.ExecContext(ctx, `INSERT INTO mailboxes (id, tenant_id, user_id, provider, address, access_token, refresh_token, token_expiry, is_primary)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`, m.ID, m.TenantID, m.UserID, m.Provider, m.Address, m.AccessToken, m.RefreshToken, m.TokenExpiry, m.Primary)
	if db.IsUniqueViolation(err) {
		return m, errs.Conflict("mailbox already connected")
	}
	return m, err
}

// Get loads a mailbox.
func (s *Store) Get(ctx context.Context, tenantID, id core.ID) (Mailbox, error) {
	m, err := scan(s.DB.QueryRowContext(ctx, `SELECT `+cols+` FROM mailboxes WHERE tenant_id = $1 AND id = $2`, tenantID, id))
	return m, db.NoRows(err, "mailbox")
}

// ForUser lists a user's mailboxes.
func (s *Store) ForUser(ctx context.Context, tenantID, userID core.ID) ([]Mailbox, error) {
	return s.list(ctx, `SELECT `+cols+` FROM mailboxes WHERE tenant_id = $1 AND user_id = $2 ORDER BY is_primary DESC, address`, tenantID, userID)
}

// Primary returns the user's primary active mailbox.
func (s *Store) Primary(ctx context.Context, tenantID, userID core.ID) (Mailbox, error) {
	m, err := scan(s.DB.QueryRowContext(ctx, `SELECT `+cols+` FROM mailboxes WHERE tenant_id = $1 AND user_id = $2 AND status = 'active'
		ORDER BY is_primary DESC LIMIT 1`, tenantID, userID))
	return m, db.NoRows(err, "connected mailbox")
}

// DueForSync lists active mailboxes not synced since cutoff.
func (s *Store) DueForSync(ctx context.Context, cutoff time.Time, limit int) ([]Mailbox, error) {
	return s.list(ctx, `SELECT `+cols+` FROM mailboxes WHERE status = 'active' AND (last_synced_at IS NULL OR last_synced_at < $1)
		ORDER BY last_synced_at NULLS FIRST LIMIT $2`, cutoff, limit)
}

// SaveSync records a successful sync.
func (s *Store) SaveSync(ctx context.Context, id core.ID, cursor string, at time.Time) error {
	_, err := s.DB.ExecContext(ctx, `UPDATE mailboxes SET sync_cursor = $2, last_synced_at = $3 WHERE id = $1`, id, cursor, at)
	return err
}

// SaveTokens stores refreshed OAuth tokens.
func (s *Store) SaveTokens(ctx context.Context, id core.ID, access string, expiry time.Time) error {
	_, err := s.DB.ExecContext(ctx, `UPDATE mailboxes SET access_token = $2, token_expiry = $3 WHERE id = $1`, id, access, expiry)
	return err
}

// MarkBroken flags a mailbox whose authorisation was revoked.
func (s *Store) MarkBroken(ctx context.Context, id core.ID) error {
	_, err := s.DB.ExecContext(ctx, `UPDATE mailboxes SET status = 'reauth_required' WHERE id = $1`, id)
	return err
}

// RecordMessage stores a message once; it reports whether it was new.
func (s *Store) RecordMessage(ctx context.Context, m core.EmailMessage) (bool, error) {
	res, err := s.DB.ExecContext(ctx, `INSERT INTO email_messages (id, tenant_id, mailbox_id, provider_id, thread_id, from_addr, to_addrs,
		subject, snippet, direction, sent_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) ON CONFLICT (mailbox_id, provider_id) DO NOTHING`,
		m.ID, m.TenantID, m.MailboxID, m.ProviderID, m.ThreadID, m.From, "{"+strings.Join(m.To, ",")+"}", m.Subject, m.Snippet, m.Direction, m.SentAt)
	if err != nil {
		return false, err
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}
