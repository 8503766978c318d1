// Package ports declares the inventory repositories.
package ports

import (
	"context"
	"time"

	"gatehouse.events/platform/internal/inventory/domain"
)

// SeatRepository reads and transitions reserved seats.
type SeatRepository interface {
	ByIDs(ctx context.Context, eventID string, ids []string) ([]domain.Seat, error)
	BestAvailable(ctx context.Context, eventID, section string, n int) ([]domain.Seat, error)
	Transition(ctx context.Context, ids []string, from, to domain.SeatState, holdID string) (int, error)
	Availability(ctx context.Context, eventID string) ([]domain.SectionAvailability, error)
}

// GARepository manages general-admission pools.
type GARepository interface {
	Pool(ctx context.Context, eventID, section string) (domain.GAPool, error)
	Adjust(ctx context.Context, eventID, section string, heldDelta, soldDelta int) error
}

// HoldRepository stores holds.
type HoldRepository interface {
	Create(ctx context.Context, h *domain.Hold) error
	Get(ctx context.Context, id string) (*domain.Hold, error)
	Save(ctx context.Context, h *domain.Hold) error
	DueForExpiry(ctx context.Context, now time.Time, limit int) ([]string, error)
}

// Transactor runs fn atomically.
type Transactor interface {
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
}
