// Package leave manages time-off requests and balances. It was written before
// the RPC layer existed, so other services call it directly.
package leave

import (
	"context"
	"time"

	"github.com/ledgerly/people/pkg/auth"
	"github.com/ledgerly/people/pkg/dates"
	"github.com/ledgerly/people/pkg/db"
	"github.com/ledgerly/people/pkg/errs"
	"github.com/ledgerly/people/pkg/events"
	"github.com/ledgerly/people/pkg/log"
	"github.com/ledgerly/people/pkg/models"
	"github.com/ledgerly/people/pkg/notify"
	"github.com/ledgerly/people/proto/peoplepb"
	"github.com/ledgerly/people/services/leave/store"
)

// HoursPerDay is the standard working day used to convert days to hours.
const HoursPerDay = 8.0

// Service is the leave domain service.
type Service struct {
	store  *store.Store
	people peoplepb.PeopleServiceClient
	bus    events.Publisher
	mail   notify.Sender
}

// New builds a Service.
func New(s *store.Store, people peoplepb.PeopleServiceClient, bus events.Publisher, mail notify.Sender) *Service {
	return &Service{store: s, people: people, bus: bus, mail: mail}
}

// Request files a leave request for the calling employee.
func (s *Service) Request(ctx context.Context, t models.LeaveType, p dates.Period, reason string) (models.LeaveRequest, error) {
	pr, ok := auth.FromContext(ctx)
	if !ok || pr.EmployeeID == "" {
		return models.LeaveRequest{}, errs.E(errs.Unauthenticated, "employee login required")
	}
	if p.End.Before(p.Start.Time) {
		return models.LeaveRequest{}, errs.E(errs.InvalidArgument, "end before start")
	}
	hours := float64(p.BusinessDays()) * HoursPerDay
	if t != models.LeaveUnpaid {
		bals, err := s.store.Balances(ctx, pr.TenantID, pr.EmployeeID)
		if err != nil {
			return models.LeaveRequest{}, err
		}
		if avail := available(bals, t); avail < hours {
			return models.LeaveRequest{}, errs.E(errs.FailedPrecondition, "insufficient %s balance: %.1fh available, %.1fh requested", t, avail, hours)
		}
	}
	r := models.LeaveRequest{
		ID: db.NewID("lvr"), TenantID: pr.TenantID, EmployeeID: pr.EmployeeID,
		Type: t, Period: p, Hours: hours, Status: models.LeavePending, Reason: reason,
		CreatedAt: time.Now().UTC(),
	}
	if err := s.store.InsertRequest(ctx, r); err != nil {
		return models.LeaveRequest{}, err
	}
	return r, nil
}

// Decide approves or denies a request. Only a manager in the chain may decide.
func (s *Service) Decide(ctx context.Context, id string, approve bool) (models.LeaveRequest, error) {
	pr, ok := auth.FromContext(ctx)
	if !ok {
		return models.LeaveRequest{}, errs.E(errs.Unauthenticated, "not authenticated")
	}
	r, err := s.store.GetRequest(ctx, pr.TenantID, id)
	if err != nil {
		return r, err
	}
	if r.Status != models.LeavePending {
		return r, errs.E(errs.FailedPrecondition, "request already %s", r.Status)
	}
	if !pr.Has(auth.RoleAdmin) {
		chain, err := s.people.GetManagerChain(ctx, &peoplepb.GetManagerChainRequest{EmployeeId: r.EmployeeID})
		if err != nil {
			return r, err
		}
		allowed := false
		for _, m := range chain.Managers {
			allowed = allowed || m.Id == pr.EmployeeID
		}
		if !allowed {
			return r, errs.E(errs.PermissionDenied, "only the employee's managers can decide")
		}
	}
	r.Status, r.DecidedBy = models.LeaveDenied, pr.UserID
	if approve {
		r.Status = models.LeaveApproved
		if err := s.store.AddUsage(ctx, pr.TenantID, r.EmployeeID, r.Type, r.Hours); err != nil {
			return r, err
		}
	}
	if err := s.store.UpdateStatus(ctx, pr.TenantID, r.ID, r.Status, pr.UserID); err != nil {
		return r, err
	}
	if approve {
		_ = s.bus.Publish(ctx, events.TopicLeaveApproved, r)
	}
	s.notifyEmployee(ctx, r)
	return r, nil
}

// Balances returns an employee's balances.
func (s *Service) Balances(ctx context.Context, tenantID, employeeID string) ([]models.LeaveBalance, error) {
	return s.store.Balances(ctx, tenantID, employeeID)
}

// UnpaidHours returns approved unpaid leave hours per employee within p,
// used by payroll to reduce salaried pay.
func (s *Service) UnpaidHours(ctx context.Context, tenantID string, employeeIDs []string, p dates.Period) (map[string]float64, error) {
	reqs, err := s.store.RequestsOverlapping(ctx, tenantID, employeeIDs, p, models.LeaveApproved)
	if err != nil {
		return nil, err
	}
	out := map[string]float64{}
	for _, r := range reqs {
		if r.Type != models.LeaveUnpaid {
			continue
		}
		overlap := dates.Period{Start: maxDate(r.Period.Start, p.Start), End: minDate(r.Period.End, p.End)}
		if overlap.End.Before(overlap.Start.Time) {
			continue
		}
		out[r.EmployeeID] += float64(overlap.BusinessDays()) * HoursPerDay
	}
	return out, nil
}

// Subscribe wires the leave service to people events.
func (s *Service) Subscribe(bus *events.Bus) {
	bus.Subscribe(events.TopicEmployeeTerminated, "leave", func(ctx context.Context, e events.Event) error {
		var ev peoplepb.EmployeeTerminated
		if err := e.Decode(&ev); err != nil {
			return err
		}
		end, err := dates.Parse(ev.TerminationDate)
		if err != nil {
			return err
		}
		pending, err := s.store.RequestsOverlapping(ctx, e.TenantID, []string{ev.EmployeeId},
			dates.Period{Start: end, End: end.AddDays(3650)}, models.LeavePending)
		if err != nil {
			return err
		}
		for _, r := range pending {
			if err := s.store.UpdateStatus(ctx, e.TenantID, r.ID, models.LeaveCanceled, "system"); err != nil {
				return err
			}
		}
		log.Info(ctx, "canceled leave after termination", "employee", ev.EmployeeId, "count", len(pending))
		return nil
	})
}

func (s *Service) notifyEmployee(ctx context.Context, r models.LeaveRequest) {
	emp, err := s.people.GetEmployee(ctx, &peoplepb.GetEmployeeRequest{Id: r.EmployeeID})
	if err != nil || emp.Employee == nil {
		return
	}
	_ = s.mail.Send(ctx, notify.Message{
		To: emp.Employee.Email, Subject: "Your leave request", Template: "leave_decided",
		Data: map[string]any{"Name": emp.Employee.FirstName, "Type": r.Type, "Start": r.Period.Start, "End": r.Period.End, "Status": r.Status},
	})
}

func available(bals []models.LeaveBalance, t models.LeaveType) float64 {
	for _, b := range bals {
		if b.Type == t {
			return b.Available()
		}
	}
	return 0
}

func maxDate(a, b dates.Date) dates.Date {
	if a.After(b.Time) {
		return a
	}
	return b
}

func minDate(a, b dates.Date) dates.Date {
	if a.Before(b.Time) {
		return a
	}
	return b
}
