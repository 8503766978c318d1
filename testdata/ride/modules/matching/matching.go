// Package matching ranks nearby drivers for a trip request and sends the
// offer to the best candidate. It replaced the original "closest driver wins"
// loop in app/trip/service in 2023.
package matching

import (
	"context"
	"errors"
	"math"
	"sort"

	"github.com/zipcab/backend/app/common/entity"
	driverservice "github.com/zipcab/backend/app/driver/service"
	"github.com/zipcab/backend/app/trip/model"
	"github.com/zipcab/backend/app/trip/repository"
	"github.com/zipcab/backend/clients/maps"
	"github.com/zipcab/backend/pkg/geo"
	"github.com/zipcab/backend/pkg/log"
)

// ErrNoCandidates means nobody suitable is nearby right now.
var ErrNoCandidates = errors.New("matching: no candidates")

// Config tunes the matcher.
type Config struct {
	RadiusKm      float64
	MaxCandidates int
	// RadiusGrowth widens the search on each retry attempt.
	RadiusGrowth float64
	MaxRadiusKm  float64
	// RatingWeight trades ETA minutes for rating points.
	RatingWeight float64
}

// DefaultConfig is the launch-city configuration.
func DefaultConfig(radiusKm float64, maxCandidates int) Config {
	return Config{RadiusKm: radiusKm, MaxCandidates: maxCandidates, RadiusGrowth: 1.5, MaxRadiusKm: 12, RatingWeight: 2}
}

// OfferSender pushes an offer to a driver's app (websocket hub).
type OfferSender interface {
	SendOffer(driverID int64, o model.Offer, pickup geo.Point) bool
}

// Candidate is a scored driver.
type Candidate struct {
	Driver entity.Driver
	ETAMin float64
	Score  float64
}

// Matcher finds and offers drivers.
type Matcher struct {
	cfg     Config
	drivers *driverservice.DriverService
	maps    *maps.Client
	trips   *repository.TripRepository
	sender  OfferSender
}

// New returns a matcher.
func New(cfg Config, drivers *driverservice.DriverService, m *maps.Client, trips *repository.TripRepository, sender OfferSender) *Matcher {
	return &Matcher{cfg: cfg, drivers: drivers, maps: m, trips: trips, sender: sender}
}

// Rank returns candidates for a pickup, best first, skipping drivers in exclude.
func (m *Matcher) Rank(ctx context.Context, pickup geo.Point, rt entity.RideType, attempt int, exclude map[int64]bool) ([]Candidate, error) {
	radius := math.Min(m.cfg.RadiusKm*math.Pow(m.cfg.RadiusGrowth, float64(attempt-1)), m.cfg.MaxRadiusKm)
	ds, err := m.drivers.AvailableNear(ctx, pickup, radius, rt, m.cfg.MaxCandidates+len(exclude))
	if err != nil {
		return nil, err
	}
	var pool []entity.Driver
	for _, d := range ds {
		if !exclude[d.ID] && d.Location != nil {
			pool = append(pool, d)
		}
	}
	if len(pool) == 0 {
		return nil, ErrNoCandidates
	}
	origins := make([]geo.Point, len(pool))
	for i, d := range pool {
		origins[i] = *d.Location
	}
	etas, err := m.maps.ETAMatrix(ctx, origins, pickup)
	if err != nil {
		return nil, err
	}
	out := make([]Candidate, len(pool))
	for i, d := range pool {
		rating := d.Rating
		if rating == 0 {
			rating = 4.7 // new drivers get the fleet average
		}
		out[i] = Candidate{Driver: d, ETAMin: etas[i], Score: etas[i] - m.cfg.RatingWeight*(rating-4.5)}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Score < out[j].Score })
	if len(out) > m.cfg.MaxCandidates {
		out = out[:m.cfg.MaxCandidates]
	}
	return out, nil
}

// OfferNext offers the trip to the best driver not yet offered it.
func (m *Matcher) OfferNext(ctx context.Context, req entity.TripRequestedEvent) (model.Offer, error) {
	offered, err := m.trips.DriversOffered(ctx, req.TripID)
	if err != nil {
		return model.Offer{}, err
	}
	cands, err := m.Rank(ctx, req.Pickup, req.RideType, req.Attempt, offered)
	if err != nil {
		return model.Offer{}, err
	}
	l := log.From(ctx).With("trip_id", req.TripID, "attempt", req.Attempt)
	for _, c := range cands {
		o, err := m.trips.CreateOffer(ctx, model.Offer{TripID: req.TripID, DriverID: c.Driver.ID, ETAMin: c.ETAMin, Attempt: req.Attempt})
		if err != nil {
			return model.Offer{}, err
		}
		if m.sender.SendOffer(c.Driver.ID, o, req.Pickup) {
			l.Info("offer sent", "driver_id", c.Driver.ID, "eta_min", c.ETAMin, "score", c.Score)
			return o, nil
		}
		// driver app not connected; don't wait for the timeout
		_ = m.trips.ResolveOffer(ctx, o.ID, model.OfferTimedOut)
	}
	return model.Offer{}, ErrNoCandidates
}
