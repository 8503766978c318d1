// Package app implements outbound order use-cases.
package app

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"time"

	clientsinfra "shipwell.io/wms/modules/clients/infra"
	invapp "shipwell.io/wms/modules/inventory/app"
	invdomain "shipwell.io/wms/modules/inventory/domain"
	"shipwell.io/wms/modules/orders/domain"
	"shipwell.io/wms/modules/orders/imports"
	"shipwell.io/wms/modules/orders/infra"
	"shipwell.io/wms/pkg/apperr"
	"shipwell.io/wms/pkg/db"
	"shipwell.io/wms/pkg/events"
	"shipwell.io/wms/pkg/models"
)

type Service struct {
	DB        *sql.DB
	Store     *infra.Store
	Inventory *invapp.Service
	Clients   *clientsinfra.Store
	Events    events.Publisher
	Log       *slog.Logger
	Now       func() time.Time
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

func (s *Service) Get(ctx context.Context, id string) (*models.Order, error) {
	return s.Store.Get(ctx, s.DB, id)
}

// Create validates and stores an order. Orders for inactive clients are
// refused outright.
func (s *Service) Create(ctx context.Context, o *models.Order) error {
	c, err := s.Clients.Get(ctx, o.ClientID)
	if err != nil {
		return err
	}
	if !c.Active {
		return apperr.Forbidden("client %s is not active", c.Code)
	}
	if o.Carrier == "" {
		o.Carrier = c.DefaultCarrier
	}
	if err := domain.Validate(o, s.now()); err != nil {
		return err
	}
	dup, err := s.Store.ExistsRef(ctx, o.ClientID, o.ExternalRef)
	if err != nil {
		return err
	}
	if dup {
		return apperr.Conflict("order %s already exists for client %s", o.ExternalRef, c.Code)
	}
	return db.WithTx(ctx, s.DB, func(tx *sql.Tx) error { return s.Store.Create(ctx, tx, o) })
}

// ImportCSV creates every order in the file; rows that fail are reported
// but do not stop the import.
func (s *Service) ImportCSV(ctx context.Context, r io.Reader, clientID string) (created int, errs []string, err error) {
	orders, err := imports.ParseCSV(r, clientID)
	if err != nil {
		return 0, nil, apperr.Invalid("csv: %v", err)
	}
	for _, o := range orders {
		if err := s.Create(ctx, o); err != nil {
			errs = append(errs, fmt.Sprintf("%s: %v", o.ExternalRef, err))
			continue
		}
		created++
	}
	return created, errs, nil
}

// Allocate reserves stock through the inventory service and updates the
// order status according to the client's backorder setting.
func (s *Service) Allocate(ctx context.Context, id string) (*models.Order, error) {
	o, err := s.Store.Get(ctx, s.DB, id)
	if err != nil {
		return nil, err
	}
	if o.Status != models.OrderNew && o.Status != models.OrderBackorder {
		return nil, apperr.Conflict("order %s is %s", o.ID, o.Status)
	}
	c, err := s.Clients.Get(ctx, o.ClientID)
	if err != nil {
		return nil, err
	}
	policy := invdomain.FIFO
	if c.LotControlled {
		policy = invdomain.FEFO
	}
	res, err := s.Inventory.Allocate(ctx, o, policy)
	if err != nil {
		return nil, apperr.Wrap(err, "allocate")
	}
	got := map[int]int{}
	for _, a := range res.Allocations {
		got[a.LineNo] += a.Qty
	}
	from := o.Status
	to := domain.ApplyAllocation(o, got, res.Short, c.AllowBackorder)
	err = db.WithTx(ctx, s.DB, func(tx *sql.Tx) error {
		if err := s.Store.SaveLineAllocations(ctx, tx, o); err != nil {
			return err
		}
		if to == from {
			return nil
		}
		if err := domain.Transition(o, to); err != nil {
			return err
		}
		return s.Store.SetStatus(ctx, tx, o.ID, from, to)
	})
	return o, err
}

func (s *Service) Cancel(ctx context.Context, id, reason string) error {
	o, err := s.Store.Get(ctx, s.DB, id)
	if err != nil {
		return err
	}
	if err := domain.Cancellable(o); err != nil {
		return err
	}
	if err := s.Inventory.Deallocate(ctx, o.ID); err != nil {
		return apperr.Wrap(err, "deallocate")
	}
	return db.WithTx(ctx, s.DB, func(tx *sql.Tx) error {
		if err := s.Store.SetStatus(ctx, tx, o.ID, o.Status, models.OrderCancelled); err != nil {
			return err
		}
		ev, err := events.New(events.OrderCancelled, o.ID, o.ClientID, map[string]string{"reason": reason})
		if err != nil {
			return err
		}
		return s.Events.Publish(ctx, tx, ev)
	})
}

// MarkPicking and MarkPacked are called by fulfillment as work progresses.
func (s *Service) MarkPicking(ctx context.Context, id string) error {
	return s.Store.SetStatus(ctx, s.DB, id, models.OrderReleased, models.OrderPicking)
}

func (s *Service) MarkPacked(ctx context.Context, id string) error {
	o, err := s.Store.Get(ctx, s.DB, id)
	if err != nil {
		return err
	}
	if err := domain.Transition(o, models.OrderPacked); err != nil {
		return err
	}
	return s.Store.SetStatus(ctx, s.DB, id, models.OrderPicking, models.OrderPacked)
}

// AllocatePending is the worker job that retries new and backordered orders.
func (s *Service) AllocatePending(ctx context.Context) error {
	ids, err := s.Store.IDsByStatus(ctx, 500, models.OrderNew, models.OrderBackorder)
	if err != nil {
		return err
	}
	ok := 0
	for _, id := range ids {
		o, err := s.Allocate(ctx, id)
		if err != nil {
			s.Log.Warn("allocation failed", "order", id, "err", err)
			continue
		}
		if o.Status == models.OrderAllocated {
			ok++
		}
	}
	s.Log.Info("allocation pass", "candidates", len(ids), "allocated", ok)
	return nil
}
