// Package orders is the public face of the orders context. Other contexts
// and the composition roots use this package, not the domain or postgres
// packages behind it.
package orders

import (
	"context"
	"database/sql"
	"time"

	"example.com/shop/internal/models"
	"example.com/shop/internal/orders/domain"
	"example.com/shop/internal/orders/postgres"
	"example.com/shop/internal/platform/clock"
	"example.com/shop/internal/platform/db"
	"example.com/shop/internal/platform/errs"
	"example.com/shop/internal/platform/eventbus"
	"example.com/shop/internal/platform/log"
)

// IDPrefix is the prefix of order identifiers.
const IDPrefix = "ord"

// Service manages orders after they have been placed.
type Service struct {
	db    *sql.DB
	repo  domain.Repository
	store *postgres.Store
	bus   eventbus.Publisher
	clock clock.Clock
	log   *log.Logger
}

// NewService returns the orders service.
func NewService(conn *sql.DB, store *postgres.Store, bus eventbus.Publisher, clk clock.Clock, logger *log.Logger) *Service {
	return &Service{db: conn, repo: store, store: store, bus: bus, clock: clk, log: logger.Named("orders")}
}

// Get returns an order.
func (s *Service) Get(ctx context.Context, id string) (*models.Order, error) {
	return s.repo.Get(ctx, id)
}

// ForCustomer returns a customer's latest orders.
func (s *Service) ForCustomer(ctx context.Context, customerID string, limit int) ([]models.Order, error) {
	if limit <= 0 || limit > 100 {
		limit = 20
	}
	return s.repo.ListByCustomer(ctx, customerID, limit)
}

// Place stores a freshly built order inside the caller's transaction.
func (s *Service) Place(ctx context.Context, q db.Querier, o *models.Order) error {
	if o.Status != models.OrderAwaitingPayment {
		return errs.Invalid("orders.Place", "order %s is %s, want %s", o.ID, o.Status, models.OrderAwaitingPayment)
	}
	if err := s.repo.Insert(ctx, q, o); err != nil {
		return err
	}
	return s.repo.AppendHistory(ctx, q, domain.HistoryEntry{
		OrderID: o.ID, From: models.OrderPending, To: o.Status, Note: "placed", At: o.PlacedAt,
	})
}

// MarkPaid records that the order's payment was captured.
func (s *Service) MarkPaid(ctx context.Context, orderID, paymentID string) error {
	return s.transition(ctx, orderID, models.OrderPaid, "payment "+paymentID, func(tx *sql.Tx, o *models.Order) error {
		return s.repo.SetPayment(ctx, tx, o.ID, paymentID, s.clock.Now())
	}, func(o *models.Order) eventbus.Event {
		return OrderPaid{OrderID: o.ID, PaymentID: paymentID, CustomerID: o.CustomerID, Total: o.Total}
	})
}

// MarkShipped records that the order left the warehouse.
func (s *Service) MarkShipped(ctx context.Context, orderID, trackingNumber string) error {
	return s.transition(ctx, orderID, models.OrderShipped, "tracking "+trackingNumber, nil, func(o *models.Order) eventbus.Event {
		return OrderShipped{OrderID: o.ID, TrackingNumber: trackingNumber}
	})
}

// MarkDelivered records the delivery of the order.
func (s *Service) MarkDelivered(ctx context.Context, orderID string) error {
	return s.transition(ctx, orderID, models.OrderDelivered, "", nil, func(o *models.Order) eventbus.Event {
		return OrderDelivered{OrderID: o.ID}
	})
}

// Cancel cancels an order that has not shipped yet.
func (s *Service) Cancel(ctx context.Context, orderID, reason string) error {
	o, err := s.repo.Get(ctx, orderID)
	if err != nil {
		return err
	}
	if o.Status == models.OrderCancelled {
		return nil
	}
	if err := domain.ValidateCancel(o, reason); err != nil {
		return errs.Wrap(errs.KindConflict, "orders.Cancel", err)
	}
	return s.transition(ctx, orderID, models.OrderCancelled, reason, nil, func(o *models.Order) eventbus.Event {
		return OrderCancelled{OrderID: o.ID, Reason: reason, WasPaid: o.PaymentID != ""}
	})
}

// History returns the status changes of an order.
func (s *Service) History(ctx context.Context, orderID string) ([]domain.HistoryEntry, error) {
	return s.repo.History(ctx, orderID)
}

// BestSellers ranks what sold best since the given time.
func (s *Service) BestSellers(ctx context.Context, since time.Time, limit int) ([]postgres.BestSeller, error) {
	return s.store.BestSellers(ctx, since, limit)
}

// PurgeAbandoned deletes unpaid orders older than age.
func (s *Service) PurgeAbandoned(ctx context.Context, age time.Duration) (int64, error) {
	n, err := s.store.DeleteAbandoned(ctx, s.clock.Now().Add(-age))
	if err != nil {
		return 0, err
	}
	if n > 0 {
		s.log.Info("purged abandoned orders", log.F("count", n))
	}
	return n, nil
}

func (s *Service) transition(ctx context.Context, orderID string, to models.OrderStatus, note string,
	also func(tx *sql.Tx, o *models.Order) error, event func(o *models.Order) eventbus.Event) error {
	o, err := s.repo.Get(ctx, orderID)
	if err != nil {
		return err
	}
	from := o.Status
	now := s.clock.Now()
	if err := o.Transition(to, now); err != nil {
		return errs.Wrap(errs.KindConflict, "orders.transition", err)
	}
	err = db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		if err := s.repo.UpdateStatus(ctx, tx, o.ID, from, to, now); err != nil {
			return err
		}
		if also != nil {
			if err := also(tx, o); err != nil {
				return err
			}
		}
		return s.repo.AppendHistory(ctx, tx, domain.HistoryEntry{OrderID: o.ID, From: from, To: to, Note: note, At: now})
	})
	if err != nil {
		return err
	}
	s.log.Info("order status changed", log.F("order", o.ID), log.F("from", from), log.F("to", to))
	if event != nil {
		if err := s.bus.Publish(ctx, event(o)); err != nil {
			s.log.Warn("order event handlers failed", log.F("order", o.ID), log.Err(err))
		}
	}
	return nil
}
