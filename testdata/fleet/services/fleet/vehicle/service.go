package vehicle

import (
	"context"
	"time"

	"gitlab.com/roadrunner/fleet/entities"
	"gitlab.com/roadrunner/fleet/lib/clock"
	"gitlab.com/roadrunner/fleet/lib/dbx"
	"gitlab.com/roadrunner/fleet/lib/errs"
	"gitlab.com/roadrunner/fleet/lib/ids"
	"gitlab.com/roadrunner/fleet/lib/xlog"
)

// Filter narrows List.
type Filter struct {
	Status Status
	Class  entities.VehicleClass
	Page   dbx.Page
}

// Repository persists vehicles. pgstore implements it.
type Repository interface {
	Get(ctx context.Context, id string) (Vehicle, error)
	GetByPlate(ctx context.Context, plate string) (Vehicle, error)
	List(ctx context.Context, f Filter) ([]Vehicle, error)
	Insert(ctx context.Context, v Vehicle) error
	UpdateStatus(ctx context.Context, id string, from, to Status, at time.Time) error
	UpdateOdometer(ctx context.Context, id string, km float64, at time.Time) error
}

// Service is the vehicles module API used by the rest of the monolith.
type Service struct {
	repo  Repository
	clock clock.Clock
}

// NewService wires the service.
func NewService(repo Repository, clk clock.Clock) *Service {
	return &Service{repo: repo, clock: clk}
}

// Register adds a vehicle to the fleet.
func (s *Service) Register(ctx context.Context, v Vehicle) (Vehicle, error) {
	const op = "vehicle.Register"
	v.ID, v.Plate, v.Status, v.CreatedAt = ids.New(ids.Vehicle), NormalisePlate(v.Plate), StatusActive, s.clock.Now()
	if err := v.Validate(); err != nil {
		return Vehicle{}, err
	}
	if _, err := s.repo.GetByPlate(ctx, v.Plate); err == nil {
		return Vehicle{}, errs.Conflict(op, "plate %s already registered", v.Plate)
	} else if !errs.Is(err, errs.KindNotFound) {
		return Vehicle{}, errs.Wrap(op, err)
	}
	if err := s.repo.Insert(ctx, v); err != nil {
		return Vehicle{}, errs.Wrap(op, err)
	}
	xlog.From(ctx).Info("vehicle registered", "id", v.ID, "plate", v.Plate)
	return v, nil
}

// Get returns one vehicle.
func (s *Service) Get(ctx context.Context, id string) (Vehicle, error) { return s.repo.Get(ctx, id) }

// ByPlate looks a vehicle up by its number plate.
func (s *Service) ByPlate(ctx context.Context, plate string) (Vehicle, error) {
	return s.repo.GetByPlate(ctx, NormalisePlate(plate))
}

// List returns vehicles matching f.
func (s *Service) List(ctx context.Context, f Filter) ([]Vehicle, error) {
	f.Page = f.Page.Clamp()
	return s.repo.List(ctx, f)
}

// Available lists vehicles of a class that can be dispatched now.
func (s *Service) Available(ctx context.Context, class entities.VehicleClass) ([]Vehicle, error) {
	return s.repo.List(ctx, Filter{Status: StatusActive, Class: class, Page: dbx.Page{Limit: 500}})
}

func (s *Service) move(ctx context.Context, op, id string, to Status) error {
	v, err := s.repo.Get(ctx, id)
	if err != nil {
		return errs.Wrap(op, err)
	}
	if v.Status == to {
		return nil
	}
	if !CanMove(v.Status, to) {
		return errs.Conflict(op, "vehicle %s is %s, cannot become %s", v.Plate, v.Status, to)
	}
	return errs.Wrap(op, s.repo.UpdateStatus(ctx, id, v.Status, to, s.clock.Now()))
}

// Reserve marks a vehicle as out on a trip.
func (s *Service) Reserve(ctx context.Context, id string) error {
	return s.move(ctx, "vehicle.Reserve", id, StatusOnTrip)
}

// Release puts a vehicle back into the available pool.
func (s *Service) Release(ctx context.Context, id string) error {
	return s.move(ctx, "vehicle.Release", id, StatusActive)
}

// MarkInShop takes a vehicle out of service for maintenance.
func (s *Service) MarkInShop(ctx context.Context, id string) error {
	return s.move(ctx, "vehicle.MarkInShop", id, StatusInShop)
}

// RecordOdometer stores a new reading; readings never go backwards.
func (s *Service) RecordOdometer(ctx context.Context, id string, km float64) error {
	v, err := s.repo.Get(ctx, id)
	if err != nil {
		return errs.Wrap("vehicle.RecordOdometer", err)
	}
	if km < v.OdometerKm {
		return errs.Invalid("vehicle.RecordOdometer", "odometer %.0f km is below current %.0f km", km, v.OdometerKm)
	}
	return s.repo.UpdateOdometer(ctx, id, km, s.clock.Now())
}
