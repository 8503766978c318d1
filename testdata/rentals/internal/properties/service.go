// Package properties manages the property portfolio.
package properties

import (
	"context"
	"strings"
	"time"

	"github.com/keystoneprop/platform/internal/errs"
	"github.com/keystoneprop/platform/internal/ids"
	"github.com/keystoneprop/platform/internal/models"
)

type Service struct {
	store         *Store
	defaultFeeBps int64
}

func NewService(store *Store, defaultFeeBps int64) *Service {
	return &Service{store: store, defaultFeeBps: defaultFeeBps}
}

var usStates = map[string]bool{"CA": true, "OR": true, "WA": true, "NV": true, "AZ": true, "TX": true, "CO": true, "UT": true, "ID": true}

func (s *Service) Create(ctx context.Context, p models.Property) (models.Property, error) {
	p.Name = strings.TrimSpace(p.Name)
	p.Address.State = strings.ToUpper(p.Address.State)
	if p.Name == "" || p.Address.Line1 == "" || p.Address.City == "" {
		return p, errs.E(errs.Invalid, "name and address are required")
	}
	if !usStates[p.Address.State] {
		return p, errs.E(errs.Invalid, "we do not manage property in %q", p.Address.State)
	}
	if p.OwnerID == "" {
		return p, errs.E(errs.Invalid, "owner_id is required")
	}
	if p.MgmtFeeBps == 0 {
		p.MgmtFeeBps = s.defaultFeeBps
	}
	if p.MgmtFeeBps < 0 || p.MgmtFeeBps > 2000 {
		return p, errs.E(errs.Invalid, "management fee must be between 0%% and 20%%")
	}
	p.ID = ids.New(ids.Property)
	p.Active = true
	p.CreatedAt = time.Now().UTC()
	return p, s.store.Insert(ctx, p)
}

func (s *Service) Get(ctx context.Context, id string) (models.Property, error) {
	return s.store.Get(ctx, id)
}

func (s *Service) List(ctx context.Context, f Filter) ([]models.Property, error) {
	return s.store.List(ctx, f)
}

func (s *Service) ListForOwner(ctx context.Context, ownerID string) ([]models.Property, error) {
	active := true
	return s.store.List(ctx, Filter{OwnerID: ownerID, Active: &active, Limit: 1000})
}

func (s *Service) Deactivate(ctx context.Context, id string) error {
	p, err := s.store.Get(ctx, id)
	if err != nil {
		return err
	}
	occ, _, err := s.store.Occupancy(ctx, id)
	if err != nil {
		return err
	}
	if occ > 0 {
		return errs.E(errs.Conflict, "property %s still has %d occupied units", id, occ)
	}
	p.Active = false
	return s.store.Update(ctx, p)
}

func (s *Service) OccupancyRate(ctx context.Context, id string) (float64, error) {
	occ, total, err := s.store.Occupancy(ctx, id)
	if err != nil || total == 0 {
		return 0, err
	}
	return float64(occ) / float64(total), nil
}
