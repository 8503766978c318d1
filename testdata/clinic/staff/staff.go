// Package staff is the entry point to everything about the people who
// work at the clinic. Scheduling, pharmacy and labs ask it questions such
// as "can this person prescribe" or "when is this physician available".
package staff

import (
	"context"
	"net/mail"
	"strings"
	"time"

	"github.com/acme/clinic/pkg/domain"
	"github.com/acme/clinic/pkg/errs"
	"github.com/acme/clinic/pkg/idgen"
	"github.com/acme/clinic/pkg/logger"
	"github.com/acme/clinic/pkg/timeutil"
	"github.com/acme/clinic/staff/credentials"
	"github.com/acme/clinic/staff/repo"
	"github.com/acme/clinic/staff/rostering"
)

type Service struct {
	repo    *repo.StaffRepo
	creds   *credentials.Store
	checker *credentials.Checker
	roster  *rostering.Roster
	clock   timeutil.Clock
	log     *logger.Logger
}

func New(r *repo.StaffRepo, creds *credentials.Store, roster *rostering.Roster, clock timeutil.Clock, log *logger.Logger) *Service {
	return &Service{
		repo:    r,
		creds:   creds,
		checker: credentials.NewChecker(creds, clock),
		roster:  roster,
		clock:   clock,
		log:     log.Named("staff"),
	}
}

type HireInput struct {
	FirstName  string
	LastName   string
	Role       domain.Role
	Email      string
	Phone      string
	Department string
	StartDate  time.Time
}

func (s *Service) Hire(ctx context.Context, in HireInput) (domain.StaffMember, error) {
	const op errs.Op = "staff.Hire"
	f := errs.Fields{}
	f.Check(strings.TrimSpace(in.FirstName) != "", "first_name", "required")
	f.Check(strings.TrimSpace(in.LastName) != "", "last_name", "required")
	f.Check(in.Role.Valid(), "role", "unknown role")
	if _, err := mail.ParseAddress(in.Email); err != nil {
		f.Add("email", "not a valid address")
	}
	if err := f.Err(op); err != nil {
		return domain.StaffMember{}, err
	}
	if in.StartDate.IsZero() {
		in.StartDate = s.clock.Now()
	}
	m := domain.StaffMember{
		ID:         domain.StaffID(idgen.New("stf")),
		FirstName:  strings.TrimSpace(in.FirstName),
		LastName:   strings.TrimSpace(in.LastName),
		Role:       in.Role,
		Email:      strings.ToLower(in.Email),
		Phone:      in.Phone,
		Department: in.Department,
		Active:     true,
		HiredAt:    in.StartDate,
	}
	if err := s.repo.Insert(ctx, m); err != nil {
		return domain.StaffMember{}, errs.Wrap(op, err)
	}
	return m, nil
}

func (s *Service) Get(ctx context.Context, id domain.StaffID) (domain.StaffMember, error) {
	return s.repo.Get(ctx, id)
}

// requireActive loads a staff member and insists they are active and in
// one of the given roles.
func (s *Service) requireActive(ctx context.Context, op errs.Op, id domain.StaffID, roles ...domain.Role) (domain.StaffMember, error) {
	m, err := s.repo.Get(ctx, id)
	if err != nil {
		return m, errs.Wrap(op, err)
	}
	if !m.Active {
		return m, errs.Errorf(op, errs.KindPermission, "%s is not active", m.DisplayName())
	}
	for _, r := range roles {
		if m.Role == r {
			return m, nil
		}
	}
	return m, errs.Errorf(op, errs.KindPermission, "%s (%s) may not do this", m.DisplayName(), m.Role)
}

// CanPrescribe checks role, license and — for controlled substances —
// DEA registration.
func (s *Service) CanPrescribe(ctx context.Context, id domain.StaffID, schedule int) error {
	const op errs.Op = "staff.CanPrescribe"
	if _, err := s.requireActive(ctx, op, id, domain.RolePhysician); err != nil {
		return err
	}
	if _, err := s.checker.Require(ctx, id, credentials.MedicalLicense); err != nil {
		return errs.Wrap(op, err)
	}
	if schedule >= 2 && schedule <= 5 {
		if _, err := s.checker.Require(ctx, id, credentials.DEARegistration); err != nil {
			return errs.Wrap(op, err)
		}
	}
	return nil
}

// CanDispense checks that id is a licensed pharmacist.
func (s *Service) CanDispense(ctx context.Context, id domain.StaffID) error {
	const op errs.Op = "staff.CanDispense"
	if _, err := s.requireActive(ctx, op, id, domain.RolePharmacist); err != nil {
		return err
	}
	_, err := s.checker.Require(ctx, id, credentials.PharmacistLicense)
	return errs.Wrap(op, err)
}

// CanOrderLabs allows physicians and nurses (nurse practitioners order
// labs under standing orders).
func (s *Service) CanOrderLabs(ctx context.Context, id domain.StaffID) (domain.StaffMember, error) {
	return s.requireActive(ctx, "staff.CanOrderLabs", id, domain.RolePhysician, domain.RoleNurse)
}

// Availability returns bookable working time for a practitioner.
func (s *Service) Availability(ctx context.Context, id domain.StaffID, day time.Time) ([]timeutil.Range, error) {
	const op errs.Op = "staff.Availability"
	if _, err := s.requireActive(ctx, op, id, domain.RolePhysician, domain.RoleNurse); err != nil {
		return nil, err
	}
	rs, err := s.roster.Availability(ctx, id, day)
	return rs, errs.Wrap(op, err)
}

func (s *Service) Roster() *rostering.Roster { return s.roster }
