// Package reminders emails users about tasks that are coming due.
package reminders

import (
	"context"
	"fmt"
	"time"

	"pipelinelabs.io/crm/internal/accounts"
	"pipelinelabs.io/crm/internal/activities/tasks"
	"pipelinelabs.io/crm/internal/core"
	"pipelinelabs.io/crm/internal/platform/clock"
	"pipelinelabs.io/crm/internal/platform/mailer"
)

// Job sends task reminders.
type Job struct {
	Tasks  *tasks.Service
	Users  *accounts.Repo
	Mail   mailer.Sender
	Clock  clock.Clock
	AppURL string
}

func (j *Job) Name() string { return "tasks.reminders" }

func (j *Job) Run(ctx context.Context) error {
	due, err := j.Tasks.DueForReminder(ctx, j.Clock.Now().Add(30*time.Minute), 500)
	if err != nil {
		return err
	}
	byTenant := map[core.ID][]core.ID{}
	for _, t := range due {
		byTenant[t.TenantID] = append(byTenant[t.TenantID], t.AssigneeID)
	}
	users := map[core.ID]core.User{}
	for tenantID, ids := range byTenant {
		us, err := j.Users.UsersByIDs(ctx, tenantID, ids)
		if err != nil {
			return err
		}
		for id, u := range us {
			users[id] = u
		}
	}
	for _, t := range due {
		u, ok := users[t.AssigneeID]
		if !ok || !u.Active() {
			_ = j.Tasks.MarkReminded(ctx, t.ID)
			continue
		}
		msg := mailer.Message{To: []string{u.Email}, Subject: "Reminder: " + t.Title,
			Text: fmt.Sprintf("Hi %s,\n\n%q is due %s.\n\n%s/tasks/%s", u.Name, t.Title, t.DueAt.Format("Mon Jan 2 15:04 MST"), j.AppURL, t.ID)}
		if err := j.Mail.Send(ctx, msg); err != nil {
			return err
		}
		if err := j.Tasks.MarkReminded(ctx, t.ID); err != nil {
			return err
		}
	}
	return nil
}
