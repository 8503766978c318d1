// Package carriers integrates the parcel carriers the shop ships with.
package carriers

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"time"

	"example.com/shop/internal/models"
	"example.com/shop/internal/platform/money"
)

// Checkpoint statuses, normalized across carriers.
const (
	StatusInfoReceived = "info_received"
	StatusInTransit    = "in_transit"
	StatusOutForDeliv  = "out_for_delivery"
	StatusDelivered    = "delivered"
	StatusException    = "exception"
)

// Request asks a carrier to collect parcels.
type Request struct {
	ShipmentID string
	Service    string
	Reference  string
	To         models.Address
	Parcels    []models.Parcel
}

// Booking is the carrier's confirmation.
type Booking struct {
	TrackingNumber string
	Cost           money.Money
}

// Checkpoint is one tracking event.
type Checkpoint struct {
	At       time.Time
	Status   string
	Location string
	Detail   string
}

// Carrier is one carrier integration.
type Carrier interface {
	Code() string
	Services() []string
	Book(ctx context.Context, req Request) (Booking, error)
	Track(ctx context.Context, trackingNumber string) ([]Checkpoint, error)
}

// Registry holds the configured carriers.
type Registry struct {
	mu       sync.RWMutex
	carriers map[string]Carrier
	fallback string
}

// NewRegistry returns a registry; fallback is used when a carrier is not
// found by code.
func NewRegistry(fallback string, cs ...Carrier) *Registry {
	r := &Registry{carriers: map[string]Carrier{}, fallback: fallback}
	for _, c := range cs {
		r.Add(c)
	}
	return r
}

// Add registers a carrier.
func (r *Registry) Add(c Carrier) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.carriers[c.Code()] = c
}

// Get returns the carrier with the given code.
func (r *Registry) Get(code string) (Carrier, error) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	if c, ok := r.carriers[code]; ok {
		return c, nil
	}
	return nil, fmt.Errorf("carriers: no carrier %q", code)
}

// Default returns the fallback carrier.
func (r *Registry) Default() (Carrier, error) { return r.Get(r.fallback) }

// Codes lists the registered carriers.
func (r *Registry) Codes() []string {
	r.mu.RLock()
	defer r.mu.RUnlock()
	out := make([]string, 0, len(r.carriers))
	for code := range r.carriers {
		out = append(out, code)
	}
	sort.Strings(out)
	return out
}
