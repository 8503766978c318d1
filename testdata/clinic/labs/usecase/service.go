// Package usecase is the labs application service: placing orders,
// tracking specimens and recording results. Billing and the HTTP layer
// use it; nothing outside labs should touch labs/sqlstore.
package usecase

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/acme/clinic/labs/orders"
	"github.com/acme/clinic/labs/results"
	"github.com/acme/clinic/labs/sqlstore"
	"github.com/acme/clinic/pkg/domain"
	"github.com/acme/clinic/pkg/errs"
	"github.com/acme/clinic/pkg/idgen"
	"github.com/acme/clinic/pkg/logger"
	"github.com/acme/clinic/pkg/notify"
	"github.com/acme/clinic/pkg/timeutil"
	"github.com/acme/clinic/staff"
)

type Service struct {
	store   *sqlstore.Store
	catalog orders.Catalog
	staff   *staff.Service
	notify  notify.Sender
	clock   timeutil.Clock
	log     *logger.Logger
}

func New(store *sqlstore.Store, catalog orders.Catalog, st *staff.Service, n notify.Sender, clock timeutil.Clock, log *logger.Logger) *Service {
	return &Service{store: store, catalog: catalog, staff: st, notify: n, clock: clock, log: log.Named("labs")}
}

func (s *Service) Catalog() orders.Catalog { return s.catalog }

// Place validates and stores a new order.
func (s *Service) Place(ctx context.Context, in orders.NewOrder) (domain.LabOrder, error) {
	const op errs.Op = "labs.Place"
	in.Normalize()
	if err := s.catalog.Validate(in); err != nil {
		return domain.LabOrder{}, err
	}
	if _, err := s.staff.CanOrderLabs(ctx, in.OrderedBy); err != nil {
		return domain.LabOrder{}, errs.Wrap(op, err)
	}
	o := domain.LabOrder{
		ID:            domain.LabOrderID(idgen.New("lab")),
		PatientID:     in.PatientID,
		OrderedBy:     in.OrderedBy,
		AppointmentID: in.AppointmentID,
		TestCodes:     in.TestCodes,
		Priority:      in.Priority,
		Notes:         in.Notes,
		Status:        domain.LabOrdered,
		OrderedAt:     s.clock.Now(),
	}
	if err := s.store.CreateOrder(ctx, o); err != nil {
		return domain.LabOrder{}, errs.Wrap(op, err)
	}
	return o, nil
}

func (s *Service) Get(ctx context.Context, id domain.LabOrderID) (domain.LabOrder, error) {
	return s.store.GetOrder(ctx, id)
}

func (s *Service) MarkCollected(ctx context.Context, id domain.LabOrderID, at time.Time) (domain.LabOrder, error) {
	const op errs.Op = "labs.MarkCollected"
	o, err := s.store.GetOrder(ctx, id)
	if err != nil {
		return o, errs.Wrap(op, err)
	}
	if at.IsZero() {
		at = s.clock.Now()
	}
	if err := orders.Transition(&o, domain.LabCollected, at); err != nil {
		return o, err
	}
	return o, errs.Wrap(op, s.store.SaveStatus(ctx, o))
}

// Record stores the result of one test on an order, flags it, and pages
// the ordering clinician on critical values. The order becomes resulted
// once every test on it has a result.
func (s *Service) Record(ctx context.Context, id domain.LabOrderID, testCode string, verifiedBy domain.StaffID, obs []results.Observation) (results.Result, error) {
	const op errs.Op = "labs.Record"
	testCode = strings.ToUpper(testCode)
	o, err := s.store.GetOrder(ctx, id)
	if err != nil {
		return results.Result{}, errs.Wrap(op, err)
	}
	if !contains(o.TestCodes, testCode) {
		return results.Result{}, errs.Errorf(op, errs.KindInvalid, "test %s is not on order %s", testCode, id)
	}
	if o.Status != domain.LabCollected && o.Status != domain.LabInProgress && o.Status != domain.LabDelayed {
		return results.Result{}, errs.Errorf(op, errs.KindConflict, "order is %s", o.Status)
	}
	tech, err := s.staff.Get(ctx, verifiedBy)
	if err != nil {
		return results.Result{}, errs.Wrap(op, err)
	}
	if tech.Role != domain.RoleLabTech {
		return results.Result{}, errs.New(op, errs.KindPermission, "results must be verified by a lab technologist")
	}
	sex, dob, err := s.store.Demographics(ctx, o.PatientID)
	if err != nil {
		return results.Result{}, errs.Wrap(op, err)
	}
	now := s.clock.Now()
	interp, err := results.Interpret(obs, sex, timeutil.AgeAt(dob, now))
	if err != nil {
		return results.Result{}, errs.E(op, errs.KindInvalid, err)
	}
	r := results.Result{OrderID: id, TestCode: testCode, Observations: interp, VerifiedBy: verifiedBy, ResultedAt: now}
	if err := s.store.SaveResult(ctx, r); err != nil {
		return r, errs.Wrap(op, err)
	}

	done, err := s.store.ResultedTests(ctx, id)
	if err != nil {
		return r, errs.Wrap(op, err)
	}
	next := domain.LabInProgress
	if len(done) >= len(o.TestCodes) {
		next = domain.LabResulted
	}
	if o.Status != next {
		if err := orders.Transition(&o, next, now); err != nil {
			return r, err
		}
		if err := s.store.SaveStatus(ctx, o); err != nil {
			return r, errs.Wrap(op, err)
		}
	}
	if crit := r.Critical(); len(crit) > 0 {
		s.pageCritical(ctx, o, crit)
	}
	return r, nil
}

func (s *Service) pageCritical(ctx context.Context, o domain.LabOrder, crit []results.Interpreted) {
	doc, err := s.staff.Get(ctx, o.OrderedBy)
	if err != nil {
		s.log.Err(ctx, "critical result: cannot load ordering clinician", err, "order_id", o.ID)
		return
	}
	msg := notify.Message{
		Channel: notify.SMS,
		To:      doc.Phone,
		Body:    fmt.Sprintf("CRITICAL lab result, order %s: %s. Call the lab to acknowledge.", o.ID, results.Summary(crit)),
	}
	if doc.Phone == "" {
		msg.Channel, msg.To, msg.Subject = notify.Email, doc.Email, "CRITICAL lab result"
	}
	if err := s.notify.Send(ctx, msg); err != nil {
		s.log.Err(ctx, "critical result page failed", err, "order_id", o.ID, "staff_id", doc.ID)
	}
}

// ForAppointment is used by billing to add lab charges to a visit.
func (s *Service) ForAppointment(ctx context.Context, id domain.AppointmentID) ([]domain.LabOrder, error) {
	return s.store.ForAppointment(ctx, id)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
