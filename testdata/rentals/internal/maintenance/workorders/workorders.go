// Package workorders turns maintenance requests into vendor work orders and
// tracks them to completion.
package workorders

import (
	"context"
	"database/sql"
	"time"

	"github.com/keystoneprop/platform/internal/db"
	"github.com/keystoneprop/platform/internal/errs"
	"github.com/keystoneprop/platform/internal/events"
	"github.com/keystoneprop/platform/internal/ids"
	"github.com/keystoneprop/platform/internal/ledger"
	"github.com/keystoneprop/platform/internal/maintenance"
	"github.com/keystoneprop/platform/internal/models"
	"github.com/keystoneprop/platform/internal/money"
)

// Default not-to-exceed amounts by priority; owners can override per property.
var defaultNTE = map[models.Priority]money.Cents{
	models.PriorityEmergency: 150000,
	models.PriorityUrgent:    75000,
	models.PriorityRoutine:   50000,
}

var tradeFor = map[string]string{"plumbing": "plumber", "electrical": "electrician", "hvac": "hvac",
	"appliance": "appliance", "pest": "pest", "locks": "locksmith", "roof": "roofer", "general": "handyman"}

type Service struct {
	conn     *sql.DB
	requests *maintenance.Service
	ledger   *ledger.Store
}

func NewService(conn *sql.DB, r *maintenance.Service, l *ledger.Store) *Service {
	return &Service{conn: conn, requests: r, ledger: l}
}

const cols = `id, COALESCE(request_id, ''), property_id, COALESCE(unit_id, ''), COALESCE(vendor_id, ''), trade, scope, priority,
	nte_cents, status, tenant_caused, scheduled_for, completed_at`

func scan(sc interface{ Scan(...any) error }) (models.WorkOrder, error) {
	var w models.WorkOrder
	var sched, done sql.NullTime
	err := sc.Scan(&w.ID, &w.RequestID, &w.PropertyID, &w.UnitID, &w.VendorID, &w.Trade, &w.Scope, &w.Priority,
		&w.NotToExceed, &w.Status, &w.TenantCaused, &sched, &done)
	if sched.Valid {
		w.ScheduledFor = &sched.Time
	}
	if done.Valid {
		w.CompletedAt = &done.Time
	}
	return w, err
}

func (s *Service) Get(ctx context.Context, id string) (models.WorkOrder, error) {
	w, err := scan(s.conn.QueryRowContext(ctx, `SELECT `+cols+` FROM work_orders WHERE id = $1`, id))
	return w, db.Check(err, "work order")
}

func (s *Service) ListByStatus(ctx context.Context, st models.WorkOrderStatus) ([]models.WorkOrder, error) {
	rows, err := s.conn.QueryContext(ctx, `SELECT `+cols+` FROM work_orders WHERE status = $1
		ORDER BY CASE priority WHEN 'emergency' THEN 0 WHEN 'urgent' THEN 1 ELSE 2 END, created_at`, st)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.WorkOrder
	for rows.Next() {
		w, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, w)
	}
	return out, rows.Err()
}

func (s *Service) Create(ctx context.Context, q db.Querier, w models.WorkOrder) (models.WorkOrder, error) {
	if w.PropertyID == "" || w.Trade == "" || w.Scope == "" {
		return w, errs.E(errs.Invalid, "property, trade and scope are required")
	}
	if w.NotToExceed == 0 {
		w.NotToExceed = defaultNTE[w.Priority]
	}
	var ownerNTE sql.NullInt64
	_ = s.conn.QueryRowContext(ctx, `SELECT repair_approval_limit_cents FROM owner_preferences op
		JOIN properties p ON p.owner_id = op.owner_id WHERE p.id = $1`, w.PropertyID).Scan(&ownerNTE)
	if ownerNTE.Valid && w.Priority != models.PriorityEmergency && money.Cents(ownerNTE.Int64) < w.NotToExceed {
		w.NotToExceed = money.Cents(ownerNTE.Int64)
	}
	w.ID, w.Status = ids.New(ids.WorkOrder), models.WOUnassigned
	if q == nil {
		q = s.conn
	}
	_, err := q.ExecContext(ctx, `INSERT INTO work_orders (id, request_id, property_id, unit_id, trade, scope, priority, nte_cents, status, tenant_caused, created_at)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10, now())`, w.ID, db.NullString(w.RequestID), w.PropertyID, db.NullString(w.UnitID),
		w.Trade, w.Scope, w.Priority, w.NotToExceed, w.Status, w.TenantCaused)
	return w, err
}

// FromRequest triages a tenant request into a work order.
func (s *Service) FromRequest(ctx context.Context, requestID string, tenantCaused bool) (models.WorkOrder, error) {
	r, err := s.requests.Get(ctx, requestID)
	if err != nil {
		return models.WorkOrder{}, err
	}
	if r.Status != models.ReqOpen {
		return models.WorkOrder{}, errs.E(errs.Conflict, "request already %s", r.Status)
	}
	var w models.WorkOrder
	err = db.WithTx(ctx, s.conn, func(tx *sql.Tx) error {
		var err error
		w, err = s.Create(ctx, tx, models.WorkOrder{RequestID: r.ID, PropertyID: r.PropertyID, UnitID: r.UnitID,
			Trade: tradeFor[r.Category], Scope: r.Description, Priority: r.Priority, TenantCaused: tenantCaused})
		if err != nil {
			return err
		}
		return s.requests.SetStatus(ctx, tx, r.ID, models.ReqTriaged)
	})
	return w, err
}

func (s *Service) Assign(ctx context.Context, id, vendorID string, when time.Time) error {
	res, err := s.conn.ExecContext(ctx, `UPDATE work_orders SET vendor_id = $2, scheduled_for = $3, status = 'assigned'
		WHERE id = $1 AND status IN ('unassigned', 'assigned')`, id, vendorID, when)
	if err := db.MustAffect(res, err, "open work order"); err != nil {
		return err
	}
	w, err := s.Get(ctx, id)
	if err == nil && w.RequestID != "" {
		_ = s.requests.SetStatus(ctx, nil, w.RequestID, models.ReqScheduled)
	}
	return err
}

// Complete closes the work order. When the damage was tenant-caused the
// not-to-exceed amount is charged back to the current lease.
func (s *Service) Complete(ctx context.Context, id string, actualCost money.Cents) error {
	w, err := s.Get(ctx, id)
	if err != nil {
		return err
	}
	if w.Status != models.WOAssigned && w.Status != models.WOInProgress {
		return errs.E(errs.Conflict, "work order is %s", w.Status)
	}
	now := time.Now().UTC()
	return db.WithTx(ctx, s.conn, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE work_orders SET status = 'completed', completed_at = $2, actual_cost_cents = $3 WHERE id = $1`,
			id, now, actualCost); err != nil {
			return err
		}
		if w.RequestID != "" {
			if err := s.requests.SetStatus(ctx, tx, w.RequestID, models.ReqCompleted); err != nil {
				return err
			}
		}
		if w.TenantCaused && w.UnitID != "" && actualCost > 0 {
			var leaseID string
			err := tx.QueryRowContext(ctx, `SELECT id FROM leases WHERE unit_id = $1 AND status IN ('active','notice')`, w.UnitID).Scan(&leaseID)
			if err == nil {
				if err := s.ledger.Insert(ctx, tx, models.LedgerEntry{ID: ids.New(ids.Entry), LeaseID: leaseID, PropertyID: w.PropertyID,
					Type: models.EntryChargeback, Amount: actualCost, Memo: "Tenant-caused repair " + w.ID,
					PostedOn: now, DueOn: now.AddDate(0, 0, 30), SourceRef: "wo:" + w.ID}); err != nil {
					return err
				}
			}
		}
		return events.Publish(ctx, tx, models.EvtWorkOrderCompleted, models.WorkOrderCompleted{WorkOrderID: id, PropertyID: w.PropertyID,
			UnitID: w.UnitID, VendorID: w.VendorID, TenantCaused: w.TenantCaused, CompletedAt: now})
	})
}

func (s *Service) Cancel(ctx context.Context, id, reason string) error {
	res, err := s.conn.ExecContext(ctx, `UPDATE work_orders SET status = 'cancelled', cancel_reason = $2 WHERE id = $1 AND status <> 'completed'`, id, reason)
	return db.MustAffect(res, err, "work order")
}
