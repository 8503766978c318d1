// Package app is the inventory service: the only sanctioned way for other
// modules to change stock.
package app

import (
	"context"
	"database/sql"
	"time"

	"shipwell.io/wms/modules/inventory/domain"
	"shipwell.io/wms/modules/inventory/infra"
	locapp "shipwell.io/wms/modules/locations/app"
	"shipwell.io/wms/pkg/apperr"
	"shipwell.io/wms/pkg/db"
	"shipwell.io/wms/pkg/events"
	"shipwell.io/wms/pkg/models"
)

type Service struct {
	DB        *sql.DB
	Store     *infra.Store
	Locations *locapp.Service
	Events    events.Publisher
	Now       func() time.Time
}

func New(d *sql.DB, s *infra.Store, l *locapp.Service, p events.Publisher) *Service {
	return &Service{DB: d, Store: s, Locations: l, Events: p, Now: time.Now}
}

// ReceiveCmd books received units into a location.
type ReceiveCmd struct {
	ClientID   string
	SKU        string
	LocationID string // empty: use putaway suggestion
	Qty        int
	Damaged    int
	Lot        string
	ExpiresAt  *time.Time
	Reference  string
	UserID     string
}

// Receive adds stock. Damaged units are booked on hold at the same location.
func (s *Service) Receive(ctx context.Context, cmd ReceiveCmd) (string, error) {
	if cmd.Qty <= 0 && cmd.Damaged <= 0 {
		return "", apperr.Invalid("nothing to receive")
	}
	item, err := s.Store.GetItem(ctx, cmd.ClientID, cmd.SKU)
	if err != nil {
		return "", err
	}
	loc := cmd.LocationID
	if loc == "" {
		l, err := s.Locations.SuggestPutaway(ctx, *item, cmd.Qty+cmd.Damaged)
		if err != nil {
			return "", err
		}
		loc = l.ID
	}
	err = db.WithTx(ctx, s.DB, func(tx *sql.Tx) error {
		_, err := s.Store.AddStock(ctx, tx, models.InventoryBalance{
			ClientID: cmd.ClientID, SKU: cmd.SKU, LocationID: loc, Lot: cmd.Lot, ExpiresAt: cmd.ExpiresAt,
			OnHand: cmd.Qty + cmd.Damaged, OnHold: cmd.Damaged, ReceivedAt: s.Now().UTC(),
		})
		if err != nil {
			return err
		}
		return s.Store.InsertMovement(ctx, tx, models.Movement{ClientID: cmd.ClientID, SKU: cmd.SKU, ToLoc: loc,
			Qty: cmd.Qty + cmd.Damaged, Reason: "receipt", Reference: cmd.Reference, UserID: cmd.UserID})
	})
	return loc, err
}

// AllocateResult reports allocations and per-line shortages.
type AllocateResult struct {
	Allocations []models.Allocation
	Short       map[int]int
}

// Allocate reserves stock for every line of an order in one transaction.
func (s *Service) Allocate(ctx context.Context, o *models.Order, policy domain.Policy) (AllocateResult, error) {
	res := AllocateResult{Short: map[int]int{}}
	err := db.WithTx(ctx, s.DB, func(tx *sql.Tx) error {
		for _, line := range o.Lines {
			need := line.Qty - line.AllocatedQty
			if need <= 0 {
				continue
			}
			cands, err := s.Store.Candidates(ctx, tx, o.ClientID, line.SKU)
			if err != nil {
				return err
			}
			allocs, short := domain.PlanAllocation(cands, need, policy, s.Now())
			for _, a := range allocs {
				a.OrderID, a.LineNo = o.ID, line.LineNo
				if err := s.Store.ChangeBalance(ctx, tx, a.BalanceID, 0, a.Qty); err != nil {
					return err
				}
				if err := s.Store.InsertAllocation(ctx, tx, a); err != nil {
					return err
				}
				res.Allocations = append(res.Allocations, a)
			}
			if short > 0 {
				res.Short[line.LineNo] = short
			}
		}
		ev, err := events.New(events.StockAllocated, o.ID, o.ClientID, map[string]any{"short_lines": len(res.Short)})
		if err != nil {
			return err
		}
		return s.Events.Publish(ctx, tx, ev)
	})
	return res, err
}

// Deallocate returns all of an order's reserved stock.
func (s *Service) Deallocate(ctx context.Context, orderID string) error {
	return db.WithTx(ctx, s.DB, func(tx *sql.Tx) error {
		allocs, err := s.Store.Allocations(ctx, tx, orderID)
		if err != nil {
			return err
		}
		for _, a := range allocs {
			if err := s.Store.ChangeBalance(ctx, tx, a.BalanceID, 0, -a.Qty); err != nil {
				return err
			}
		}
		return s.Store.DeleteAllocations(ctx, tx, orderID)
	})
}

// ConsumePick removes picked units from the balance and its allocation.
func (s *Service) ConsumePick(ctx context.Context, clientID string, a models.Allocation, picked int, userID string) error {
	return db.WithTx(ctx, s.DB, func(tx *sql.Tx) error {
		if err := s.Store.ChangeBalance(ctx, tx, a.BalanceID, -picked, -a.Qty); err != nil {
			return err
		}
		if err := s.Store.ReduceAllocation(ctx, tx, a.OrderID, a.LineNo, a.BalanceID, a.Qty); err != nil {
			return err
		}
		return s.Store.InsertMovement(ctx, tx, models.Movement{ClientID: clientID, SKU: a.SKU, FromLoc: a.LocationID,
			Qty: picked, Reason: "pick", Reference: a.OrderID, UserID: userID})
	})
}

// Adjust changes on-hand at a balance, with a reason code.
func (s *Service) Adjust(ctx context.Context, balanceID string, delta int, reason, userID string) error {
	return db.WithTx(ctx, s.DB, func(tx *sql.Tx) error {
		b, err := s.Store.Balance(ctx, tx, balanceID)
		if err != nil {
			return err
		}
		if err := domain.ValidateAdjustment(b, delta, reason); err != nil {
			return err
		}
		if err := s.Store.ChangeBalance(ctx, tx, balanceID, delta, 0); err != nil {
			return err
		}
		if err := s.Store.InsertMovement(ctx, tx, models.Movement{ClientID: b.ClientID, SKU: b.SKU,
			FromLoc: b.LocationID, Qty: delta, Reason: reason, UserID: userID}); err != nil {
			return err
		}
		ev, err := events.New(events.StockAdjusted, balanceID, b.ClientID,
			map[string]any{"sku": b.SKU, "delta": delta, "reason": reason})
		if err != nil {
			return err
		}
		return s.Events.Publish(ctx, tx, ev)
	})
}

func (s *Service) Item(ctx context.Context, clientID, sku string) (*models.Item, error) {
	return s.Store.GetItem(ctx, clientID, sku)
}
