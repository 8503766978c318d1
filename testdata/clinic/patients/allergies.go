package patients

import (
	"context"
	"strings"

	"github.com/acme/clinic/patients/model"
	"github.com/acme/clinic/pkg/domain"
	"github.com/acme/clinic/pkg/errs"
)

func (s *Service) Allergies(ctx context.Context, id domain.PatientID) ([]model.Allergy, error) {
	list, err := s.repo.Allergies(ctx, id)
	return list, errs.Wrap("patients.Allergies", err)
}

// AllergicTo returns the recorded allergies that match any of the given
// substances (drug names or drug classes). Pharmacy calls this before
// accepting a prescription.
func (s *Service) AllergicTo(ctx context.Context, id domain.PatientID, substances ...string) ([]model.Allergy, error) {
	list, err := s.repo.Allergies(ctx, id)
	if err != nil {
		return nil, errs.Wrap("patients.AllergicTo", err)
	}
	var hits []model.Allergy
	for _, a := range list {
		for _, sub := range substances {
			if a.Matches(sub) {
				hits = append(hits, a)
				break
			}
		}
	}
	return hits, nil
}

func (s *Service) RecordAllergy(ctx context.Context, id domain.PatientID, by domain.StaffID, substance, reaction string, sev model.Severity) (model.Allergy, error) {
	const op errs.Op = "patients.RecordAllergy"
	f := errs.Fields{}
	f.Check(strings.TrimSpace(substance) != "", "substance", "required")
	f.Check(sev.Valid(), "severity", "must be mild, moderate or severe")
	if err := f.Err(op); err != nil {
		return model.Allergy{}, err
	}
	if ok, err := s.Exists(ctx, id); err != nil {
		return model.Allergy{}, errs.Wrap(op, err)
	} else if !ok {
		return model.Allergy{}, errs.Errorf(op, errs.KindNotFound, "patient %s not found", id)
	}
	existing, err := s.AllergicTo(ctx, id, substance)
	if err != nil {
		return model.Allergy{}, errs.Wrap(op, err)
	}
	if len(existing) > 0 {
		return existing[0], errs.Errorf(op, errs.KindConflict, "allergy to %s already recorded", existing[0].Substance)
	}
	a := model.Allergy{PatientID: id, Substance: strings.TrimSpace(substance), Reaction: reaction, Severity: sev, RecordedBy: by, RecordedAt: s.clock.Now()}
	a.ID, err = s.repo.AddAllergy(ctx, a)
	return a, errs.Wrap(op, err)
}
