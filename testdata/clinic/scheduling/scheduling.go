// Package scheduling books, checks in, completes and cancels appointments. It owns the
// appointments table; other contexts read appointments through Service.
package scheduling

import (
	"context"
	"errors"
	"time"

	"github.com/acme/clinic/patients"
	"github.com/acme/clinic/pkg/domain"
	"github.com/acme/clinic/pkg/errs"
	"github.com/acme/clinic/pkg/idgen"
	"github.com/acme/clinic/pkg/logger"
	"github.com/acme/clinic/pkg/timeutil"
	"github.com/acme/clinic/scheduling/calendar"
	"github.com/acme/clinic/scheduling/sqlstore"
	"github.com/acme/clinic/staff"
)

// CancellationFeeCharger is implemented by billing. It is injected at
// start-up because billing already depends on scheduling.
type CancellationFeeCharger interface {
	ChargeLateCancellation(ctx context.Context, appt domain.Appointment) error
}

type Service struct {
	store      *sqlstore.AppointmentStore
	planner    *calendar.Planner
	patients   *patients.Service
	staff      *staff.Service
	fees       CancellationFeeCharger
	clock      timeutil.Clock
	lateWindow time.Duration
	log        *logger.Logger
}

func NewService(store *sqlstore.AppointmentStore, planner *calendar.Planner, p *patients.Service, st *staff.Service,
	clock timeutil.Clock, lateWindow time.Duration, log *logger.Logger) *Service {
	return &Service{store: store, planner: planner, patients: p, staff: st, clock: clock, lateWindow: lateWindow, log: log.Named("scheduling")}
}

// SetFeeCharger wires billing in after both services exist.
func (s *Service) SetFeeCharger(c CancellationFeeCharger) { s.fees = c }

type BookRequest struct {
	PatientID      domain.PatientID
	PractitionerID domain.StaffID
	Start          time.Time
	VisitType      domain.VisitType
	Reason         string
}

func (r BookRequest) validate(now time.Time) error {
	f := errs.Fields{}
	f.Check(r.PatientID != "", "patient_id", "required")
	f.Check(r.PractitionerID != "", "practitioner_id", "required")
	f.Check(r.Start.After(now), "start", "must be in the future")
	f.Check(r.Start.Before(now.AddDate(1, 0, 0)), "start", "cannot book more than a year ahead")
	switch r.VisitType {
	case domain.VisitConsult, domain.VisitFollowUp, domain.VisitProcedure, domain.VisitTelehealth:
	default:
		f.Add("visit_type", "unknown visit type")
	}
	f.Check(len(r.Reason) <= 500, "reason", "too long")
	return f.Err("scheduling.BookRequest")
}

// Book creates an appointment after checking the patient, the
// practitioner's roster, opening hours and existing bookings.
func (s *Service) Book(ctx context.Context, req BookRequest) (domain.Appointment, error) {
	const op errs.Op = "scheduling.Book"
	now := s.clock.Now()
	if err := req.validate(now); err != nil {
		return domain.Appointment{}, err
	}
	ok, err := s.patients.Exists(ctx, req.PatientID)
	if err != nil {
		return domain.Appointment{}, errs.Wrap(op, err)
	}
	if !ok {
		return domain.Appointment{}, errs.Errorf(op, errs.KindNotFound, "patient %s not found", req.PatientID)
	}
	dur := calendar.DurationFor(req.VisitType)
	day := timeutil.Day(req.Start.In(s.planner.Location()))
	avail, err := s.staff.Availability(ctx, req.PractitionerID, day.Start)
	if err != nil {
		return domain.Appointment{}, errs.Wrap(op, err)
	}
	booked, err := s.store.BookedRanges(ctx, req.PractitionerID, day)
	if err != nil {
		return domain.Appointment{}, errs.Wrap(op, err)
	}
	if err := s.planner.Fits(req.Start, dur, avail, booked); err != nil {
		kind := errs.KindConflict
		if errors.Is(err, calendar.ErrMisaligned) {
			kind = errs.KindInvalid
		}
		return domain.Appointment{}, errs.E(op, kind, err)
	}
	a := domain.Appointment{
		ID:             domain.AppointmentID(idgen.New("apt")),
		PatientID:      req.PatientID,
		PractitionerID: req.PractitionerID,
		Start:          req.Start.UTC(),
		End:            req.Start.Add(dur).UTC(),
		VisitType:      req.VisitType,
		Status:         domain.AppointmentBooked,
		Reason:         req.Reason,
		CreatedAt:      now,
	}
	if err := s.store.Create(ctx, a); err != nil {
		return domain.Appointment{}, errs.Wrap(op, err)
	}
	s.log.InfoContext(ctx, "appointment booked", "appointment_id", a.ID, "start", a.Start)
	return a, nil
}

func (s *Service) Get(ctx context.Context, id domain.AppointmentID) (domain.Appointment, error) {
	return s.store.Get(ctx, id)
}

// Cancel cancels an appointment. When the patient cancels inside the
// late window a fee is charged through billing; a failure to charge is
// logged, not returned, so the cancellation still stands.
func (s *Service) Cancel(ctx context.Context, id domain.AppointmentID, byPatient bool) error {
	const op errs.Op = "scheduling.Cancel"
	a, err := s.store.Get(ctx, id)
	if err != nil {
		return errs.Wrap(op, err)
	}
	if !a.Status.CanTransitionTo(domain.AppointmentCancelled) {
		return errs.Errorf(op, errs.KindConflict, "cannot cancel a %s appointment", a.Status)
	}
	now := s.clock.Now()
	if err := s.store.Transition(ctx, id, a.Status, domain.AppointmentCancelled, now); err != nil {
		return errs.Wrap(op, err)
	}
	if byPatient && a.Start.Sub(now) < s.lateWindow && s.fees != nil {
		a.Status, a.CancelledAt = domain.AppointmentCancelled, &now
		if err := s.fees.ChargeLateCancellation(ctx, a); err != nil {
			s.log.Err(ctx, "late cancellation fee failed", err, "appointment_id", id)
		}
	}
	return nil
}

func (s *Service) transition(ctx context.Context, op errs.Op, id domain.AppointmentID, to domain.AppointmentStatus) (domain.Appointment, error) {
	a, err := s.store.Get(ctx, id)
	if err != nil {
		return a, errs.Wrap(op, err)
	}
	if !a.Status.CanTransitionTo(to) {
		return a, errs.Errorf(op, errs.KindConflict, "cannot go from %s to %s", a.Status, to)
	}
	if err := s.store.Transition(ctx, id, a.Status, to, s.clock.Now()); err != nil {
		return a, errs.Wrap(op, err)
	}
	a.Status = to
	return a, nil
}

func (s *Service) CheckIn(ctx context.Context, id domain.AppointmentID) (domain.Appointment, error) {
	return s.transition(ctx, "scheduling.CheckIn", id, domain.AppointmentCheckedIn)
}

func (s *Service) Complete(ctx context.Context, id domain.AppointmentID) (domain.Appointment, error) {
	return s.transition(ctx, "scheduling.Complete", id, domain.AppointmentCompleted)
}

// AvailableSlots lists free slots for a visit type on a day.
func (s *Service) AvailableSlots(ctx context.Context, practitioner domain.StaffID, day time.Time, vt domain.VisitType) ([]calendar.Slot, error) {
	const op errs.Op = "scheduling.AvailableSlots"
	d := timeutil.Day(day.In(s.planner.Location()))
	avail, err := s.staff.Availability(ctx, practitioner, d.Start)
	if err != nil {
		return nil, errs.Wrap(op, err)
	}
	booked, err := s.store.BookedRanges(ctx, practitioner, d)
	if err != nil {
		return nil, errs.Wrap(op, err)
	}
	now := s.clock.Now()
	var out []calendar.Slot
	for _, sl := range s.planner.FreeSlots(d.Start, calendar.DurationFor(vt), avail, booked) {
		if sl.Start.After(now) {
			out = append(out, sl)
		}
	}
	return out, nil
}

func (s *Service) DaySheet(ctx context.Context, practitioner domain.StaffID, day time.Time) ([]domain.Appointment, error) {
	d := timeutil.Day(day.In(s.planner.Location()))
	return s.store.ForPractitioner(ctx, practitioner, d.Start, d.End)
}

// IsNewPatient reports whether the appointment is the patient's first
// completed visit.
func (s *Service) IsNewPatient(ctx context.Context, a domain.Appointment) (bool, error) {
	n, err := s.store.CountPriorVisits(ctx, a.PatientID, a.Start)
	return n == 0, err
}
