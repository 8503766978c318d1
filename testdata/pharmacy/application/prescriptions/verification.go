package prescriptions

import (
	"context"
	"log/slog"
	"time"

	"rxnow.health/backend/domain/prescriptions"
	"rxnow.health/backend/infrastructure/npiregistry"
	"rxnow.health/backend/kernel/errs"
)

// Registry looks up practitioners in an authoritative registry.
type Registry interface {
	Lookup(ctx context.Context, npi string) (npiregistry.Result, error)
}

// ReverifyAfter is how long a registry verification stays valid.
const ReverifyAfter = 30 * 24 * time.Hour

// Verifier checks prescribers against the NPI registry and caches the
// result in the prescribers table.
type Verifier struct {
	repo     Repository
	registry Registry
	log      *slog.Logger
	now      func() time.Time
}

// NewVerifier builds a verifier.
func NewVerifier(repo Repository, registry Registry, log *slog.Logger) *Verifier {
	return &Verifier{repo: repo, registry: registry, log: log, now: time.Now}
}

// Ensure returns a verified prescriber for npi, consulting the registry
// when there is no fresh verification on file.
func (v *Verifier) Ensure(ctx context.Context, npi string) (prescriptions.Prescriber, error) {
	const op = "prescriptions.Verifier.Ensure"
	if !prescriptions.ValidNPI(npi) {
		return prescriptions.Prescriber{}, errs.Invalidf(op, "NPI %q fails check digit", npi)
	}
	p, err := v.repo.GetPrescriberByNPI(ctx, npi)
	switch {
	case err == nil && p.Verified && p.VerifiedAt != nil && v.now().Sub(*p.VerifiedAt) < ReverifyAfter:
		return p, nil
	case err != nil && !errs.Is(err, errs.NotFound):
		return p, err
	}
	p.NPI = npi
	return p, v.refresh(ctx, &p)
}

func (v *Verifier) refresh(ctx context.Context, p *prescriptions.Prescriber) error {
	res, err := v.registry.Lookup(ctx, p.NPI)
	if err != nil {
		if errs.Is(err, errs.NotFound) {
			p.Verified = false
			p.Deactivated = true
			_ = v.repo.UpsertPrescriber(ctx, p)
		}
		return err
	}
	now := v.now()
	p.FirstName, p.LastName, p.State, p.Taxonomy = res.FirstName, res.LastName, res.State, res.Taxonomy
	p.Verified = res.Active
	p.Deactivated = !res.Active
	p.VerifiedAt = &now
	return v.repo.UpsertPrescriber(ctx, p)
}
