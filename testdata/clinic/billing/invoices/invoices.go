// Package invoices turns visits into invoice lines using the fee
// schedule, and applies tax and payment terms.
package invoices

import (
	"fmt"

	"github.com/acme/clinic/labs/orders"
	"github.com/acme/clinic/pkg/domain"
	"github.com/acme/clinic/pkg/errs"
	"github.com/acme/clinic/pkg/idgen"
	"github.com/acme/clinic/pkg/timeutil"
)

// Fee is one entry of the fee schedule.
type Fee struct {
	Code        string
	Description string
	Cents       int64
}

// FeeSchedule is keyed by CPT (or internal) code.
type FeeSchedule map[string]Fee

const (
	CodeLateCancel = "LATECXL"
	CodeNoShow     = "NOSHOW"
	labCodePrefix  = "LAB-"
)

// DefaultFees is the 2024 self-pay fee schedule.
var DefaultFees = FeeSchedule{
	"99203":        {"99203", "Office visit, new patient, low complexity", 16500},
	"99204":        {"99204", "Office visit, new patient, moderate complexity", 24500},
	"99213":        {"99213", "Office visit, established patient, low complexity", 11000},
	"99214":        {"99214", "Office visit, established patient, moderate complexity", 16000},
	"99442":        {"99442", "Telehealth visit, 11-20 minutes", 9000},
	"17110":        {"17110", "Destruction of benign lesions, up to 14", 18500},
	"36415":        {"36415", "Venipuncture", 1200},
	CodeLateCancel: {CodeLateCancel, "Late cancellation fee", 5000},
	CodeNoShow:     {CodeNoShow, "Missed appointment fee", 7500},
}

// VisitCode picks the evaluation & management code for a visit.
func VisitCode(vt domain.VisitType, newPatient bool) string {
	switch {
	case vt == domain.VisitTelehealth:
		return "99442"
	case vt == domain.VisitProcedure:
		return "17110"
	case newPatient && vt == domain.VisitConsult:
		return "99204"
	case newPatient:
		return "99203"
	case vt == domain.VisitConsult:
		return "99214"
	}
	return "99213"
}

// Builder creates invoices.
type Builder struct {
	fees      FeeSchedule
	labs      orders.Catalog
	taxRate   float64
	termsDays int
	clock     timeutil.Clock
}

func NewBuilder(fees FeeSchedule, labs orders.Catalog, taxRate float64, termsDays int, clock timeutil.Clock) *Builder {
	if termsDays <= 0 {
		termsDays = 30
	}
	return &Builder{fees: fees, labs: labs, taxRate: taxRate, termsDays: termsDays, clock: clock}
}

func (b *Builder) newInvoice(patient domain.PatientID, appt domain.AppointmentID) domain.Invoice {
	now := b.clock.Now()
	return domain.Invoice{
		ID:            domain.InvoiceID(idgen.New("inv")),
		PatientID:     patient,
		AppointmentID: appt,
		Status:        domain.InvoiceDraft,
		IssuedAt:      now,
		DueAt:         now.AddDate(0, 0, b.termsDays),
	}
}

// AddLine adds qty of a fee-schedule code.
func (b *Builder) AddLine(inv *domain.Invoice, code string, qty int) error {
	fee, ok := b.fees[code]
	if !ok {
		return errs.Errorf("invoices.AddLine", errs.KindInvalid, "code %s is not on the fee schedule", code)
	}
	for i := range inv.Lines {
		if inv.Lines[i].Code == code {
			inv.Lines[i].Quantity += qty
			return nil
		}
	}
	inv.Lines = append(inv.Lines, domain.InvoiceLine{Code: fee.Code, Description: fee.Description, Quantity: qty, UnitCents: fee.Cents})
	return nil
}

// addLab prices a lab test from the lab catalog.
func (b *Builder) addLab(inv *domain.Invoice, testCode string) error {
	t, ok := b.labs.Lookup(testCode)
	if !ok {
		return errs.Errorf("invoices.addLab", errs.KindInvalid, "unknown lab test %s", testCode)
	}
	inv.Lines = append(inv.Lines, domain.InvoiceLine{
		Code: labCodePrefix + t.Code, Description: t.Name, Quantity: 1, UnitCents: t.PriceCents,
	})
	return nil
}

// ForVisit builds the invoice for a completed visit, including lab
// tests ordered during it. One venipuncture is charged per visit with
// blood work, however many tubes were drawn.
func (b *Builder) ForVisit(appt domain.Appointment, newPatient bool, labs []domain.LabOrder) (domain.Invoice, error) {
	const op errs.Op = "invoices.ForVisit"
	if appt.Status != domain.AppointmentCompleted {
		return domain.Invoice{}, errs.Errorf(op, errs.KindConflict, "appointment is %s, not completed", appt.Status)
	}
	inv := b.newInvoice(appt.PatientID, appt.ID)
	if err := b.AddLine(&inv, VisitCode(appt.VisitType, newPatient), 1); err != nil {
		return inv, errs.Wrap(op, err)
	}
	drawn := false
	for _, o := range labs {
		if o.Status == domain.LabCancelled {
			continue
		}
		for _, code := range o.TestCodes {
			if err := b.addLab(&inv, code); err != nil {
				return inv, errs.Wrap(op, fmt.Errorf("order %s: %w", o.ID, err))
			}
			if t, _ := b.labs.Lookup(code); t.Specimen != "urine" {
				drawn = true
			}
		}
	}
	if drawn {
		if err := b.AddLine(&inv, "36415", 1); err != nil {
			return inv, errs.Wrap(op, err)
		}
	}
	b.Finalize(&inv)
	return inv, nil
}

// LateCancellation builds the invoice for a late cancellation fee.
func (b *Builder) LateCancellation(appt domain.Appointment) (domain.Invoice, error) {
	inv := b.newInvoice(appt.PatientID, appt.ID)
	if err := b.AddLine(&inv, CodeLateCancel, 1); err != nil {
		return inv, err
	}
	b.Finalize(&inv)
	return inv, nil
}

// Finalize computes totals and issues the invoice. Clinical services are
// tax-exempt here; only the administrative fees are taxed.
func (b *Builder) Finalize(inv *domain.Invoice) {
	var taxable int64
	for _, l := range inv.Lines {
		if l.Code == CodeLateCancel || l.Code == CodeNoShow {
			taxable += l.TotalCents()
		}
	}
	inv.Recalculate(0)
	inv.TaxCents = int64(float64(taxable)*b.taxRate + 0.5)
	inv.Status = domain.InvoiceIssued
}
