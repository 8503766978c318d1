// Package service is the inventory context's service and the API other
// contexts use to check, reserve and ship stock.
package service

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	catalogevents "example.com/shop/internal/catalog/events"
	"example.com/shop/internal/inventory/reservations"
	"example.com/shop/internal/inventory/stock"
	"example.com/shop/internal/inventory/warehouses"
	"example.com/shop/internal/models"
	"example.com/shop/internal/platform/clock"
	"example.com/shop/internal/platform/db"
	"example.com/shop/internal/platform/errs"
	"example.com/shop/internal/platform/eventbus"
	"example.com/shop/internal/platform/ids"
	"example.com/shop/internal/platform/log"
)

const (
	reservationIDPrefix = "rsv"
	defaultReorderPoint = 5
)

// Line is a quantity of one SKU.
type Line struct {
	SKU      string
	Quantity int
}

// Service manages stock.
type Service struct {
	db           *sql.DB
	stock        *stock.Store
	reservations *reservations.Store
	warehouses   *warehouses.Store
	bus          eventbus.Publisher
	clock        clock.Clock
	ids          ids.Generator
	log          *log.Logger
	ttl          time.Duration
}

// New returns the inventory service; reservations lapse after ttl.
func New(conn *sql.DB, st *stock.Store, rs *reservations.Store, ws *warehouses.Store, bus eventbus.Publisher,
	clk clock.Clock, gen ids.Generator, logger *log.Logger, ttl time.Duration) *Service {
	return &Service{db: conn, stock: st, reservations: rs, warehouses: ws, bus: bus, clock: clk, ids: gen,
		log: logger.Named("inventory"), ttl: ttl}
}

// Available is the number of units of sku that can be sold now.
func (s *Service) Available(ctx context.Context, sku string) (int, error) {
	levels, err := s.stock.Levels(ctx, s.db, sku)
	if err != nil {
		return 0, err
	}
	return models.TotalAvailable(levels), nil
}

// Levels returns the stock of sku per warehouse.
func (s *Service) Levels(ctx context.Context, sku string) ([]models.StockLevel, error) {
	return s.stock.Levels(ctx, s.db, sku)
}

// Reserve sets stock aside for an order shipping to country, taking it
// from the best-ranked warehouses first.
func (s *Service) Reserve(ctx context.Context, orderID, country string, lines []Line) ([]models.Reservation, error) {
	now := s.clock.Now()
	var out []models.Reservation
	err := db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		all, err := s.warehouses.List(ctx, tx, true)
		if err != nil {
			return err
		}
		ranked := warehouses.Rank(all, country)
		for _, line := range lines {
			left := line.Quantity
			for _, w := range ranked {
				if left == 0 {
					break
				}
				level, err := s.stock.Lock(ctx, tx, line.SKU, w.ID)
				if err != nil {
					return err
				}
				take := min(left, level.Available())
				if take == 0 {
					continue
				}
				if err := level.Reserve(take); err != nil {
					return err
				}
				if err := s.stock.Reserve(ctx, tx, line.SKU, w.ID, take, now); err != nil {
					return err
				}
				r := models.Reservation{
					ID: s.ids.New(reservationIDPrefix), OrderID: orderID, SKU: stock.Key(line.SKU),
					WarehouseID: w.ID, Quantity: take, ExpiresAt: now.Add(s.ttl), CreatedAt: now,
				}
				if err := s.reservations.Create(ctx, tx, r); err != nil {
					return err
				}
				out = append(out, r)
				left -= take
			}
			if left > 0 {
				return fmt.Errorf("%w: %s: %d units short", models.ErrInsufficientStock, line.SKU, left)
			}
		}
		return nil
	})
	if errors.Is(err, models.ErrInsufficientStock) {
		return nil, errs.Wrap(errs.KindConflict, "inventory.Reserve", err)
	}
	return out, err
}

// Release gives back the stock reserved for an order.
func (s *Service) Release(ctx context.Context, orderID string) error {
	now := s.clock.Now()
	return db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		rs, err := s.reservations.ForOrder(ctx, tx, orderID)
		if err != nil {
			return err
		}
		for _, r := range rs {
			if err := s.stock.Release(ctx, tx, r.SKU, r.WarehouseID, r.Quantity, now); err != nil {
				return err
			}
		}
		_, err = s.reservations.DeleteForOrder(ctx, tx, orderID)
		return err
	})
}

// Commit ships the stock reserved for an order.
func (s *Service) Commit(ctx context.Context, orderID string) error {
	now := s.clock.Now()
	var low []eventbus.Event
	err := db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		rs, err := s.reservations.ForOrder(ctx, tx, orderID)
		if err != nil {
			return err
		}
		if len(rs) == 0 {
			return errs.Conflict("inventory.Commit", "order %s has no reserved stock", orderID)
		}
		for _, r := range rs {
			if err := s.stock.Consume(ctx, tx, r.SKU, r.WarehouseID, r.Quantity, orderID, now); err != nil {
				return err
			}
			level, err := s.stock.Lock(ctx, tx, r.SKU, r.WarehouseID)
			if err != nil {
				return err
			}
			if level.NeedsReorder() {
				low = append(low, StockLow{SKU: level.SKU, WarehouseID: level.WarehouseID, Available: level.Available()})
			}
		}
		_, err = s.reservations.DeleteForOrder(ctx, tx, orderID)
		return err
	})
	if err != nil {
		return err
	}
	if len(low) > 0 {
		if err := s.bus.Publish(ctx, low...); err != nil {
			s.log.Warn("stock low handlers failed", log.Err(err))
		}
	}
	return nil
}

// Receive books incoming goods.
func (s *Service) Receive(ctx context.Context, sku, warehouseID string, qty int, ref string) error {
	if qty <= 0 {
		return errs.Invalid("inventory.Receive", "quantity must be positive")
	}
	if _, err := s.warehouses.Get(ctx, warehouseID); err != nil {
		return err
	}
	now := s.clock.Now()
	return db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		if err := s.stock.Ensure(ctx, tx, sku, warehouseID, defaultReorderPoint, now); err != nil {
			return err
		}
		return s.stock.Adjust(ctx, tx, stock.Movement{
			SKU: sku, WarehouseID: warehouseID, Delta: qty, Reason: stock.ReasonReceived, Reference: ref, At: now,
		})
	})
}

// ExpireReservations releases reservations whose orders were never paid.
func (s *Service) ExpireReservations(ctx context.Context) (int64, error) {
	return s.reservations.Expire(ctx, s.clock.Now())
}

// LowStock lists the stock levels that need reordering.
func (s *Service) LowStock(ctx context.Context) ([]stock.LowStock, error) {
	return s.stock.LowStock(ctx)
}

// HandleProductCreated creates empty stock levels for a new product in
// every active warehouse, so that it shows up in stock reports.
func (s *Service) HandleProductCreated(ctx context.Context, e eventbus.Event) error {
	ev, ok := e.(catalogevents.ProductCreated)
	if !ok {
		return fmt.Errorf("inventory: unexpected event %T", e)
	}
	return db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		ws, err := s.warehouses.List(ctx, tx, true)
		if err != nil {
			return err
		}
		for _, w := range ws {
			if err := s.stock.Ensure(ctx, tx, ev.SKU, w.ID, defaultReorderPoint, ev.At); err != nil {
				return err
			}
		}
		return nil
	})
}

// StockLowName is the name of StockLow events.
const StockLowName = "inventory.stock_low"

// StockLow is published when shipping takes a SKU to its reorder point.
type StockLow struct {
	SKU         string
	WarehouseID string
	Available   int
}

// EventName implements eventbus.Event.
func (StockLow) EventName() string { return StockLowName }
