// Package approval implements the timesheet submit/review workflow.
package approval

import (
	"context"

	"github.com/ledgerly/people/pkg/auth"
	"github.com/ledgerly/people/pkg/errs"
	"github.com/ledgerly/people/pkg/events"
	"github.com/ledgerly/people/pkg/log"
	"github.com/ledgerly/people/pkg/models"
	"github.com/ledgerly/people/proto/timepb"
	"github.com/ledgerly/people/services/people/orgchart"
	"github.com/ledgerly/people/services/timetracking/store"
)

// MaxHoursPerDay guards against typos like 80 instead of 8.0.
const MaxHoursPerDay = 16

// Workflow moves timesheets through submit and review.
type Workflow struct {
	store *store.Store
	org   *orgchart.Service
	bus   events.Publisher
}

// New builds a Workflow. The org chart is used to check that the reviewer
// manages the employee.
func New(s *store.Store, org *orgchart.Service, bus events.Publisher) *Workflow {
	return &Workflow{store: s, org: org, bus: bus}
}

// Submit locks a sheet for review.
func (w *Workflow) Submit(ctx context.Context, tenantID, sheetID string) (models.Timesheet, error) {
	t, err := w.store.GetSheet(ctx, tenantID, sheetID)
	if err != nil {
		return t, err
	}
	pr, _ := auth.FromContext(ctx)
	if pr.EmployeeID != t.EmployeeID && !pr.Has(auth.RolePayroll) {
		return t, errs.E(errs.PermissionDenied, "cannot submit another employee's timesheet")
	}
	if t.Status != models.SheetOpen && t.Status != models.SheetRejected {
		return t, errs.E(errs.FailedPrecondition, "timesheet is %s", t.Status)
	}
	if err := Validate(t); err != nil {
		return t, err
	}
	if err := w.store.SetStatus(ctx, tenantID, sheetID, models.SheetSubmitted, ""); err != nil {
		return t, err
	}
	t.Status = models.SheetSubmitted
	return t, nil
}

// Review approves or rejects a submitted sheet.
func (w *Workflow) Review(ctx context.Context, tenantID, sheetID string, approve bool, comment string) (models.Timesheet, error) {
	t, err := w.store.GetSheet(ctx, tenantID, sheetID)
	if err != nil {
		return t, err
	}
	if t.Status != models.SheetSubmitted {
		return t, errs.E(errs.FailedPrecondition, "timesheet is %s, not submitted", t.Status)
	}
	pr, _ := auth.FromContext(ctx)
	if !pr.Has(auth.RolePayroll) {
		chart, err := w.org.Load(ctx, tenantID)
		if err != nil {
			return t, err
		}
		if !chart.IsManagerOf(pr.EmployeeID, t.EmployeeID) {
			return t, errs.E(errs.PermissionDenied, "only the employee's manager can review")
		}
	}
	st := models.SheetRejected
	if approve {
		st = models.SheetApproved
	}
	if err := w.store.SetStatus(ctx, tenantID, sheetID, st, pr.UserID); err != nil {
		return t, err
	}
	t.Status, t.ApprovedBy = st, pr.UserID
	log.Info(ctx, "timesheet reviewed", "sheet", sheetID, "status", st, "comment", comment)
	if approve {
		_ = w.bus.Publish(ctx, events.TopicTimesheetApproved, &timepb.TimesheetApproved{
			Timesheet:  ToProto(t),
			ApprovedBy: pr.UserID,
		})
	}
	return t, nil
}

// Validate checks a sheet before submission.
func Validate(t models.Timesheet) error {
	perDay := map[string]float64{}
	for _, e := range t.Entries {
		if e.Hours <= 0 {
			return errs.E(errs.InvalidArgument, "entry %s has non-positive hours", e.ID)
		}
		if !t.Week.Contains(e.Day) {
			return errs.E(errs.InvalidArgument, "entry %s on %s is outside the week", e.ID, e.Day)
		}
		perDay[e.Day.String()] += e.Hours
		if perDay[e.Day.String()] > MaxHoursPerDay {
			return errs.E(errs.InvalidArgument, "more than %d hours on %s", MaxHoursPerDay, e.Day)
		}
	}
	if len(t.Entries) == 0 {
		return errs.E(errs.InvalidArgument, "timesheet has no entries")
	}
	return nil
}

// ToProto converts a timesheet to its wire form.
func ToProto(t models.Timesheet) *timepb.Timesheet {
	p := &timepb.Timesheet{
		Id: t.ID, EmployeeId: t.EmployeeID, WeekStart: t.Week.Start.String(),
		Status: string(t.Status), TotalHours: t.TotalHours(),
	}
	for _, e := range t.Entries {
		p.Entries = append(p.Entries, &timepb.TimeEntry{
			Id: e.ID, Day: e.Day.String(), Hours: e.Hours, ProjectCode: e.ProjectCode, Note: e.Note,
		})
	}
	return p
}
