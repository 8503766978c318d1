// Package messaging implements threaded conversations between staff, tenants and owners.
package messaging

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/keystoneprop/platform/internal/db"
	"github.com/keystoneprop/platform/internal/errs"
	"github.com/keystoneprop/platform/internal/ids"
	"github.com/keystoneprop/platform/internal/models"
	"github.com/keystoneprop/platform/internal/notify"
)

type Service struct {
	conn   *sql.DB
	notify *notify.Service
}

func NewService(conn *sql.DB, n *notify.Service) *Service { return &Service{conn: conn, notify: n} }

func (s *Service) OpenThread(ctx context.Context, t models.Thread, firstBody string) (models.Thread, error) {
	t.Subject = strings.TrimSpace(t.Subject)
	if t.Subject == "" || strings.TrimSpace(firstBody) == "" {
		return t, errs.E(errs.Invalid, "subject and body are required")
	}
	t.ID = ids.New(ids.Thread)
	t.LastMsgAt = time.Now().UTC()
	err := db.WithTx(ctx, s.conn, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO message_threads (id, subject, lease_id, unit_id, opened_by, last_msg_at, closed)
			VALUES ($1, $2, $3, $4, $5, $6, false)`, t.ID, t.Subject, db.NullString(t.LeaseID), db.NullString(t.UnitID), t.OpenedBy, t.LastMsgAt); err != nil {
			return err
		}
		return insertMessage(ctx, tx, models.Message{ID: ids.New(ids.Message), ThreadID: t.ID, AuthorID: t.OpenedBy, Body: firstBody, CreatedAt: t.LastMsgAt})
	})
	if err != nil {
		return t, err
	}
	s.fanOut(ctx, t.ID, t.OpenedBy, firstBody)
	return t, nil
}

func (s *Service) Post(ctx context.Context, m models.Message) (models.Message, error) {
	if strings.TrimSpace(m.Body) == "" {
		return m, errs.E(errs.Invalid, "empty message")
	}
	var closed bool
	if err := s.conn.QueryRowContext(ctx, `SELECT closed FROM message_threads WHERE id = $1`, m.ThreadID).Scan(&closed); err != nil {
		return m, db.Check(err, "thread")
	}
	if closed {
		return m, errs.E(errs.Conflict, "thread is closed")
	}
	m.ID = ids.New(ids.Message)
	m.CreatedAt = time.Now().UTC()
	err := db.WithTx(ctx, s.conn, func(tx *sql.Tx) error {
		if err := insertMessage(ctx, tx, m); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE message_threads SET last_msg_at = $2 WHERE id = $1`, m.ThreadID, m.CreatedAt)
		return err
	})
	if err != nil {
		return m, err
	}
	if !m.Internal {
		s.fanOut(ctx, m.ThreadID, m.AuthorID, m.Body)
	}
	return m, nil
}

func insertMessage(ctx context.Context, q db.Querier, m models.Message) error {
	_, err := q.ExecContext(ctx, `INSERT INTO messages (id, thread_id, author_id, body, internal, created_at)
		VALUES ($1, $2, $3, $4, $5, $6)`, m.ID, m.ThreadID, m.AuthorID, m.Body, m.Internal, m.CreatedAt)
	return err
}

func (s *Service) Messages(ctx context.Context, threadID string, includeInternal bool) ([]models.Message, error) {
	rows, err := s.conn.QueryContext(ctx, `SELECT id, thread_id, author_id, body, internal, created_at
		FROM messages WHERE thread_id = $1 AND (internal = false OR $2) ORDER BY created_at`, threadID, includeInternal)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Message
	for rows.Next() {
		var m models.Message
		if err := rows.Scan(&m.ID, &m.ThreadID, &m.AuthorID, &m.Body, &m.Internal, &m.CreatedAt); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// ThreadsForTenant lists threads attached to any lease the tenant is on.
func (s *Service) ThreadsForTenant(ctx context.Context, tenantID string) ([]models.Thread, error) {
	rows, err := s.conn.QueryContext(ctx, `SELECT t.id, t.subject, COALESCE(t.lease_id, ''), COALESCE(t.unit_id, ''), t.opened_by, t.last_msg_at, t.closed
		FROM message_threads t
		JOIN lease_tenants lt ON lt.lease_id = t.lease_id
		WHERE lt.tenant_id = $1
		ORDER BY t.last_msg_at DESC`, tenantID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Thread
	for rows.Next() {
		var t models.Thread
		if err := rows.Scan(&t.ID, &t.Subject, &t.LeaseID, &t.UnitID, &t.OpenedBy, &t.LastMsgAt, &t.Closed); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

func (s *Service) Close(ctx context.Context, threadID string) error {
	res, err := s.conn.ExecContext(ctx, `UPDATE message_threads SET closed = true WHERE id = $1`, threadID)
	return db.MustAffect(res, err, "thread")
}

// fanOut emails every participant except the author. Participants are the
// tenants on the thread's lease plus the property manager.
func (s *Service) fanOut(ctx context.Context, threadID, authorID, body string) {
	rows, err := s.conn.QueryContext(ctx, `
		SELECT tn.id, tn.email FROM message_threads t
		JOIN lease_tenants lt ON lt.lease_id = t.lease_id
		JOIN tenants tn ON tn.id = lt.tenant_id
		WHERE t.id = $1
		UNION
		SELECT u.id, u.email FROM message_threads t
		JOIN leases l ON l.id = t.lease_id
		JOIN properties p ON p.id = l.property_id
		JOIN users u ON u.id = p.manager_id
		WHERE t.id = $1`, threadID)
	if err != nil {
		return
	}
	defer rows.Close()
	preview := body
	if len(preview) > 140 {
		preview = preview[:140] + "…"
	}
	for rows.Next() {
		var id, email string
		if rows.Scan(&id, &email) != nil || id == authorID {
			continue
		}
		_ = s.notify.Email(ctx, email, "message.new", map[string]string{"author": authorID, "preview": preview})
	}
}
