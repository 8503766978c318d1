// Package timeline assembles the contact timeline (activities, tasks,
// emails) and keeps contacts.last_activity_at up to date.
package timeline

import (
	"context"
	"database/sql"
	"sort"
	"time"

	"pipelinelabs.io/crm/internal/activities"
	"pipelinelabs.io/crm/internal/activities/tasks"
	"pipelinelabs.io/crm/internal/core"
	"pipelinelabs.io/crm/internal/platform/events"
)

// EmailHistory is implemented by email sync.
type EmailHistory interface {
	History(ctx context.Context, tenantID, contactID core.ID, limit int) ([]core.EmailMessage, error)
}

// Entry is one item on the timeline.
type Entry struct {
	Kind string    `json:"kind"` // activity, task, email
	At   time.Time `json:"at"`
	Item any       `json:"item"`
}

// Builder builds timelines.
type Builder struct {
	DB         *sql.DB
	Activities *activities.Service
	Tasks      *tasks.Service
	Emails     EmailHistory
}

// ForContact returns the merged timeline of a contact, newest first.
func (b *Builder) ForContact(ctx context.Context, tenantID, contactID core.ID, limit int) ([]Entry, error) {
	acts, err := b.Activities.List(ctx, tenantID, contactID, "", limit)
	if err != nil {
		return nil, err
	}
	ts, err := b.Tasks.ForContact(ctx, tenantID, contactID)
	if err != nil {
		return nil, err
	}
	mails, err := b.Emails.History(ctx, tenantID, contactID, limit)
	if err != nil {
		return nil, err
	}
	var out []Entry
	for _, a := range acts {
		if a.Kind == core.ActivityEmail {
			continue // the email itself is shown instead
		}
		out = append(out, Entry{Kind: "activity", At: a.OccurredAt, Item: a})
	}
	for _, t := range ts {
		at := t.CreatedAt
		if t.CompletedAt != nil {
			at = *t.CompletedAt
		}
		out = append(out, Entry{Kind: "task", At: at, Item: t})
	}
	for _, m := range mails {
		out = append(out, Entry{Kind: "email", At: m.SentAt, Item: m})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].At.After(out[j].At) })
	if len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// SubscribeTo keeps contacts.last_activity_at current. It writes the
// contacts table directly; contacts has no "touch" API.
func (b *Builder) SubscribeTo(sub events.Subscriber) {
	sub.Subscribe(core.TopicActivityLogged, func(ctx context.Context, e events.Event) error {
		a, err := events.Decode[core.ActivityLogged](e)
		if err != nil || a.ContactID == "" {
			return err
		}
		_, err = b.DB.ExecContext(ctx, `UPDATE contacts SET last_activity_at = GREATEST(COALESCE(last_activity_at, $3), $3)
			WHERE tenant_id = $1 AND id = $2`, e.TenantID, a.ContactID, a.OccurredAt)
		return err
	})
}
