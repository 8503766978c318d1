// Package timesheetreminder nudges employees who have not submitted their
// timesheet by Friday afternoon.
package timesheetreminder

import (
	"context"
	"time"

	"github.com/ledgerly/people/pkg/dates"
	"github.com/ledgerly/people/pkg/jobs"
	"github.com/ledgerly/people/pkg/log"
	"github.com/ledgerly/people/pkg/notify"
	"github.com/ledgerly/people/proto/peoplepb"
	"github.com/ledgerly/people/services/timetracking/store"
)

// Job sends the reminders.
type Job struct {
	Store  *store.Store
	People peoplepb.PeopleServiceClient
	Mail   notify.Sender
}

// Name implements jobs.TenantJob.
func (Job) Name() string { return "time.timesheet_reminder" }

// Schedule implements jobs.TenantJob.
func (Job) Schedule() jobs.Schedule { return jobs.DailyAt(15) }

// RunTenant implements jobs.TenantJob.
func (j Job) RunTenant(ctx context.Context, tenantID string) error {
	today := dates.Today()
	if today.Weekday() != time.Friday {
		return nil
	}
	week := store.WeekStart(today)
	ids, err := j.Store.OpenSheetsForWeek(ctx, tenantID, week)
	if err != nil || len(ids) == 0 {
		return err
	}
	resp, err := j.People.ListEmployees(ctx, &peoplepb.ListEmployeesRequest{Ids: ids, Status: "active", PageSize: int32(len(ids) + 1)})
	if err != nil {
		return err
	}
	sent := 0
	for _, e := range resp.Employees {
		if e.EmploymentType == "contractor" {
			continue // contractors invoice their time separately
		}
		if err := j.Mail.Send(ctx, notify.Message{To: e.Email, Subject: "Timesheet reminder", Template: "timesheet_reminder",
			Data: map[string]any{"Name": e.FirstName, "Week": week.String()}}); err == nil {
			sent++
		}
	}
	log.Info(ctx, "timesheet reminders sent", "count", sent)
	return nil
}
