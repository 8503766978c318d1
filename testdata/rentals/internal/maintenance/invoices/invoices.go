// Package invoices records vendor invoices against work orders and approves them
// for payment out of the owner's funds.
package invoices

import (
	"context"
	"database/sql"
	"time"

	"github.com/keystoneprop/platform/internal/db"
	"github.com/keystoneprop/platform/internal/errs"
	"github.com/keystoneprop/platform/internal/events"
	"github.com/keystoneprop/platform/internal/ids"
	"github.com/keystoneprop/platform/internal/maintenance/workorders"
	"github.com/keystoneprop/platform/internal/models"
	"github.com/keystoneprop/platform/internal/money"
)

// overageTolerance lets invoices exceed the NTE by 10% without owner sign-off.
const overageToleranceBps = 1000

type Service struct {
	conn *sql.DB
	wos  *workorders.Service
}

func NewService(conn *sql.DB, w *workorders.Service) *Service { return &Service{conn: conn, wos: w} }

func (s *Service) Submit(ctx context.Context, inv models.VendorInvoice) (models.VendorInvoice, error) {
	w, err := s.wos.Get(ctx, inv.WorkOrderID)
	if err != nil {
		return inv, err
	}
	if w.VendorID != inv.VendorID {
		return inv, errs.E(errs.Forbidden, "work order is not assigned to this vendor")
	}
	if w.Status != models.WOCompleted {
		return inv, errs.E(errs.Conflict, "work order must be completed before invoicing")
	}
	var dup int
	_ = s.conn.QueryRowContext(ctx, `SELECT count(*) FROM vendor_invoices WHERE vendor_id = $1 AND number = $2`, inv.VendorID, inv.Number).Scan(&dup)
	if dup > 0 {
		return inv, errs.E(errs.Conflict, "invoice %s already submitted", inv.Number)
	}
	inv.ID, inv.PropertyID, inv.ReceivedOn = ids.New(ids.Invoice), w.PropertyID, time.Now().UTC()
	inv.Status = "pending"
	if inv.Amount <= w.NotToExceed+w.NotToExceed.MulBps(overageToleranceBps) {
		inv.Status = "approved"
		inv.ApprovedBy = "auto"
	}
	err = db.WithTx(ctx, s.conn, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO vendor_invoices (id, vendor_id, work_order_id, property_id, number, amount_cents, status, received_on, approved_by)
			VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`, inv.ID, inv.VendorID, inv.WorkOrderID, inv.PropertyID, inv.Number, inv.Amount,
			inv.Status, inv.ReceivedOn, db.NullString(inv.ApprovedBy)); err != nil {
			return err
		}
		if inv.Status == "approved" {
			return events.Publish(ctx, tx, models.EvtInvoiceApproved, inv)
		}
		return nil
	})
	return inv, err
}

func (s *Service) Approve(ctx context.Context, id, approver string) error {
	return db.WithTx(ctx, s.conn, func(tx *sql.Tx) error {
		var inv models.VendorInvoice
		err := tx.QueryRowContext(ctx, `UPDATE vendor_invoices SET status = 'approved', approved_by = $2 WHERE id = $1 AND status = 'pending'
			RETURNING id, vendor_id, work_order_id, property_id, number, amount_cents, status, received_on`, id, approver).
			Scan(&inv.ID, &inv.VendorID, &inv.WorkOrderID, &inv.PropertyID, &inv.Number, &inv.Amount, &inv.Status, &inv.ReceivedOn)
		if err != nil {
			return db.Check(err, "pending invoice")
		}
		inv.ApprovedBy = approver
		return events.Publish(ctx, tx, models.EvtInvoiceApproved, inv)
	})
}

// ApprovedForProperty returns approved invoices received in [from, to).
func (s *Service) ApprovedForProperty(ctx context.Context, propertyID string, from, to time.Time) ([]models.VendorInvoice, money.Cents, error) {
	rows, err := s.conn.QueryContext(ctx, `SELECT i.id, i.vendor_id, i.work_order_id, i.property_id, i.number, i.amount_cents, i.status, i.received_on
		FROM vendor_invoices i WHERE i.property_id = $1 AND i.status IN ('approved', 'paid') AND i.received_on >= $2 AND i.received_on < $3
		ORDER BY i.received_on`, propertyID, from, to)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []models.VendorInvoice
	var total money.Cents
	for rows.Next() {
		var inv models.VendorInvoice
		if err := rows.Scan(&inv.ID, &inv.VendorID, &inv.WorkOrderID, &inv.PropertyID, &inv.Number, &inv.Amount, &inv.Status, &inv.ReceivedOn); err != nil {
			return nil, 0, err
		}
		total += inv.Amount
		out = append(out, inv)
	}
	return out, total, rows.Err()
}

func (s *Service) MarkPaid(ctx context.Context, ids []string) error {
	for _, id := range ids {
		if _, err := s.conn.ExecContext(ctx, `UPDATE vendor_invoices SET status = 'paid', paid_on = now() WHERE id = $1 AND status = 'approved'`, id); err != nil {
			return err
		}
	}
	return nil
}
