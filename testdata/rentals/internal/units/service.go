// Package units manages rentable units and their occupancy status machine.
package units

import (
	"context"
	"database/sql"
	"time"

	"github.com/keystoneprop/platform/internal/db"
	"github.com/keystoneprop/platform/internal/errs"
	"github.com/keystoneprop/platform/internal/events"
	"github.com/keystoneprop/platform/internal/ids"
	"github.com/keystoneprop/platform/internal/models"
	"github.com/keystoneprop/platform/internal/money"
	"github.com/keystoneprop/platform/internal/properties"
)

// allowed lists the legal status transitions.
var allowed = map[models.UnitStatus][]models.UnitStatus{
	models.UnitVacant:    {models.UnitListed, models.UnitMakeReady, models.UnitOffline, models.UnitPending},
	models.UnitMakeReady: {models.UnitVacant, models.UnitListed},
	models.UnitListed:    {models.UnitPending, models.UnitVacant, models.UnitOffline},
	models.UnitPending:   {models.UnitOccupied, models.UnitListed, models.UnitVacant},
	models.UnitOccupied:  {models.UnitNotice},
	models.UnitNotice:    {models.UnitOccupied, models.UnitMakeReady, models.UnitVacant},
	models.UnitOffline:   {models.UnitVacant},
}

type Service struct {
	conn  *sql.DB
	store *Store
	props *properties.Service
}

func NewService(conn *sql.DB, store *Store, props *properties.Service) *Service {
	return &Service{conn: conn, store: store, props: props}
}

func (s *Service) Get(ctx context.Context, id string) (models.Unit, error) {
	return s.store.Get(ctx, id)
}

func (s *Service) ListByProperty(ctx context.Context, propertyID string) ([]models.Unit, error) {
	return s.store.ListByProperty(ctx, propertyID)
}

func (s *Service) Vacant(ctx context.Context) ([]models.Unit, error) {
	return s.store.ListByStatus(ctx, models.UnitVacant)
}

func (s *Service) Create(ctx context.Context, u models.Unit) (models.Unit, error) {
	p, err := s.props.Get(ctx, u.PropertyID)
	if err != nil {
		return u, err
	}
	if !p.Active {
		return u, errs.E(errs.Conflict, "property is inactive")
	}
	if u.Label == "" || u.Bedrooms < 0 || u.MarketRent <= 0 {
		return u, errs.E(errs.Invalid, "label and positive market rent are required")
	}
	u.ID = ids.New(ids.Unit)
	u.Status = models.UnitVacant
	u.UpdatedAt = time.Now().UTC()
	return u, s.store.Insert(ctx, u)
}

func (s *Service) SetMarketRent(ctx context.Context, id string, rent money.Cents) error {
	if rent <= 0 {
		return errs.E(errs.Invalid, "rent must be positive")
	}
	return s.store.UpdateMarketRent(ctx, id, int64(rent))
}

// Transition moves a unit to a new status, validating the state machine and
// publishing unit.status_changed in the same transaction.
func (s *Service) Transition(ctx context.Context, id string, to models.UnitStatus) error {
	u, err := s.store.Get(ctx, id)
	if err != nil {
		return err
	}
	if u.Status == to {
		return nil
	}
	ok := false
	for _, t := range allowed[u.Status] {
		if t == to {
			ok = true
		}
	}
	if !ok {
		return errs.E(errs.Conflict, "unit %s cannot move from %s to %s", id, u.Status, to)
	}
	return db.WithTx(ctx, s.conn, func(tx *sql.Tx) error {
		if err := s.store.SetStatus(ctx, tx, id, u.Status, to); err != nil {
			return err
		}
		return events.Publish(ctx, tx, models.EvtUnitStatusChanged, models.UnitStatusChanged{UnitID: id, From: u.Status, To: to})
	})
}

func (s *Service) MarkOccupied(ctx context.Context, id string) error {
	return s.Transition(ctx, id, models.UnitOccupied)
}

func (s *Service) MarkNotice(ctx context.Context, id string) error {
	return s.Transition(ctx, id, models.UnitNotice)
}

func (s *Service) MarkMakeReady(ctx context.Context, id string) error {
	return s.Transition(ctx, id, models.UnitMakeReady)
}
