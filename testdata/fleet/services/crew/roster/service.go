package roster

import (
	"context"
	"net/mail"
	"strings"
	"time"

	"gitlab.com/roadrunner/fleet/entities"
	"gitlab.com/roadrunner/fleet/lib/clock"
	"gitlab.com/roadrunner/fleet/lib/errs"
	"gitlab.com/roadrunner/fleet/lib/ids"
)

// LicenceChecker is implemented by the licence package; declared here so
// roster does not import it.
type LicenceChecker interface {
	CanDrive(ctx context.Context, driverID string, class entities.VehicleClass, at time.Time) (bool, string, error)
}

// Service is the roster API.
type Service struct {
	store    *Store
	licences LicenceChecker
	clock    clock.Clock
}

// NewService wires the roster. licences may be nil in tools.
func NewService(store *Store, licences LicenceChecker, clk clock.Clock) *Service {
	return &Service{store: store, licences: licences, clock: clk}
}

// Hire registers a new driver.
func (s *Service) Hire(ctx context.Context, d Driver) (Driver, error) {
	d.ID, d.Status = ids.New(ids.Driver), Active
	d.EmployeeNo = strings.ToUpper(strings.TrimSpace(d.EmployeeNo))
	if d.HiredAt.IsZero() {
		d.HiredAt = clock.StartOfDay(s.clock.Now(), clock.Local)
	}
	var v errs.Validation
	v.Check(d.FirstName != "" && d.LastName != "", "name", "first and last name are required")
	v.Check(len(d.EmployeeNo) >= 4, "employee_no", "must have at least 4 characters")
	v.Check(d.HomeDepot != "", "home_depot", "is required")
	if d.Email != "" {
		_, err := mail.ParseAddress(d.Email)
		v.Check(err == nil, "email", "is not an e-mail address")
	}
	if err := v.Err("roster.Hire"); err != nil {
		return d, err
	}
	return d, s.store.insert(ctx, d)
}

// Get returns a driver.
func (s *Service) Get(ctx context.Context, id string) (Driver, error) { return s.store.Get(ctx, id) }

// Active returns everyone who can currently be scheduled at a depot.
func (s *Service) Active(ctx context.Context, depot string) ([]Driver, error) {
	return s.store.List(ctx, Active, depot)
}

// Suspend stops a driver from being scheduled.
func (s *Service) Suspend(ctx context.Context, id, reason string) error {
	d, err := s.store.Get(ctx, id)
	if err != nil {
		return err
	}
	if d.Status != Active {
		return errs.Conflict("roster.Suspend", "driver is %s", d.Status)
	}
	return s.store.setStatus(ctx, id, Suspended, reason)
}

// Reinstate lifts a suspension.
func (s *Service) Reinstate(ctx context.Context, id string) error {
	d, err := s.store.Get(ctx, id)
	if err != nil {
		return err
	}
	if d.Status != Suspended {
		return errs.Conflict("roster.Reinstate", "driver is %s", d.Status)
	}
	return s.store.setStatus(ctx, id, Active, "")
}

// Eligible reports whether the driver may drive a vehicle of class at t,
// and if not, why.
func (s *Service) Eligible(ctx context.Context, id string, class entities.VehicleClass, at time.Time) (bool, string, error) {
	d, err := s.store.Get(ctx, id)
	if err != nil {
		return false, "", err
	}
	if !d.CanWork() {
		return false, "driver is " + string(d.Status), nil
	}
	if s.licences == nil {
		return true, "", nil
	}
	return s.licences.CanDrive(ctx, id, class, at)
}
