// Package usecase is the pharmacy application service: writing,
// checking and dispensing prescriptions.
package usecase

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/acme/clinic/patients"
	"github.com/acme/clinic/pharmacy/inventory"
	"github.com/acme/clinic/pharmacy/prescriptions"
	"github.com/acme/clinic/pharmacy/repo"
	"github.com/acme/clinic/pkg/database"
	"github.com/acme/clinic/pkg/domain"
	"github.com/acme/clinic/pkg/errs"
	"github.com/acme/clinic/pkg/idgen"
	"github.com/acme/clinic/pkg/logger"
	"github.com/acme/clinic/pkg/timeutil"
	"github.com/acme/clinic/staff"
)

type Pharmacy struct {
	repo     *repo.Repo
	stock    *inventory.Store
	patients *patients.Service
	staff    *staff.Service
	clock    timeutil.Clock
	log      *logger.Logger
}

func NewPharmacy(r *repo.Repo, stock *inventory.Store, p *patients.Service, s *staff.Service, clock timeutil.Clock, log *logger.Logger) *Pharmacy {
	return &Pharmacy{repo: r, stock: stock, patients: p, staff: s, clock: clock, log: log.Named("pharmacy")}
}

type PrescribeCmd struct {
	PatientID    domain.PatientID
	PrescriberID domain.StaffID
	DrugCode     string
	Dose         string
	Frequency    string
	Quantity     int
	Refills      int
	// Override acknowledges major interactions. Contraindicated pairs
	// can never be overridden here.
	Override bool
}

// AllergyError is returned when the patient is allergic to the drug.
type AllergyError struct {
	Drug      string
	Substance string
	Severity  string
}

func (e *AllergyError) Error() string {
	return fmt.Sprintf("patient has a %s allergy to %s (prescribing %s)", e.Severity, e.Substance, e.Drug)
}

// Prescribe runs the full set of checks and stores the prescription.
// Interactions below the override threshold are returned as warnings.
func (p *Pharmacy) Prescribe(ctx context.Context, cmd PrescribeCmd) (domain.Prescription, []prescriptions.Interaction, error) {
	const op errs.Op = "pharmacy.Prescribe"
	drug, ok := prescriptions.Lookup(cmd.DrugCode)
	if !ok {
		return domain.Prescription{}, nil, errs.Errorf(op, errs.KindInvalid, "%s is not on the formulary", cmd.DrugCode)
	}
	now := p.clock.Now()
	rx := domain.Prescription{
		ID:           domain.PrescriptionID(idgen.New("rx")),
		PatientID:    cmd.PatientID,
		PrescriberID: cmd.PrescriberID,
		DrugCode:     drug.Code,
		DrugName:     drug.Name,
		Dose:         strings.TrimSpace(cmd.Dose),
		Frequency:    strings.ToUpper(strings.TrimSpace(cmd.Frequency)),
		Quantity:     cmd.Quantity,
		Refills:      cmd.Refills,
		Schedule:     drug.Schedule,
		Status:       domain.RxActive,
		WrittenAt:    now,
		ExpiresAt:    now.Add(prescriptions.Validity(drug.Schedule)),
	}
	if err := prescriptions.Validate(rx, drug); err != nil {
		return rx, nil, err
	}
	if err := p.staff.CanPrescribe(ctx, cmd.PrescriberID, drug.Schedule); err != nil {
		return rx, nil, errs.Wrap(op, err)
	}
	allergies, err := p.patients.AllergicTo(ctx, cmd.PatientID, drug.AllergyTerms()...)
	if err != nil {
		return rx, nil, errs.Wrap(op, err)
	}
	if len(allergies) > 0 {
		a := allergies[0]
		return rx, nil, errs.E(op, errs.KindConflict, &AllergyError{Drug: drug.Name, Substance: a.Substance, Severity: string(a.Severity)})
	}
	current, err := p.activeDrugs(ctx, cmd.PatientID, now)
	if err != nil {
		return rx, nil, errs.Wrap(op, err)
	}
	warnings := prescriptions.Interactions(drug, current)
	switch prescriptions.Worst(warnings) {
	case prescriptions.Contra:
		return rx, warnings, errs.New(op, errs.KindConflict, "contraindicated combination with an active prescription")
	case prescriptions.Major:
		if !cmd.Override {
			return rx, warnings, errs.New(op, errs.KindConflict, "major interaction: resubmit with override to proceed")
		}
		p.log.WarnContext(ctx, "major interaction overridden", "rx_id", rx.ID, "prescriber", cmd.PrescriberID)
	}
	if err := p.repo.Insert(ctx, rx); err != nil {
		return rx, warnings, errs.Wrap(op, err)
	}
	return rx, warnings, nil
}

func (p *Pharmacy) activeDrugs(ctx context.Context, pid domain.PatientID, now time.Time) ([]prescriptions.Drug, error) {
	list, err := p.repo.ActiveForPatient(ctx, pid, now)
	if err != nil {
		return nil, err
	}
	var out []prescriptions.Drug
	for _, rx := range list {
		if d, ok := prescriptions.Lookup(rx.DrugCode); ok {
			out = append(out, d)
		}
	}
	return out, nil
}

// Dispensation is the result of a dispense.
type Dispensation struct {
	ID           int64
	Prescription domain.Prescription
	Allocations  []inventory.Allocation
	At           time.Time
}

// Dispense fills a prescription from stock.
func (p *Pharmacy) Dispense(ctx context.Context, id domain.PrescriptionID, pharmacist domain.StaffID) (Dispensation, error) {
	const op errs.Op = "pharmacy.Dispense"
	if err := p.staff.CanDispense(ctx, pharmacist); err != nil {
		return Dispensation{}, errs.Wrap(op, err)
	}
	now := p.clock.Now()
	rx, err := p.repo.Get(ctx, nil, id)
	if err != nil {
		return Dispensation{}, errs.Wrap(op, err)
	}
	if rx.Status != domain.RxActive {
		return Dispensation{}, errs.Errorf(op, errs.KindConflict, "prescription is %s", rx.Status)
	}
	if !now.Before(rx.ExpiresAt) {
		return Dispensation{}, errs.New(op, errs.KindConflict, "prescription has expired")
	}
	d := Dispensation{Prescription: rx, At: now}
	err = database.WithTx(ctx, p.repo.DB(), func(tx *sql.Tx) error {
		allocs, err := p.stock.Take(ctx, tx, rx.DrugCode, rx.Quantity, now)
		if err != nil {
			return err
		}
		d.Allocations = allocs
		d.ID, err = p.repo.RecordDispense(ctx, tx, rx, pharmacist, allocs, now)
		return err
	})
	if err != nil {
		return Dispensation{}, errs.Wrap(op, err)
	}
	return d, nil
}

// ExpireStale is run by clinic-jobs.
func (p *Pharmacy) ExpireStale(ctx context.Context) error {
	n, err := p.repo.ExpireOlderThan(ctx, p.clock.Now())
	if err != nil {
		return err
	}
	if n > 0 {
		p.log.InfoContext(ctx, "prescriptions expired", "count", n)
	}
	return nil
}
