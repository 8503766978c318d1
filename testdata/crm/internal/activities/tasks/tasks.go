// Package tasks manages to-dos assigned to users.
package tasks

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"pipelinelabs.io/crm/internal/core"
	"pipelinelabs.io/crm/internal/platform/clock"
	"pipelinelabs.io/crm/internal/platform/db"
	"pipelinelabs.io/crm/internal/platform/errs"
	"pipelinelabs.io/crm/internal/platform/events"
	"pipelinelabs.io/crm/internal/platform/tenancy"
)

// Service manages tasks.
type Service struct {
	DB     *sql.DB
	Events events.Publisher
	Clock  clock.Clock
}

const cols = `id, tenant_id, assignee_id, title, COALESCE(contact_id, ''), COALESCE(deal_id, ''), due_at, completed_at, reminded_at, created_at`

func scanAll(rows *sql.Rows, err error) ([]core.Task, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []core.Task
	for rows.Next() {
		var t core.Task
		var due, done, rem sql.NullTime
		if err := rows.Scan(&t.ID, &t.TenantID, &t.AssigneeID, &t.Title, &t.ContactID, &t.DealID, &due, &done, &rem, &t.CreatedAt); err != nil {
			return nil, err
		}
		t.DueAt, t.CompletedAt, t.RemindedAt = db.TimePtr(due), db.TimePtr(done), db.TimePtr(rem)
		out = append(out, t)
	}
	return out, rows.Err()
}

// Create adds a task; the assignee defaults to the caller.
func (s *Service) Create(ctx context.Context, t core.Task) (core.Task, error) {
	p, err := tenancy.Require(ctx)
	if err != nil {
		return t, err
	}
	if strings.TrimSpace(t.Title) == "" {
		return t, errs.Invalid("title is required")
	}
	if t.AssigneeID == "" {
		t.AssigneeID = p.UserID
	}
	t.ID, t.TenantID, t.CreatedAt = core.NewID(core.PrefixTask), p.TenantID, s.Clock.Now()
	_, err = s.DB.ExecContext(ctx, `INSERT INTO tasks (id, tenant_id, assignee_id, title, contact_id, deal_id, due_at, created_at)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`, t.ID, t.TenantID, t.AssigneeID, t.Title, db.NullString(string(t.ContactID)),
		db.NullString(string(t.DealID)), db.NullTime(t.DueAt), t.CreatedAt)
	return t, err
}

// Complete marks a task done.
func (s *Service) Complete(ctx context.Context, id core.ID) error {
	p, err := tenancy.Require(ctx)
	if err != nil {
		return err
	}
	res, err := s.DB.ExecContext(ctx, `UPDATE tasks SET completed_at = $3 WHERE tenant_id = $1 AND id = $2 AND completed_at IS NULL`,
		p.TenantID, id, s.Clock.Now())
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.NotFound("open task")
	}
	return s.Events.Publish(ctx, core.TopicTaskCompleted, map[string]core.ID{"task_id": id})
}

// Open lists a user's open tasks by due date.
func (s *Service) Open(ctx context.Context, tenantID, userID core.ID) ([]core.Task, error) {
	return scanAll(s.DB.QueryContext(ctx, `SELECT `+cols+` FROM tasks WHERE tenant_id = $1 AND assignee_id = $2 AND completed_at IS NULL
		ORDER BY due_at NULLS LAST, created_at`, tenantID, userID))
}

// ForContact lists a contact's tasks.
func (s *Service) ForContact(ctx context.Context, tenantID, contactID core.ID) ([]core.Task, error) {
	return scanAll(s.DB.QueryContext(ctx, `SELECT `+cols+` FROM tasks WHERE tenant_id = $1 AND contact_id = $2 ORDER BY created_at DESC`, tenantID, contactID))
}

// DueForReminder lists open tasks due before `before` not yet reminded.
func (s *Service) DueForReminder(ctx context.Context, before time.Time, limit int) ([]core.Task, error) {
	return scanAll(s.DB.QueryContext(ctx, `SELECT `+cols+` FROM tasks WHERE completed_at IS NULL AND reminded_at IS NULL
		AND due_at <= $1 ORDER BY due_at LIMIT $2`, before, limit))
}

// MarkReminded records that a reminder was sent.
func (s *Service) MarkReminded(ctx context.Context, id core.ID) error {
	_, err := s.DB.ExecContext(ctx, `UPDATE tasks SET reminded_at = $2 WHERE id = $1`, id, s.Clock.Now())
	return err
}

// ExistsOpenFor reports whether a deal already has an open task with title.
func (s *Service) ExistsOpenFor(ctx context.Context, tenantID, dealID core.ID, title string) (bool, error) {
	var ok bool
	err := s.DB.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM tasks WHERE tenant_id = $1 AND deal_id = $2 AND title = $3
		AND completed_at IS NULL)`, tenantID, dealID, title).Scan(&ok)
	return ok, err
}
