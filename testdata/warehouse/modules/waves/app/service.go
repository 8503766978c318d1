// Package app plans and releases pick waves and processes pick
// confirmations from the RF guns.
package app

import (
	"context"
	"database/sql"
	"log/slog"
	"time"

	invapp "shipwell.io/wms/modules/inventory/app"
	invinfra "shipwell.io/wms/modules/inventory/infra"
	ordersapp "shipwell.io/wms/modules/orders/app"
	"shipwell.io/wms/modules/waves/domain"
	"shipwell.io/wms/modules/waves/infra"
	"shipwell.io/wms/pkg/apperr"
	"shipwell.io/wms/pkg/db"
	"shipwell.io/wms/pkg/events"
	"shipwell.io/wms/pkg/models"
)

type Service struct {
	DB        *sql.DB
	Store     *infra.Store
	InvStore  *invinfra.Store // read allocations directly; the service has no batch API
	Inventory *invapp.Service
	Orders    *ordersapp.Service
	Events    events.Publisher
	Log       *slog.Logger
	MaxOrders int
	Lead      time.Duration
	Now       func() time.Time
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// PlanAndRelease builds waves for orders due soon and releases them to the
// floor in one transaction per wave.
func (s *Service) PlanAndRelease(ctx context.Context) ([]models.Wave, error) {
	cands, err := s.Store.ReleasableOrders(ctx)
	if err != nil {
		return nil, err
	}
	plans := domain.PlanWaves(cands, s.now(), s.Lead, s.MaxOrders)
	var out []models.Wave
	for _, p := range plans {
		w, err := s.release(ctx, p)
		if err != nil {
			return out, err
		}
		out = append(out, *w)
	}
	return out, nil
}

func (s *Service) release(ctx context.Context, p domain.Plan) (*models.Wave, error) {
	now := s.now().UTC()
	w := &models.Wave{Status: models.WaveReleased, Carrier: p.Carrier, CutoffAt: p.CutoffAt, ReleasedAt: &now}
	var tasks []models.PickTask
	var locIDs []string
	for _, c := range p.Orders {
		allocs, err := s.InvStore.Allocations(ctx, s.DB, c.OrderID)
		if err != nil {
			return nil, err
		}
		if len(allocs) == 0 {
			continue
		}
		w.OrderIDs = append(w.OrderIDs, c.OrderID)
		for _, a := range allocs {
			tasks = append(tasks, models.PickTask{OrderID: a.OrderID, LineNo: a.LineNo, SKU: a.SKU,
				LocationID: a.LocationID, BalanceID: a.BalanceID, Qty: a.Qty})
			locIDs = append(locIDs, a.LocationID)
		}
	}
	codes, err := s.Store.LocationCodes(ctx, locIDs)
	if err != nil {
		return nil, err
	}
	for i := range tasks {
		tasks[i].LocCode = codes[tasks[i].LocationID]
	}
	domain.Sequence(tasks)
	err = db.WithTx(ctx, s.DB, func(tx *sql.Tx) error {
		if err := s.Store.CreateWave(ctx, tx, w, tasks); err != nil {
			return err
		}
		if err := s.Store.MarkOrdersReleased(ctx, tx, w.ID, w.OrderIDs); err != nil {
			return err
		}
		ev, err := events.New(events.WaveReleased, w.ID, "", map[string]any{"orders": len(w.OrderIDs), "tasks": len(tasks)})
		if err != nil {
			return err
		}
		return s.Events.Publish(ctx, tx, ev)
	})
	if err != nil {
		return nil, err
	}
	s.Log.Info("wave released", "wave", w.ID, "carrier", w.Carrier, "orders", len(w.OrderIDs), "tasks", len(tasks))
	return w, nil
}

func (s *Service) NextTask(ctx context.Context, pickerID string) (*models.PickTask, error) {
	return s.Store.AssignNext(ctx, pickerID)
}

// Confirm records a pick. Short picks write the missing units off so the
// balance reflects what is physically there, and leave the line short for
// customer service.
func (s *Service) Confirm(ctx context.Context, taskID, scannedLoc string, qty int, pickerID string) (*models.PickTask, error) {
	var t models.PickTask
	err := db.WithTx(ctx, s.DB, func(tx *sql.Tx) error {
		var err error
		if t, err = s.Store.Task(ctx, tx, taskID); err != nil {
			return err
		}
		if scannedLoc != "" && scannedLoc != t.LocCode {
			return apperr.Invalid("scanned %s but task is at %s", scannedLoc, t.LocCode)
		}
		if err := domain.Confirm(&t, qty, pickerID, s.now().UTC()); err != nil {
			return err
		}
		return s.Store.SaveTask(ctx, tx, t)
	})
	if err != nil {
		return nil, err
	}
	o, err := s.Orders.Get(ctx, t.OrderID)
	if err != nil {
		return nil, err
	}
	alloc := models.Allocation{OrderID: t.OrderID, LineNo: t.LineNo, BalanceID: t.BalanceID,
		LocationID: t.LocationID, SKU: t.SKU, Qty: t.Qty}
	if err := s.Inventory.ConsumePick(ctx, o.ClientID, alloc, t.PickedQty, pickerID); err != nil {
		return nil, err
	}
	if t.Status == models.TaskShort {
		if err := s.Inventory.Adjust(ctx, t.BalanceID, -(t.Qty - t.PickedQty), "lost", pickerID); err != nil {
			s.Log.Warn("short pick write-off failed", "task", t.ID, "err", err)
		}
	}
	if o.Status == models.OrderReleased {
		if err := s.Orders.MarkPicking(ctx, o.ID); err != nil {
			s.Log.Warn("mark picking", "order", o.ID, "err", err)
		}
	}
	return &t, s.maybeComplete(ctx, t.WaveID)
}

func (s *Service) maybeComplete(ctx context.Context, waveID string) error {
	return db.WithTx(ctx, s.DB, func(tx *sql.Tx) error {
		tasks, err := s.Store.WaveTasks(ctx, tx, waveID)
		if err != nil || !domain.Done(tasks) {
			return err
		}
		if err := s.Store.SetWaveStatus(ctx, tx, waveID, models.WaveCompleted); err != nil {
			return err
		}
		short := 0
		for _, t := range tasks {
			if t.Status == models.TaskShort {
				short++
			}
		}
		ev, err := events.New(events.WaveCompleted, waveID, "", map[string]int{"tasks": len(tasks), "short": short})
		if err != nil {
			return err
		}
		return s.Events.Publish(ctx, tx, ev)
	})
}
