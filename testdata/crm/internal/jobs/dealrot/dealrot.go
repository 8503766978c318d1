// Package dealrot flags deals that have had no activity for longer than
// their stage allows and creates a follow-up task for the owner.
package dealrot

import (
	"context"
	"fmt"

	"pipelinelabs.io/crm/internal/accounts"
	"pipelinelabs.io/crm/internal/activities/tasks"
	"pipelinelabs.io/crm/internal/core"
	"pipelinelabs.io/crm/internal/deals"
	"pipelinelabs.io/crm/internal/deals/stages"
	"pipelinelabs.io/crm/internal/platform/clock"
	"pipelinelabs.io/crm/internal/platform/tenancy"
)

// Job is the rotting-deal detector.
type Job struct {
	Tenants     *accounts.Repo
	Deals       *deals.Repo
	Stages      *stages.Store
	Tasks       *tasks.Service
	Clock       clock.Clock
	DefaultDays int
}

func (j *Job) Name() string { return "deals.rot" }

func (j *Job) Run(ctx context.Context) error {
	ids, err := j.Tenants.ActiveTenantIDs(ctx)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if err := j.runTenant(tenancy.ForSystem(ctx, id), id); err != nil {
			return fmt.Errorf("tenant %s: %w", id, err)
		}
	}
	return nil
}

func (j *Job) runTenant(ctx context.Context, tenantID core.ID) error {
	sts, err := j.Stages.AllStages(ctx, tenantID)
	if err != nil {
		return err
	}
	now := j.Clock.Now()
	for _, st := range sts {
		days := st.RotDays
		if days == 0 {
			days = j.DefaultDays
		}
		stale, err := j.Deals.Stale(ctx, tenantID, st.ID, now.AddDate(0, 0, -days))
		if err != nil {
			return err
		}
		for _, d := range stale {
			title := fmt.Sprintf("Follow up: %q has had no activity for %d days", d.Title, days)
			exists, err := j.Tasks.ExistsOpenFor(ctx, tenantID, d.ID, title)
			if err != nil || exists {
				continue
			}
			due := clock.AddBusinessDays(now, 1)
			if _, err := j.Tasks.Create(ctx, core.Task{AssigneeID: d.OwnerID, Title: title, DealID: d.ID, ContactID: d.ContactID, DueAt: &due}); err != nil {
				return err
			}
		}
	}
	return nil
}
