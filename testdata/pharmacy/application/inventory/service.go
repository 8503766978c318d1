// Package inventory implements stock use cases: reservations, dispensing
// against lots, receiving and cycle counts.
package inventory

import (
	"context"
	"log/slog"
	"time"

	"rxnow.health/backend/domain/inventory"
	"rxnow.health/backend/domain/models"
	pginventory "rxnow.health/backend/infrastructure/postgres/inventory"
	"rxnow.health/backend/kernel/errs"
	"rxnow.health/backend/kernel/events"
)

// Service is the inventory API.
type Service struct {
	store *pginventory.Store
	bus   events.Publisher
	log   *slog.Logger
	ttl   time.Duration
	now   func() time.Time
}

// NewService builds the service.
func NewService(store *pginventory.Store, bus events.Publisher, log *slog.Logger, reservationTTL time.Duration) *Service {
	return &Service{store: store, bus: bus, log: log, ttl: reservationTTL, now: time.Now}
}

// Line is a product quantity.
type Line struct {
	ProductID int64
	Quantity  int
}

// ReserveOrder reserves every line, releasing on the first failure.
func (s *Service) ReserveOrder(ctx context.Context, orderID int64, lines []Line) error {
	exp := s.now().Add(s.ttl)
	for _, l := range lines {
		if err := s.store.Reserve(ctx, orderID, l.ProductID, l.Quantity, exp); err != nil {
			if rerr := s.store.ReleaseOrder(ctx, orderID); rerr != nil {
				s.log.Error("release after failed reservation", "order", orderID, "err", rerr)
			}
			return err
		}
		s.checkLow(ctx, l.ProductID)
	}
	return nil
}

// Release frees an order's reservations.
func (s *Service) Release(ctx context.Context, orderID int64) error {
	return s.store.ReleaseOrder(ctx, orderID)
}

// Dispense commits the reservation for one product of an order, picking
// lots FEFO. It returns the lot numbers used, which go on the label.
func (s *Service) Dispense(ctx context.Context, orderID, productID int64, daysSupply int, by string) ([]string, error) {
	rs, err := s.store.Reservations(ctx, orderID)
	if err != nil {
		return nil, err
	}
	for _, r := range rs {
		if r.ProductID != productID || r.Committed {
			continue
		}
		lots, err := s.store.Lots(ctx, productID)
		if err != nil {
			return nil, err
		}
		picks, err := inventory.PickFEFO(lots, r.Quantity, s.now(), daysSupply)
		if err != nil {
			return nil, err
		}
		if err := s.store.CommitPicks(ctx, r, picks, by); err != nil {
			return nil, err
		}
		out := make([]string, 0, len(picks))
		for _, p := range picks {
			out = append(out, p.LotNumber)
		}
		return out, nil
	}
	return nil, errs.NotFoundf("inventory.Dispense", "no open reservation for product %d on order %d", productID, orderID)
}

// Receive books a lot.
func (s *Service) Receive(ctx context.Context, l inventory.Lot, by string) (inventory.Lot, error) {
	if l.Quantity <= 0 || l.LotNumber == "" {
		return l, errs.Invalidf("inventory.Receive", "lot number and positive quantity required")
	}
	if !l.ExpiresOn.After(s.now().AddDate(0, 3, 0)) {
		return l, errs.Invalidf("inventory.Receive", "refusing short-dated lot expiring %s", l.ExpiresOn.Format(time.DateOnly))
	}
	return l, s.store.ReceiveLot(ctx, &l, by)
}

// Level returns a product's stock position.
func (s *Service) Level(ctx context.Context, productID int64) (inventory.StockLevel, error) {
	return s.store.Level(ctx, productID)
}

// ExpireReservations releases reservations of abandoned orders. Run by the
// worker every few minutes.
func (s *Service) ExpireReservations(ctx context.Context) (int, error) {
	ids, err := s.store.ExpiredReservationOrders(ctx, s.now())
	if err != nil {
		return 0, err
	}
	for _, id := range ids {
		if err := s.store.ReleaseOrder(ctx, id); err != nil {
			return 0, err
		}
	}
	return len(ids), nil
}

func (s *Service) checkLow(ctx context.Context, productID int64) {
	l, err := s.store.Level(ctx, productID)
	if err != nil {
		return
	}
	if l.NeedsReorder() {
		s.bus.Publish(ctx, models.EventStockLow, models.StockLow{ProductID: productID, Available: l.Available(), Reorder: l.ReorderQty})
	}
}
