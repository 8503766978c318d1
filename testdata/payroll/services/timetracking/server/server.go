// Package server implements time.v1.TimeService.
package server

import (
	"context"
	"math"
	"sort"

	"github.com/ledgerly/people/pkg/auth"
	"github.com/ledgerly/people/pkg/dates"
	"github.com/ledgerly/people/pkg/db"
	"github.com/ledgerly/people/pkg/errs"
	"github.com/ledgerly/people/pkg/models"
	"github.com/ledgerly/people/proto/peoplepb"
	"github.com/ledgerly/people/proto/timepb"
	"github.com/ledgerly/people/services/timetracking/approval"
	"github.com/ledgerly/people/services/timetracking/store"
)

// OvertimeThreshold is the weekly hours after which overtime applies (FLSA).
const OvertimeThreshold = 40.0

// Server implements TimeServiceServer.
type Server struct {
	store    *store.Store
	workflow *approval.Workflow
	people   peoplepb.PeopleServiceClient
}

var _ timepb.TimeServiceServer = (*Server)(nil)

// New builds a Server.
func New(s *store.Store, wf *approval.Workflow, people peoplepb.PeopleServiceClient) *Server {
	return &Server{store: s, workflow: wf, people: people}
}

// LogTime implements TimeServiceServer.
func (s *Server) LogTime(ctx context.Context, in *timepb.LogTimeRequest) (*timepb.TimesheetResponse, error) {
	pr, ok := auth.FromContext(ctx)
	if !ok {
		return nil, errs.E(errs.Unauthenticated, "login required")
	}
	empID := in.EmployeeId
	if empID == "" {
		empID = pr.EmployeeID
	}
	if empID != pr.EmployeeID && !pr.Has(auth.RolePayroll) {
		return nil, errs.E(errs.PermissionDenied, "cannot log time for another employee")
	}
	if in.Entry == nil {
		return nil, errs.E(errs.InvalidArgument, "entry is required")
	}
	day, err := dates.Parse(in.Entry.Day)
	if err != nil {
		return nil, errs.E(errs.InvalidArgument, "entry.day: %v", err)
	}
	emp, err := s.people.GetEmployee(ctx, &peoplepb.GetEmployeeRequest{Id: empID})
	if err != nil {
		return nil, err
	}
	if emp.Employee.Status != string(models.StatusActive) {
		return nil, errs.E(errs.FailedPrecondition, "employee %s is %s", empID, emp.Employee.Status)
	}
	sheet, err := s.store.GetOrCreateSheet(ctx, pr.TenantID, empID, day)
	if err != nil {
		return nil, err
	}
	if sheet.Status != models.SheetOpen && sheet.Status != models.SheetRejected {
		return nil, errs.E(errs.FailedPrecondition, "timesheet for week of %s is %s", sheet.Week.Start, sheet.Status)
	}
	onLeave, err := s.store.LeaveDays(ctx, pr.TenantID, empID, sheet.Week)
	if err != nil {
		return nil, err
	}
	if onLeave[day.String()] {
		return nil, errs.E(errs.FailedPrecondition, "employee is on approved leave on %s", day)
	}
	entry := models.TimeEntry{
		ID: db.NewID("te"), TimesheetID: sheet.ID, EmployeeID: empID, Day: day,
		Hours: in.Entry.Hours, ProjectCode: in.Entry.ProjectCode, Note: in.Entry.Note,
	}
	if err := s.store.AddEntry(ctx, entry); err != nil {
		return nil, err
	}
	sheet.Entries = append(sheet.Entries, entry)
	return &timepb.TimesheetResponse{Timesheet: approval.ToProto(sheet)}, nil
}

// SubmitTimesheet implements TimeServiceServer.
func (s *Server) SubmitTimesheet(ctx context.Context, in *timepb.SubmitTimesheetRequest) (*timepb.TimesheetResponse, error) {
	tenant, err := auth.TenantID(ctx)
	if err != nil {
		return nil, err
	}
	t, err := s.workflow.Submit(ctx, tenant, in.TimesheetId)
	if err != nil {
		return nil, err
	}
	return &timepb.TimesheetResponse{Timesheet: approval.ToProto(t)}, nil
}

// ReviewTimesheet implements TimeServiceServer.
func (s *Server) ReviewTimesheet(ctx context.Context, in *timepb.ReviewTimesheetRequest) (*timepb.TimesheetResponse, error) {
	if err := auth.Require(ctx, auth.RoleManager, auth.RolePayroll); err != nil {
		return nil, err
	}
	tenant, _ := auth.TenantID(ctx)
	t, err := s.workflow.Review(ctx, tenant, in.TimesheetId, in.Approve, in.Comment)
	if err != nil {
		return nil, err
	}
	return &timepb.TimesheetResponse{Timesheet: approval.ToProto(t)}, nil
}

// GetApprovedHours implements TimeServiceServer. Overtime is computed per
// calendar week over the approved entries.
func (s *Server) GetApprovedHours(ctx context.Context, in *timepb.GetApprovedHoursRequest) (*timepb.GetApprovedHoursResponse, error) {
	if err := auth.Require(ctx, auth.RolePayroll); err != nil {
		return nil, err
	}
	tenant, _ := auth.TenantID(ctx)
	start, err1 := dates.Parse(in.PeriodStart)
	end, err2 := dates.Parse(in.PeriodEnd)
	if err1 != nil || err2 != nil {
		return nil, errs.E(errs.InvalidArgument, "period dates must be YYYY-MM-DD")
	}
	entries, err := s.store.ApprovedEntries(ctx, tenant, dates.Period{Start: start, End: end})
	if err != nil {
		return nil, err
	}
	want := map[string]bool{}
	for _, id := range in.EmployeeIds {
		want[id] = true
	}
	return &timepb.GetApprovedHoursResponse{Hours: Summarize(entries, want)}, nil
}

// Summarize splits hours into regular and overtime per employee.
func Summarize(entries []models.TimeEntry, only map[string]bool) []*timepb.EmployeeHours {
	type key struct{ emp, week string }
	weekly := map[key]float64{}
	for _, e := range entries {
		if len(only) > 0 && !only[e.EmployeeID] {
			continue
		}
		weekly[key{e.EmployeeID, store.WeekStart(e.Day).String()}] += e.Hours
	}
	totals := map[string]*timepb.EmployeeHours{}
	for k, h := range weekly {
		t, ok := totals[k.emp]
		if !ok {
			t = &timepb.EmployeeHours{EmployeeId: k.emp}
			totals[k.emp] = t
		}
		reg := math.Min(h, OvertimeThreshold)
		t.RegularHours += reg
		t.OvertimeHours += h - reg
	}
	out := make([]*timepb.EmployeeHours, 0, len(totals))
	for _, t := range totals {
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].EmployeeId < out[j].EmployeeId })
	return out
}
