// Package lifecycle implements hiring, termination and compensation changes
// and publishes the corresponding domain events.
package lifecycle

import (
	"context"
	"database/sql"
	"net/mail"
	"strings"
	"time"

	"github.com/ledgerly/people/pkg/db"
	"github.com/ledgerly/people/pkg/errs"
	"github.com/ledgerly/people/pkg/events"
	"github.com/ledgerly/people/pkg/log"
	"github.com/ledgerly/people/pkg/models"
	"github.com/ledgerly/people/proto/peoplepb"
	"github.com/ledgerly/people/services/people/store"
)

// Service performs employee lifecycle transitions.
type Service struct {
	store *store.Store
	bus   events.Publisher
	now   func() time.Time
}

// New builds a Service.
func New(s *store.Store, bus events.Publisher) *Service {
	return &Service{store: s, bus: bus, now: time.Now}
}

// HireInput is what is needed to hire someone.
type HireInput struct {
	Employee     models.Employee
	Compensation models.Compensation
}

// Hire validates and creates an employee with initial compensation.
func (s *Service) Hire(ctx context.Context, tenantID string, in HireInput) (models.Employee, error) {
	e := in.Employee
	if err := validate(e); err != nil {
		return models.Employee{}, err
	}
	if in.Compensation.Basis == models.Salaried && in.Compensation.AnnualSalary.Cents <= 0 {
		return models.Employee{}, errs.E(errs.InvalidArgument, "salaried employees need an annual salary")
	}
	if in.Compensation.Basis == models.Hourly && in.Compensation.HourlyRate.Cents <= 0 {
		return models.Employee{}, errs.E(errs.InvalidArgument, "hourly employees need an hourly rate")
	}
	e.ID = db.NewID("emp")
	e.TenantID = tenantID
	e.Email = strings.ToLower(strings.TrimSpace(e.Email))
	e.Status = models.StatusActive
	if e.HireDate.After(s.now()) {
		e.Status = models.StatusPending
	}
	comp := in.Compensation
	comp.EmployeeID = e.ID
	if comp.EffectiveFrom.IsZero() {
		comp.EffectiveFrom = e.HireDate
	}
	err := s.store.WithTx(ctx, func(tx *sql.Tx) error {
		num, err := s.store.NextEmployeeNumber(ctx, tx, tenantID)
		if err != nil {
			return err
		}
		e.EmployeeNumber = num
		if err := s.store.InsertEmployee(ctx, tx, e); err != nil {
			return err
		}
		return s.store.InsertCompensation(ctx, tx, tenantID, comp)
	})
	if err != nil {
		return models.Employee{}, err
	}
	log.Info(ctx, "employee hired", "employee", e.ID, "number", e.EmployeeNumber)
	if err := s.bus.Publish(ctx, events.TopicEmployeeHired, &peoplepb.EmployeeHired{
		Employee:     EmployeeToProto(e),
		Compensation: CompensationToProto(comp),
	}); err != nil {
		log.Error(ctx, "publish hired", err)
	}
	return e, nil
}

// Terminate ends employment and hands direct reports to the leaver's manager.
func (s *Service) Terminate(ctx context.Context, tenantID, id string, at time.Time, reason string) (models.Employee, error) {
	e, err := s.store.GetEmployee(ctx, tenantID, id)
	if err != nil {
		return models.Employee{}, err
	}
	if e.Status == models.StatusTerminated {
		return e, errs.E(errs.FailedPrecondition, "employee %s already terminated", id)
	}
	if at.Before(e.HireDate) {
		return e, errs.E(errs.InvalidArgument, "termination before hire date")
	}
	err = s.store.WithTx(ctx, func(tx *sql.Tx) error {
		if err := s.store.SetStatus(ctx, tx, tenantID, id, models.StatusTerminated, &at); err != nil {
			return err
		}
		n, err := s.store.Reassign(ctx, tx, tenantID, id, e.ManagerID)
		if err != nil {
			return err
		}
		if n > 0 {
			log.Info(ctx, "reassigned reports", "from", id, "to", e.ManagerID, "count", n)
		}
		return nil
	})
	if err != nil {
		return models.Employee{}, err
	}
	e.Status = models.StatusTerminated
	e.TerminatedAt = &at
	_ = s.bus.Publish(ctx, events.TopicEmployeeTerminated, &peoplepb.EmployeeTerminated{
		EmployeeId:      id,
		TerminationDate: at.Format("2006-01-02"),
		Reason:          reason,
	})
	return e, nil
}

func validate(e models.Employee) error {
	if strings.TrimSpace(e.FirstName) == "" || strings.TrimSpace(e.LastName) == "" {
		return errs.E(errs.InvalidArgument, "first and last name are required")
	}
	if _, err := mail.ParseAddress(e.Email); err != nil {
		return errs.E(errs.InvalidArgument, "invalid email %q", e.Email)
	}
	if len(e.WorkState) != 2 {
		return errs.E(errs.InvalidArgument, "work_state must be a two-letter state code")
	}
	if e.HireDate.IsZero() {
		return errs.E(errs.InvalidArgument, "hire_date is required")
	}
	switch e.Type {
	case models.FullTime, models.PartTime, models.Contractor:
	default:
		return errs.E(errs.InvalidArgument, "unknown employment type %q", e.Type)
	}
	return nil
}
