// Package inspections schedules and records unit inspections (move-in,
// move-out, annual) and turns findings into repairs and deposit deductions.
package inspections

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/keystoneprop/platform/internal/db"
	"github.com/keystoneprop/platform/internal/errs"
	"github.com/keystoneprop/platform/internal/ids"
	"github.com/keystoneprop/platform/internal/leases"
	"github.com/keystoneprop/platform/internal/maintenance/workorders"
	"github.com/keystoneprop/platform/internal/models"
	"github.com/keystoneprop/platform/internal/money"
	"github.com/keystoneprop/platform/internal/storage"
)

type Service struct {
	conn   *sql.DB
	leases *leases.Service
	wos    *workorders.Service
	files  storage.Store
}

func NewService(conn *sql.DB, l *leases.Service, w *workorders.Service, f storage.Store) *Service {
	return &Service{conn: conn, leases: l, wos: w, files: f}
}

func (s *Service) Schedule(ctx context.Context, in models.Inspection) (models.Inspection, error) {
	if in.ScheduledOn.Before(time.Now().Add(-24 * time.Hour)) {
		return in, errs.E(errs.Invalid, "cannot schedule in the past")
	}
	if in.Kind == models.InspectMoveOut || in.Kind == models.InspectMoveIn {
		l, err := s.leases.CurrentForUnit(ctx, in.UnitID)
		if err != nil && in.Kind == models.InspectMoveOut {
			return in, errs.E(errs.Conflict, "no current lease to inspect out")
		}
		in.LeaseID = l.ID
	}
	in.ID = ids.New(ids.Inspection)
	_, err := s.conn.ExecContext(ctx, `INSERT INTO inspections (id, unit_id, lease_id, kind, inspector, scheduled_on)
		VALUES ($1,$2,$3,$4,$5,$6)`, in.ID, in.UnitID, db.NullString(in.LeaseID), in.Kind, in.Inspector, in.ScheduledOn)
	return in, err
}

func (s *Service) Get(ctx context.Context, id string) (models.Inspection, error) {
	var in models.Inspection
	var lease sql.NullString
	var done sql.NullTime
	var items []byte
	err := s.conn.QueryRowContext(ctx, `SELECT id, unit_id, lease_id, kind, inspector, scheduled_on, completed_at, COALESCE(items, '[]')
		FROM inspections WHERE id = $1`, id).Scan(&in.ID, &in.UnitID, &lease, &in.Kind, &in.Inspector, &in.ScheduledOn, &done, &items)
	if err != nil {
		return in, db.Check(err, "inspection")
	}
	in.LeaseID = lease.String
	if done.Valid {
		in.CompletedAt = &done.Time
	}
	return in, json.Unmarshal(items, &in.Items)
}

func (s *Service) UploadPhoto(ctx context.Context, id, name string, r io.Reader) (string, error) {
	return s.files.Put(ctx, fmt.Sprintf("inspections/%s/%d-%s", id, time.Now().UnixNano(), name), r)
}

// Complete records findings. Items in poor condition become work orders; on a
// move-out, items marked charge_tenant are deducted from the security deposit.
func (s *Service) Complete(ctx context.Context, id string, items []models.InspectionItem) (money.Cents, error) {
	in, err := s.Get(ctx, id)
	if err != nil {
		return 0, err
	}
	if in.CompletedAt != nil {
		return 0, errs.E(errs.Conflict, "inspection already completed")
	}
	var propertyID string
	if err := s.conn.QueryRowContext(ctx, `SELECT property_id FROM units WHERE id = $1`, in.UnitID).Scan(&propertyID); err != nil {
		return 0, db.Check(err, "unit")
	}
	raw, _ := json.Marshal(items)
	var deductions money.Cents
	err = db.WithTx(ctx, s.conn, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE inspections SET completed_at = now(), items = $2 WHERE id = $1`, id, raw); err != nil {
			return err
		}
		for _, it := range items {
			if it.Condition != "poor" && it.Condition != "damaged" {
				continue
			}
			if _, err := s.wos.Create(ctx, tx, models.WorkOrder{PropertyID: propertyID, UnitID: in.UnitID, Trade: "handyman",
				Scope: fmt.Sprintf("%s – %s: %s", it.Room, it.Item, it.Notes), Priority: models.PriorityRoutine,
				NotToExceed: it.RepairCost, TenantCaused: it.ChargeTenant && in.Kind != models.InspectMoveOut}); err != nil {
				return err
			}
			if in.Kind == models.InspectMoveOut && it.ChargeTenant && it.RepairCost > 0 && in.LeaseID != "" {
				deductions += it.RepairCost
				if _, err := tx.ExecContext(ctx, `INSERT INTO ledger_entries (id, lease_id, property_id, type, amount_cents, memo, posted_on, due_on, source_ref)
					VALUES ($1, $2, $3, 'deposit_deduction', $4, $5, now(), now(), $6)`,
					ids.New(ids.Entry), in.LeaseID, propertyID, it.RepairCost, "Move-out: "+it.Room+" "+it.Item, "insp:"+id); err != nil {
					return err
				}
			}
		}
		return nil
	})
	return deductions, err
}
