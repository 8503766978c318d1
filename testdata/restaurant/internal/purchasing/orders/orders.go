// Package orders builds, submits and receives purchase orders.
package orders

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"strings"

	"tablecraft.io/ops/db"
	"tablecraft.io/ops/internal/platform/errs"
	"tablecraft.io/ops/internal/platform/money"
	"tablecraft.io/ops/internal/platform/notify"
	"tablecraft.io/ops/internal/purchasing/suppliers"
	"tablecraft.io/ops/inventory"
	"tablecraft.io/ops/models"
)

// Service manages purchase orders.
type Service struct {
	db        *sql.DB
	inv       *inventory.Service
	suppliers *suppliers.Service
	notify    notify.Sender
}

// New returns a Service.
func New(conn *sql.DB, inv *inventory.Service, sup *suppliers.Service, n notify.Sender) *Service {
	return &Service{db: conn, inv: inv, suppliers: sup, notify: n}
}

// Suggest drafts one PO per supplier covering everything below par,
// rounded up to whole packs.
func (s *Service) Suggest(ctx context.Context, locationID int64) ([]models.PurchaseOrder, error) {
	low, err := s.inv.Levels(ctx, locationID, true)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(low))
	for i, it := range low {
		ids[i] = it.ID
	}
	cat, err := s.suppliers.Cheapest(ctx, ids)
	if err != nil {
		return nil, err
	}
	bySupplier := map[int64]*models.PurchaseOrder{}
	var order []int64
	for _, it := range low {
		c, ok := cat[it.ID]
		if !ok {
			continue
		}
		po := bySupplier[c.SupplierID]
		if po == nil {
			po = &models.PurchaseOrder{LocationID: locationID, SupplierID: c.SupplierID, Status: "draft"}
			bySupplier[c.SupplierID], order = po, append(order, c.SupplierID)
		}
		packs := math.Ceil((it.ParLevel - it.OnHand) / max(c.PackSize, 1))
		line := models.POLine{StockItemID: it.ID, Qty: packs * max(c.PackSize, 1), UnitCost: c.UnitCost}
		po.Lines = append(po.Lines, line)
		po.Total += money.Cents(float64(c.UnitCost) * line.Qty)
	}
	out := make([]models.PurchaseOrder, 0, len(order))
	for _, sid := range order {
		po := bySupplier[sid]
		if err := s.save(ctx, po); err != nil {
			return nil, err
		}
		out = append(out, *po)
	}
	return out, nil
}

func (s *Service) save(ctx context.Context, po *models.PurchaseOrder) error {
	return db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx,
			`INSERT INTO purchase_orders (location_id, supplier_id, status, total, created_at) VALUES ($1, $2, $3, $4, now())
			 RETURNING id, created_at`, po.LocationID, po.SupplierID, po.Status, po.Total).Scan(&po.ID, &po.CreatedAt); err != nil {
			return err
		}
		for _, l := range po.Lines {
			if _, err := tx.ExecContext(ctx,
				`INSERT INTO purchase_order_lines (purchase_order_id, stock_item_id, qty, unit_cost, received_qty) VALUES ($1, $2, $3, $4, 0)`,
				po.ID, l.StockItemID, l.Qty, l.UnitCost); err != nil {
				return err
			}
		}
		return nil
	})
}

// Submit emails a draft PO to the supplier.
func (s *Service) Submit(ctx context.Context, poID int64) error {
	var supplierID, loc int64
	if err := s.db.QueryRowContext(ctx,
		`UPDATE purchase_orders SET status = 'submitted', submitted_at = now() WHERE id = $1 AND status = 'draft'
		 RETURNING supplier_id, location_id`, poID).Scan(&supplierID, &loc); err != nil {
		return errs.Conflict("PO %d is not a draft", poID)
	}
	sup, err := s.suppliers.Get(ctx, supplierID)
	if err != nil {
		return err
	}
	rows, err := s.db.QueryContext(ctx,
		`SELECT si.name, si.unit, l.qty FROM purchase_order_lines l JOIN stock_items si ON si.id = l.stock_item_id
		 WHERE l.purchase_order_id = $1 ORDER BY si.name`, poID)
	if err != nil {
		return err
	}
	defer rows.Close()
	var b strings.Builder
	fmt.Fprintf(&b, "Purchase order #%d for location %d\n\n", poID, loc)
	for rows.Next() {
		var name, unit string
		var qty float64
		if err := rows.Scan(&name, &unit, &qty); err != nil {
			return err
		}
		fmt.Fprintf(&b, "%8.1f %-6s %s\n", qty, unit, name)
	}
	return s.notify.Send(ctx, notify.Email(sup.Email, fmt.Sprintf("PO #%d", poID), b.String()))
}

// Receive records a delivery and puts it into stock.
func (s *Service) Receive(ctx context.Context, poID int64, received map[int64]float64) error {
	var loc int64
	if err := s.db.QueryRowContext(ctx,
		`SELECT location_id FROM purchase_orders WHERE id = $1 AND status = 'submitted'`, poID).Scan(&loc); err != nil {
		return errs.Conflict("PO %d is not awaiting delivery", poID)
	}
	for itemID, qty := range received {
		if _, err := s.db.ExecContext(ctx,
			`UPDATE purchase_order_lines SET received_qty = $3 WHERE purchase_order_id = $1 AND stock_item_id = $2`,
			poID, itemID, qty); err != nil {
			return err
		}
		if err := s.inv.Adjust(ctx, loc, itemID, qty, "receive", poID); err != nil {
			return err
		}
	}
	_, err := s.db.ExecContext(ctx, `UPDATE purchase_orders SET status = 'received', received_at = now() WHERE id = $1`, poID)
	return err
}
