// Package ports declares what the catalog use cases need from the outside.
package ports

import (
	"context"
	"time"

	"gatehouse.events/platform/internal/catalog/domain"
)

// EventRepository persists events and their price tiers.
type EventRepository interface {
	Get(ctx context.Context, id string) (*domain.Event, error)
	Create(ctx context.Context, e *domain.Event) error
	Update(ctx context.Context, e *domain.Event) error
	ListByPromoter(ctx context.Context, promoterID string, limit int) ([]*domain.Event, error)
	ListOnSale(ctx context.Context, f OnSaleFilter) ([]*domain.Event, error)
}

// OnSaleFilter narrows the public event listing.
type OnSaleFilter struct {
	City     string
	Category domain.Category
	From     time.Time
	To       time.Time
	Limit    int
}

// VenueRepository persists venues and seat maps.
type VenueRepository interface {
	Get(ctx context.Context, id string) (domain.Venue, error)
	Create(ctx context.Context, v domain.Venue) error
	List(ctx context.Context, city string) ([]domain.Venue, error)
}
