// Package prescriptions implements prescription intake, pharmacist
// verification and fill recording.
package prescriptions

import (
	"context"
	"strings"
	"time"

	catalogapp "rxnow.health/backend/application/catalog"
	"rxnow.health/backend/domain/models"
	"rxnow.health/backend/domain/prescriptions"
	pgcustomers "rxnow.health/backend/infrastructure/postgres/customers"
	"rxnow.health/backend/kernel/errs"
	"rxnow.health/backend/kernel/events"
)

// Repository persists prescriptions and prescribers.
type Repository interface {
	Create(ctx context.Context, p *prescriptions.Prescription) error
	Get(ctx context.Context, id int64) (prescriptions.Prescription, error)
	UpdateStatus(ctx context.Context, p prescriptions.Prescription) error
	SaveFill(ctx context.Context, p prescriptions.Prescription, f *prescriptions.Fill) error
	ExpireStale(ctx context.Context, now time.Time) (int64, error)
	GetPrescriber(ctx context.Context, id int64) (prescriptions.Prescriber, error)
	GetPrescriberByNPI(ctx context.Context, npi string) (prescriptions.Prescriber, error)
	UpsertPrescriber(ctx context.Context, p *prescriptions.Prescriber) error
}

// Service is the prescriptions API.
type Service struct {
	repo     Repository
	catalog  *catalogapp.Service
	patients *pgcustomers.Store // TODO(rx-412): go through application/customers
	verifier *Verifier
	bus      events.Publisher
	now      func() time.Time
}

// NewService builds the service.
func NewService(repo Repository, catalog *catalogapp.Service, patients *pgcustomers.Store, verifier *Verifier, bus events.Publisher) *Service {
	return &Service{repo: repo, catalog: catalog, patients: patients, verifier: verifier, bus: bus, now: time.Now}
}

// SubmitCommand is a new prescription.
type SubmitCommand struct {
	CustomerID        int64
	PrescriberNPI     string
	ProductID         int64
	Sig               string
	Quantity          int
	DaysSupply        int
	Refills           int
	DispenseAsWritten bool
	Source            string
	WrittenAt         time.Time
}

// Submit records a prescription after checking the prescriber and product.
func (s *Service) Submit(ctx context.Context, cmd SubmitCommand) (prescriptions.Prescription, error) {
	const op = "prescriptions.Submit"
	product, err := s.catalog.View(ctx, cmd.ProductID)
	if err != nil {
		return prescriptions.Prescription{}, errs.Wrap(op, err)
	}
	if !product.RequiresRx {
		return prescriptions.Prescription{}, errs.Invalidf(op, "%s is an OTC product", product.Name)
	}
	prescriber, err := s.verifier.Ensure(ctx, cmd.PrescriberNPI)
	if err != nil {
		return prescriptions.Prescription{}, err
	}
	if err := prescriber.CheckCanPrescribe(product.Schedule); err != nil {
		return prescriptions.Prescription{}, err
	}
	p := prescriptions.Prescription{
		CustomerID: cmd.CustomerID, PrescriberID: prescriber.ID, ProductID: product.ID,
		Drug: product.Name + " " + product.Strength, Sig: cmd.Sig, Quantity: cmd.Quantity, DaysSupply: cmd.DaysSupply,
		RefillsAuthorized: cmd.Refills, DispenseAsWritten: cmd.DispenseAsWritten, Schedule: product.Schedule,
		Source: cmd.Source, WrittenAt: cmd.WrittenAt,
	}
	if err := p.Validate(s.now()); err != nil {
		return p, err
	}
	if err := s.repo.Create(ctx, &p); err != nil {
		return p, errs.Wrap(op, err)
	}
	return p, nil
}

// Get loads a prescription.
func (s *Service) Get(ctx context.Context, id int64) (prescriptions.Prescription, error) {
	return s.repo.Get(ctx, id)
}

// DURWarning is a drug utilisation review finding.
type DURWarning struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Review runs the DUR checks a pharmacist sees before verifying.
func (s *Service) Review(ctx context.Context, id int64) ([]DURWarning, error) {
	p, err := s.repo.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	patient, err := s.patients.FindSummary(ctx, p.CustomerID)
	if err != nil {
		return nil, err
	}
	product, err := s.catalog.View(ctx, p.ProductID)
	if err != nil {
		return nil, err
	}
	var out []DURWarning
	for _, a := range patient.Allergies {
		if strings.Contains(strings.ToLower(product.Generic), a) || strings.Contains(strings.ToLower(product.Name), a) {
			out = append(out, DURWarning{Code: "DA", Message: "patient reports allergy to " + a})
		}
	}
	if len(patient.Allergies) == 0 {
		out = append(out, DURWarning{Code: "NA", Message: "no allergy information on file"})
	}
	return out, nil
}

// Verify approves a prescription.
func (s *Service) Verify(ctx context.Context, id int64, pharmacist string) (prescriptions.Prescription, error) {
	p, err := s.repo.Get(ctx, id)
	if err != nil {
		return p, err
	}
	if err := p.Verify(pharmacist, s.now()); err != nil {
		return p, err
	}
	if err := s.repo.UpdateStatus(ctx, p); err != nil {
		return p, err
	}
	s.bus.Publish(ctx, models.EventPrescriptionVerified, models.PrescriptionEvent{PrescriptionID: p.ID, CustomerID: p.CustomerID})
	return p, nil
}

// Reject rejects a prescription.
func (s *Service) Reject(ctx context.Context, id int64, pharmacist, reason string) (prescriptions.Prescription, error) {
	p, err := s.repo.Get(ctx, id)
	if err != nil {
		return p, err
	}
	if err := p.Reject(pharmacist, reason, s.now()); err != nil {
		return p, err
	}
	if err := s.repo.UpdateStatus(ctx, p); err != nil {
		return p, err
	}
	s.bus.Publish(ctx, models.EventPrescriptionRejected, models.PrescriptionEvent{PrescriptionID: p.ID, CustomerID: p.CustomerID, Reason: reason})
	return p, nil
}

// FillableView returns the prescription as ordering needs it, or an error
// if it cannot be filled right now.
func (s *Service) FillableView(ctx context.Context, id, customerID int64) (models.PrescriptionView, error) {
	p, err := s.repo.Get(ctx, id)
	if err != nil {
		return models.PrescriptionView{}, err
	}
	if p.CustomerID != customerID {
		return models.PrescriptionView{}, errs.Forbiddenf("prescriptions.FillableView", "prescription %d belongs to another patient", id)
	}
	// received prescriptions may be ordered; they are verified before filling
	if p.Status != prescriptions.StatusReceived {
		if err := p.CanFill(s.now()); err != nil {
			return models.PrescriptionView{}, err
		}
	}
	return ToView(p), nil
}

// ToView converts to the shared DTO.
func ToView(p prescriptions.Prescription) models.PrescriptionView {
	return models.PrescriptionView{ID: p.ID, CustomerID: p.CustomerID, PrescriberID: p.PrescriberID, ProductID: p.ProductID,
		Drug: p.Drug, Quantity: p.Quantity, DaysSupply: p.DaysSupply, RefillsRemaining: p.RefillsRemaining(),
		Status: string(p.Status), Schedule: p.Schedule, ExpiresAt: p.ExpiresAt, LastFilledAt: p.LastFilledAt, FillCount: p.FillCount}
}

// RecordFill is called by fulfilment when a line is dispensed.
func (s *Service) RecordFill(ctx context.Context, id, orderID int64, qty int, pharmacist, lot string) error {
	p, err := s.repo.Get(ctx, id)
	if err != nil {
		return err
	}
	f := prescriptions.Fill{PrescriptionID: id, OrderID: orderID, Quantity: qty, DaysSupply: p.DaysSupply, FilledBy: pharmacist, LotNumber: lot, FilledAt: s.now()}
	if err := p.RecordFill(f); err != nil {
		return err
	}
	if err := s.repo.SaveFill(ctx, p, &f); err != nil {
		return err
	}
	s.bus.Publish(ctx, models.EventPrescriptionFilled, models.PrescriptionEvent{PrescriptionID: id, CustomerID: p.CustomerID})
	return nil
}

// ExpireStale is run nightly by the worker.
func (s *Service) ExpireStale(ctx context.Context) (int64, error) {
	return s.repo.ExpireStale(ctx, s.now())
}
