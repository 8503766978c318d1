// Package activities owns logged calls, meetings, notes and emails, and
// (in sub-packages) tasks and the contact timeline.
package activities

import (
	"context"
	"database/sql"
	"strings"

	"pipelinelabs.io/crm/internal/accounts/permissions"
	"pipelinelabs.io/crm/internal/core"
	"pipelinelabs.io/crm/internal/platform/clock"
	"pipelinelabs.io/crm/internal/platform/db"
	"pipelinelabs.io/crm/internal/platform/errs"
	"pipelinelabs.io/crm/internal/platform/events"
)

// Migrations owned by the activities context.
var Migrations = []db.Migration{
	{Name: "activities_001_activities", Up: `CREATE TABLE activities (
		id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, user_id TEXT NOT NULL, kind TEXT NOT NULL,
		subject TEXT NOT NULL, body TEXT, contact_id TEXT, deal_id TEXT, duration_min INT,
		occurred_at TIMESTAMPTZ NOT NULL, created_at TIMESTAMPTZ NOT NULL);
	CREATE INDEX activities_contact ON activities (tenant_id, contact_id, occurred_at DESC);
	CREATE INDEX activities_deal ON activities (tenant_id, deal_id, occurred_at DESC)`},
	{Name: "activities_002_tasks", Up: `CREATE TABLE tasks (
		id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, assignee_id TEXT NOT NULL, title TEXT NOT NULL,
		contact_id TEXT, deal_id TEXT, due_at TIMESTAMPTZ, completed_at TIMESTAMPTZ, reminded_at TIMESTAMPTZ,
		created_at TIMESTAMPTZ NOT NULL)`},
}

// ContactLookup and DealLookup validate references to other contexts.
type ContactLookup interface {
	Lookup(ctx context.Context, tenantID, id core.ID) (core.Contact, error)
}
type DealLookup interface {
	Lookup(ctx context.Context, tenantID, id core.ID) (core.Deal, error)
}

// Service logs and lists activities.
type Service struct {
	DB       *sql.DB
	Contacts ContactLookup
	Deals    DealLookup
	Events   events.Publisher
	Clock    clock.Clock
}

// Log records an activity against a contact and/or deal.
func (s *Service) Log(ctx context.Context, a core.Activity) (core.Activity, error) {
	p, err := permissions.Require(ctx, permissions.ActivitiesWrite)
	if err != nil {
		return a, err
	}
	switch a.Kind {
	case core.ActivityCall, core.ActivityMeeting, core.ActivityNote:
	default:
		return a, errs.Invalid("kind must be call, meeting or note")
	}
	if strings.TrimSpace(a.Subject) == "" || (a.ContactID == "" && a.DealID == "") {
		return a, errs.Invalid("subject and a contact or deal are required")
	}
	if a.DealID != "" {
		d, err := s.Deals.Lookup(ctx, p.TenantID, a.DealID)
		if err != nil {
			return a, err
		}
		if a.ContactID == "" {
			a.ContactID = d.ContactID
		}
	}
	if a.ContactID != "" {
		if _, err := s.Contacts.Lookup(ctx, p.TenantID, a.ContactID); err != nil {
			return a, err
		}
	}
	a.ID, a.TenantID, a.UserID, a.CreatedAt = core.NewID(core.PrefixActivity), p.TenantID, p.UserID, s.Clock.Now()
	if a.OccurredAt.IsZero() {
		a.OccurredAt = a.CreatedAt
	}
	_, err = s.DB.ExecContext(ctx, `INSERT INTO activities (id, tenant_id, user_id, kind, subject, body, contact_id, deal_id, duration_min, occurred_at, created_at)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`, a.ID, a.TenantID, a.UserID, a.Kind, a.Subject, db.NullString(a.Body),
		db.NullString(string(a.ContactID)), db.NullString(string(a.DealID)), a.DurationMin, a.OccurredAt, a.CreatedAt)
	if err != nil {
		return a, err
	}
	_ = s.Events.Publish(ctx, core.TopicActivityLogged, core.ActivityLogged{ActivityID: a.ID, Kind: a.Kind,
		ContactID: a.ContactID, DealID: a.DealID, OccurredAt: a.OccurredAt})
	return a, nil
}

// List returns activities of a contact or deal, newest first.
func (s *Service) List(ctx context.Context, tenantID, contactID, dealID core.ID, limit int) ([]core.Activity, error) {
	return db.All(ctx, s.DB, func(r db.Scanner) (a core.Activity, err error) {
		return a, r.Scan(&a.ID, &a.TenantID, &a.UserID, &a.Kind, &a.Subject, &a.Body, &a.ContactID, &a.DealID,
			&a.DurationMin, &a.OccurredAt, &a.CreatedAt)
	}, `SELECT id, tenant_id, user_id, kind, subject, COALESCE(body, ''), COALESCE(contact_id, ''),
		COALESCE(deal_id, ''), COALESCE(duration_min, 0), occurred_at, created_at FROM activities
		WHERE tenant_id = $1 AND ($2 = '' OR contact_id = $2) AND ($3 = '' OR deal_id = $3)
		ORDER BY occurred_at DESC LIMIT $4`, tenantID, contactID, dealID, limit)
}

// SubscribeTo moves activities and tasks of merged contacts.
func (s *Service) SubscribeTo(sub events.Subscriber) {
	sub.Subscribe(core.TopicContactMerged, func(ctx context.Context, e events.Event) error {
		m, err := events.Decode[core.ContactMerged](e)
		if err != nil {
			return err
		}
		for _, table := range []string{"activities", "tasks"} {
			if _, err := s.DB.ExecContext(ctx, `UPDATE `+table+` SET contact_id = $3 WHERE tenant_id = $1 AND contact_id = $2`,
				e.TenantID, m.LoserID, m.WinnerID); err != nil {
				return err
			}
		}
		return nil
	})
}
