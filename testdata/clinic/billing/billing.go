// Package billing is the billing application service: invoicing visits,
// taking payments and submitting insurance claims.
package billing

import (
	"context"
	"database/sql"
	"strings"

	"github.com/acme/clinic/billing/insurance"
	"github.com/acme/clinic/billing/invoices"
	"github.com/acme/clinic/billing/sqlstore"
	labs "github.com/acme/clinic/labs/usecase"
	"github.com/acme/clinic/patients"
	"github.com/acme/clinic/pkg/database"
	"github.com/acme/clinic/pkg/domain"
	"github.com/acme/clinic/pkg/errs"
	"github.com/acme/clinic/pkg/logger"
	"github.com/acme/clinic/pkg/timeutil"
	"github.com/acme/clinic/scheduling"
)

type Service struct {
	store    *sqlstore.Store
	builder  *invoices.Builder
	claims   *insurance.ClaimStore
	house    insurance.Clearinghouse
	appts    *scheduling.Service
	patients *patients.Service
	labs     *labs.Service
	clock    timeutil.Clock
	log      *logger.Logger
}

type Config struct {
	Store         *sqlstore.Store
	Builder       *invoices.Builder
	Claims        *insurance.ClaimStore
	Clearinghouse insurance.Clearinghouse
	Appointments  *scheduling.Service
	Patients      *patients.Service
	Labs          *labs.Service
	Clock         timeutil.Clock
	Log           *logger.Logger
}

func New(c Config) *Service {
	return &Service{
		store: c.Store, builder: c.Builder, claims: c.Claims, house: c.Clearinghouse,
		appts: c.Appointments, patients: c.Patients, labs: c.Labs, clock: c.Clock, log: c.Log.Named("billing"),
	}
}

// InvoiceAppointment bills a completed visit. It is idempotent per
// appointment: the appointment is stamped billed in the same transaction.
func (s *Service) InvoiceAppointment(ctx context.Context, id domain.AppointmentID) (domain.Invoice, insurance.Estimate, error) {
	const op errs.Op = "billing.InvoiceAppointment"
	appt, err := s.appts.Get(ctx, id)
	if err != nil {
		return domain.Invoice{}, insurance.Estimate{}, errs.Wrap(op, err)
	}
	if appt.BilledAt != nil {
		return domain.Invoice{}, insurance.Estimate{}, errs.Errorf(op, errs.KindConflict, "appointment %s already billed", id)
	}
	isNew, err := s.appts.IsNewPatient(ctx, appt)
	if err != nil {
		return domain.Invoice{}, insurance.Estimate{}, errs.Wrap(op, err)
	}
	orders, err := s.labs.ForAppointment(ctx, id)
	if err != nil {
		return domain.Invoice{}, insurance.Estimate{}, errs.Wrap(op, err)
	}
	inv, err := s.builder.ForVisit(appt, isNew, orders)
	if err != nil {
		return domain.Invoice{}, insurance.Estimate{}, errs.Wrap(op, err)
	}
	patient, err := s.patients.Get(ctx, appt.PatientID)
	if err != nil {
		return domain.Invoice{}, insurance.Estimate{}, errs.Wrap(op, err)
	}
	est, err := s.estimate(ctx, patient, inv)
	if err != nil {
		return domain.Invoice{}, insurance.Estimate{}, errs.Wrap(op, err)
	}
	inv.InsuranceCents = est.PlanPaysCents

	err = database.WithTx(ctx, s.store.DB(), func(tx *sql.Tx) error {
		if err := s.store.Create(ctx, tx, inv); err != nil {
			return err
		}
		return s.store.MarkAppointmentBilled(ctx, tx, appt.ID, s.clock.Now())
	})
	if err != nil {
		return domain.Invoice{}, insurance.Estimate{}, errs.Wrap(op, err)
	}
	s.log.InfoContext(ctx, "invoice issued", "invoice_id", inv.ID, "total", domain.FormatCents(inv.SubtotalCents+inv.TaxCents))
	return inv, est, nil
}

func (s *Service) estimate(ctx context.Context, p domain.Patient, inv domain.Invoice) (insurance.Estimate, error) {
	if !p.Insured() {
		return insurance.Estimate{PatientPaysCents: inv.SubtotalCents}, nil
	}
	plan, ok := insurance.LookupPlan(p.InsurerCode)
	if !ok {
		s.log.WarnContext(ctx, "unknown insurer, billing as self-pay", "insurer", p.InsurerCode)
		return insurance.Estimate{PatientPaysCents: inv.SubtotalCents}, nil
	}
	acc, err := s.claims.Accumulators(ctx, p.ID, s.clock.Now().Year())
	if err != nil {
		return insurance.Estimate{}, err
	}
	return insurance.EstimateCoverage(plan, acc, inv), nil
}

// ChargeLateCancellation implements scheduling.CancellationFeeCharger.
func (s *Service) ChargeLateCancellation(ctx context.Context, appt domain.Appointment) error {
	const op errs.Op = "billing.ChargeLateCancellation"
	exists, err := s.store.ExistsForAppointment(ctx, appt.ID, invoices.CodeLateCancel)
	if err != nil {
		return errs.Wrap(op, err)
	}
	if exists {
		return nil
	}
	inv, err := s.builder.LateCancellation(appt)
	if err != nil {
		return errs.Wrap(op, err)
	}
	return errs.Wrap(op, database.WithTx(ctx, s.store.DB(), func(tx *sql.Tx) error {
		return s.store.Create(ctx, tx, inv)
	}))
}

// RecordPayment applies a patient payment to an invoice.
func (s *Service) RecordPayment(ctx context.Context, id domain.InvoiceID, amountCents int64, method, ref string) (domain.Invoice, error) {
	const op errs.Op = "billing.RecordPayment"
	method = strings.ToLower(strings.TrimSpace(method))
	switch method {
	case "card", "cash", "check", "ach":
	default:
		return domain.Invoice{}, errs.Errorf(op, errs.KindInvalid, "unsupported payment method %q", method)
	}
	if amountCents <= 0 {
		return domain.Invoice{}, errs.New(op, errs.KindInvalid, "amount must be positive")
	}
	inv, err := s.store.Get(ctx, id)
	if err != nil {
		return inv, errs.Wrap(op, err)
	}
	if inv.Status == domain.InvoiceVoid || inv.Status == domain.InvoicePaid {
		return inv, errs.Errorf(op, errs.KindConflict, "invoice is %s", inv.Status)
	}
	if amountCents > inv.BalanceCents() {
		return inv, errs.Errorf(op, errs.KindInvalid, "payment %s exceeds balance %s",
			domain.FormatCents(amountCents), domain.FormatCents(inv.BalanceCents()))
	}
	inv.PaidCents += amountCents
	inv.Status = domain.InvoicePartiallyPaid
	if inv.BalanceCents() == 0 {
		inv.Status = domain.InvoicePaid
	}
	err = database.WithTx(ctx, s.store.DB(), func(tx *sql.Tx) error {
		return s.store.AddPayment(ctx, tx, inv, amountCents, method, ref, s.clock.Now())
	})
	return inv, errs.Wrap(op, err)
}

// SubmitClaim sends the plan's share of an invoice to the clearinghouse.
func (s *Service) SubmitClaim(ctx context.Context, id domain.InvoiceID) (insurance.Claim, error) {
	const op errs.Op = "billing.SubmitClaim"
	inv, err := s.store.Get(ctx, id)
	if err != nil {
		return insurance.Claim{}, errs.Wrap(op, err)
	}
	if inv.InsuranceCents <= 0 {
		return insurance.Claim{}, errs.New(op, errs.KindConflict, "nothing to claim on this invoice")
	}
	open, err := s.claims.OpenForInvoice(ctx, id)
	if err != nil {
		return insurance.Claim{}, errs.Wrap(op, err)
	}
	if open {
		return insurance.Claim{}, errs.New(op, errs.KindConflict, "a claim is already open for this invoice")
	}
	p, err := s.patients.Get(ctx, inv.PatientID)
	if err != nil {
		return insurance.Claim{}, errs.Wrap(op, err)
	}
	if !p.Insured() {
		return insurance.Claim{}, errs.New(op, errs.KindConflict, "patient has no insurance on file")
	}
	c := insurance.NewClaim(inv, p, inv.InsuranceCents, s.clock.Now())
	if err := s.claims.Insert(ctx, c); err != nil {
		return c, errs.Wrap(op, err)
	}
	ref, err := s.house.Submit(ctx, c)
	if err != nil {
		if errs.Is(errs.KindInvalid, err) {
			_ = s.claims.SetStatus(ctx, c.ID, insurance.ClaimRejected, "")
		}
		return c, errs.Wrap(op, err)
	}
	c.ExternalRef, c.Status = ref, insurance.ClaimAccepted
	return c, errs.Wrap(op, s.claims.SetStatus(ctx, c.ID, c.Status, ref))
}

func (s *Service) Get(ctx context.Context, id domain.InvoiceID) (domain.Invoice, error) {
	return s.store.Get(ctx, id)
}
