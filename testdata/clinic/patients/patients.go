// Package patients is the patient registry use cases: registration,
// demographics, allergies and access to the chart. Other parts of the
// clinic should come through *Service rather than the repo.
package patients

import (
	"context"
	"net/mail"
	"strings"
	"time"

	"github.com/acme/clinic/patients/model"
	"github.com/acme/clinic/patients/records"
	"github.com/acme/clinic/patients/repo"
	"github.com/acme/clinic/pkg/domain"
	"github.com/acme/clinic/pkg/errs"
	"github.com/acme/clinic/pkg/idgen"
	"github.com/acme/clinic/pkg/logger"
	"github.com/acme/clinic/pkg/timeutil"
)

// Service is the patients use-case layer.
type Service struct {
	repo    *repo.Repo
	records *records.Service
	clock   timeutil.Clock
	log     *logger.Logger
}

func NewService(r *repo.Repo, rec *records.Service, clock timeutil.Clock, log *logger.Logger) *Service {
	return &Service{repo: r, records: rec, clock: clock, log: log.Named("patients")}
}

// RegisterInput is what the front desk captures.
type RegisterInput struct {
	FirstName    string
	LastName     string
	DateOfBirth  string
	Sex          string
	Phone        string
	Email        string
	InsurerCode  string
	PolicyNumber string
}

func (in *RegisterInput) validate(now time.Time) (time.Time, error) {
	in.FirstName = strings.TrimSpace(in.FirstName)
	in.LastName = strings.TrimSpace(in.LastName)
	in.Sex = strings.ToUpper(strings.TrimSpace(in.Sex))
	f := errs.Fields{}
	f.Check(in.FirstName != "", "first_name", "required")
	f.Check(in.LastName != "", "last_name", "required")
	f.Check(len(in.FirstName) <= 80 && len(in.LastName) <= 80, "name", "too long")
	dob, err := timeutil.ParseDate(in.DateOfBirth, time.UTC)
	if err != nil {
		f.Add("date_of_birth", "must be YYYY-MM-DD")
	} else {
		f.Check(!dob.After(now), "date_of_birth", "is in the future")
		f.Check(timeutil.AgeAt(dob, now) < 130, "date_of_birth", "implausible")
	}
	switch domain.Sex(in.Sex) {
	case domain.SexFemale, domain.SexMale, domain.SexUnknown:
	case "":
		in.Sex = string(domain.SexUnknown)
	default:
		f.Add("sex", "must be F, M or U")
	}
	if in.Email != "" {
		if _, err := mail.ParseAddress(in.Email); err != nil {
			f.Add("email", "not a valid address")
		}
	}
	if in.Phone != "" {
		f.Check(len(digits(in.Phone)) >= 10, "phone", "needs at least 10 digits")
	}
	f.Check((in.InsurerCode == "") == (in.PolicyNumber == ""), "policy_number", "insurer and policy go together")
	return dob, f.Err("patients.RegisterInput")
}

// Register creates a patient and assigns an MRN. MRN collisions are
// retried a few times before giving up.
func (s *Service) Register(ctx context.Context, in RegisterInput) (domain.Patient, error) {
	const op errs.Op = "patients.Register"
	now := s.clock.Now()
	dob, err := in.validate(now)
	if err != nil {
		return domain.Patient{}, errs.Wrap(op, err)
	}
	p := domain.Patient{
		ID:           domain.PatientID(idgen.New("pat")),
		FirstName:    in.FirstName,
		LastName:     in.LastName,
		DateOfBirth:  dob,
		Sex:          domain.Sex(in.Sex),
		Phone:        in.Phone,
		Email:        strings.ToLower(in.Email),
		InsurerCode:  in.InsurerCode,
		PolicyNumber: in.PolicyNumber,
		CreatedAt:    now,
	}
	for attempt := 0; attempt < 3; attempt++ {
		p.MRN = NewMRN()
		err = s.repo.Insert(ctx, model.FromDomain(p))
		if !errs.Is(errs.KindConflict, err) {
			break
		}
		s.log.WarnContext(ctx, "mrn collision, retrying", "attempt", attempt)
	}
	if err != nil {
		return domain.Patient{}, errs.Wrap(op, err)
	}
	s.log.InfoContext(ctx, "patient registered", "patient_id", p.ID)
	return p, nil
}

func (s *Service) Get(ctx context.Context, id domain.PatientID) (domain.Patient, error) {
	row, err := s.repo.Get(ctx, id)
	if err != nil {
		return domain.Patient{}, errs.Wrap("patients.Get", err)
	}
	return row.ToDomain(), nil
}

// Exists is the cheap check other contexts use before referencing a patient.
func (s *Service) Exists(ctx context.Context, id domain.PatientID) (bool, error) {
	_, err := s.repo.Get(ctx, id)
	if errs.Is(errs.KindNotFound, err) {
		return false, nil
	}
	return err == nil, err
}

// Records gives access to the chart.
func (s *Service) Records() *records.Service { return s.records }

func digits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}
