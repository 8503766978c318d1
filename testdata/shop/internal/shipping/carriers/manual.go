package carriers

import (
	"context"
	"fmt"
	"sync/atomic"

	"example.com/shop/internal/platform/money"
)

// Manual is the "carrier" for parcels handed over at the counter: it makes
// up tracking numbers and never reports progress.
type Manual struct {
	seq atomic.Int64
}

// Code implements Carrier.
func (m *Manual) Code() string { return "manual" }

// Services implements Carrier.
func (m *Manual) Services() []string { return []string{"standard"} }

// Book implements Carrier.
func (m *Manual) Book(_ context.Context, req Request) (Booking, error) {
	if len(req.Parcels) == 0 {
		return Booking{}, fmt.Errorf("manual: shipment %s has no parcels", req.ShipmentID)
	}
	n := m.seq.Add(1)
	return Booking{TrackingNumber: fmt.Sprintf("MAN-%08d", n), Cost: money.Zero(money.EUR)}, nil
}

// Track implements Carrier.
func (m *Manual) Track(context.Context, string) ([]Checkpoint, error) { return nil, nil }
