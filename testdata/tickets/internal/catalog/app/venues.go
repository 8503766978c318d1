package app

import (
	"context"

	"gatehouse.events/platform/internal/catalog/domain"
	"gatehouse.events/platform/internal/catalog/ports"
	"gatehouse.events/platform/internal/platform/errs"
	"gatehouse.events/platform/internal/platform/ids"
)

// VenueService manages venues; only staff may create them.
type VenueService struct {
	venues ports.VenueRepository
}

// NewVenueService wires the service.
func NewVenueService(v ports.VenueRepository) *VenueService { return &VenueService{venues: v} }

// Create validates and stores a venue.
func (s *VenueService) Create(ctx context.Context, v domain.Venue) (domain.Venue, error) {
	v.ID = ids.New(ids.PrefixVenue)
	if err := v.Validate(); err != nil {
		return domain.Venue{}, err
	}
	if err := s.venues.Create(ctx, v); err != nil {
		return domain.Venue{}, errs.Wrap(err, "catalog.CreateVenue")
	}
	return v, nil
}

// Get returns a venue.
func (s *VenueService) Get(ctx context.Context, id string) (domain.Venue, error) {
	return s.venues.Get(ctx, id)
}

// List returns venues, optionally filtered by city.
func (s *VenueService) List(ctx context.Context, city string) ([]domain.Venue, error) {
	return s.venues.List(ctx, city)
}
