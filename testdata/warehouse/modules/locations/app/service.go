// Package app provides location use-cases: creating bins and suggesting
// putaway destinations.
package app

import (
	"context"

	"shipwell.io/wms/modules/locations/domain"
	"shipwell.io/wms/modules/locations/infra"
	"shipwell.io/wms/pkg/apperr"
	"shipwell.io/wms/pkg/models"
)

type Service struct {
	Store *infra.Store
}

func New(s *infra.Store) *Service { return &Service{Store: s} }

func (s *Service) Create(ctx context.Context, l *models.Location) error {
	if err := domain.Validate(l); err != nil {
		return err
	}
	if existing, err := s.Store.GetByCode(ctx, l.Code); err == nil {
		return apperr.Conflict("location %s already exists as %s", l.Code, existing.ID)
	}
	return s.Store.Create(ctx, l)
}

// SuggestPutaway picks a destination for received stock: the item's fast
// movers go to the forward pick zone, everything else to reserve.
func (s *Service) SuggestPutaway(ctx context.Context, item models.Item, qty int) (*models.Location, error) {
	typ := models.LocReserve
	if item.Velocity == "A" && qty <= item.MaxPickFace {
		typ = models.LocPick
	}
	cands, err := s.Store.Occupancy(ctx, "", typ, 50)
	if err != nil {
		return nil, err
	}
	for _, c := range cands {
		if domain.Fits(c, item, qty) {
			loc := c.Location
			return &loc, nil
		}
	}
	if typ == models.LocPick {
		return s.SuggestPutaway(ctx, models.Item{SKU: item.SKU, Dims: item.Dims, Velocity: "B"}, qty)
	}
	return nil, apperr.Conflict("no reserve location can take %d x %s", qty, item.SKU)
}
