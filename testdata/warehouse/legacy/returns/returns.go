// Package returns handles customer returns (RMAs): authorisation against the
// original order, receipt at the returns bench, disposition and restock.
// Everything — handlers, rules and SQL — lives in this one package; it has
// not been migrated to the modules/ layout yet.
package returns

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"time"

	"shipwell.io/wms/legacy/billing"
	"shipwell.io/wms/pkg/apperr"
	"shipwell.io/wms/pkg/db"
	"shipwell.io/wms/pkg/events"
	"shipwell.io/wms/pkg/ids"
	"shipwell.io/wms/pkg/models"
)

// ReturnWindow is how long after shipping a return may be authorised.
const ReturnWindow = 60 * 24 * time.Hour

var dispositions = map[string]bool{"restock": true, "refurbish": true, "scrap": true, "return_to_client": true}

type Service struct {
	DB             *sql.DB
	Billing        *billing.Service
	Events         events.Publisher
	Log            *slog.Logger
	ReturnsLocCode string // bench location for restocked returns awaiting putaway
}

// Authorise creates an RMA after checking the order shipped within the
// window and that quantities do not exceed what was shipped.
func (s *Service) Authorise(ctx context.Context, r *models.RMA) error {
	if len(r.Lines) == 0 {
		return apperr.Invalid("RMA has no lines")
	}
	var clientID string
	var shippedAt sql.NullTime
	err := s.DB.QueryRowContext(ctx, `SELECT client_id, shipped_at FROM orders WHERE id = $1`, r.OrderID).
		Scan(&clientID, &shippedAt)
	if db.IsNoRows(err) {
		return apperr.NotFound("order %s", r.OrderID)
	}
	if err != nil {
		return err
	}
	if clientID != r.ClientID {
		return apperr.Forbidden("order belongs to another client")
	}
	if !shippedAt.Valid {
		return apperr.Conflict("order %s has not shipped", r.OrderID)
	}
	if time.Since(shippedAt.Time) > ReturnWindow {
		return apperr.Conflict("order shipped %s, outside the return window", shippedAt.Time.Format("2006-01-02"))
	}
	for _, l := range r.Lines {
		var shipped, already int
		err := s.DB.QueryRowContext(ctx, `
			SELECT ol.shipped_qty,
			       COALESCE((SELECT SUM(rl.qty) FROM rma_lines rl JOIN rmas m ON m.id = rl.rma_id
			                 WHERE m.order_id = ol.order_id AND rl.sku = ol.sku AND m.status <> 'cancelled'), 0)
			FROM order_lines ol WHERE ol.order_id = $1 AND ol.sku = $2`, r.OrderID, l.SKU).Scan(&shipped, &already)
		if db.IsNoRows(err) {
			return apperr.Invalid("sku %s was not on order %s", l.SKU, r.OrderID)
		}
		if err != nil {
			return err
		}
		if l.Qty <= 0 || l.Qty+already > shipped {
			return apperr.Invalid("sku %s: %d shipped, %d already returned", l.SKU, shipped, already)
		}
	}
	r.ID, r.Status, r.CreatedAt = ids.New("rma"), "authorised", time.Now().UTC()
	r.Number = fmt.Sprintf("RMA-%s", r.ID[len(r.ID)-8:])
	return db.WithTx(ctx, s.DB, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO rmas (id, client_id, order_id, number, status, reason, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`, r.ID, r.ClientID, r.OrderID, r.Number, r.Status, r.Reason, r.CreatedAt); err != nil {
			return err
		}
		for _, l := range r.Lines {
			if _, err := tx.ExecContext(ctx, `INSERT INTO rma_lines (rma_id, sku, qty, received_qty) VALUES ($1, $2, $3, 0)`,
				r.ID, l.SKU, l.Qty); err != nil {
				return err
			}
		}
		return nil
	})
}

func (s *Service) Get(ctx context.Context, id string) (*models.RMA, error) {
	var r models.RMA
	err := s.DB.QueryRowContext(ctx, `
		SELECT id, client_id, order_id, number, status, reason, created_at FROM rmas WHERE id = $1`, id).
		Scan(&r.ID, &r.ClientID, &r.OrderID, &r.Number, &r.Status, &r.Reason, &r.CreatedAt)
	if db.IsNoRows(err) {
		return nil, apperr.NotFound("RMA %s", id)
	}
	if err != nil {
		return nil, err
	}
	rows, err := s.DB.QueryContext(ctx, `
		SELECT sku, qty, received_qty, COALESCE(disposition, '') FROM rma_lines WHERE rma_id = $1 ORDER BY sku`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var l models.RMALine
		if err := rows.Scan(&l.SKU, &l.Qty, &l.ReceivedQty, &l.Disposition); err != nil {
			return nil, err
		}
		r.Lines = append(r.Lines, l)
	}
	return &r, rows.Err()
}

// Receive books returned units with a disposition. Restocked units go
// straight back into sellable stock at the returns bench location.
func (s *Service) Receive(ctx context.Context, rmaID, sku string, qty int, disposition, userID string) error {
	if !dispositions[disposition] {
		return apperr.Invalid("unknown disposition %q", disposition)
	}
	r, err := s.Get(ctx, rmaID)
	if err != nil {
		return err
	}
	if r.Status == "closed" {
		return apperr.Conflict("RMA %s is closed", r.Number)
	}
	var line *models.RMALine
	for i := range r.Lines {
		if r.Lines[i].SKU == sku {
			line = &r.Lines[i]
		}
	}
	if line == nil {
		return apperr.Invalid("sku %s not on RMA %s", sku, r.Number)
	}
	if line.ReceivedQty+qty > line.Qty {
		return apperr.Conflict("receiving %d would exceed authorised %d", line.ReceivedQty+qty, line.Qty)
	}
	return db.WithTx(ctx, s.DB, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `
			UPDATE rma_lines SET received_qty = received_qty + $3, disposition = $4 WHERE rma_id = $1 AND sku = $2`,
			rmaID, sku, qty, disposition); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO return_receipts (rma_id, sku, qty, disposition, received_by, received_at)
			VALUES ($1, $2, $3, $4, $5, now())`, rmaID, sku, qty, disposition, userID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE rmas SET status = 'received' WHERE id = $1`, rmaID); err != nil {
			return err
		}
		if disposition != "restock" {
			return nil
		}
		return s.restock(ctx, tx, r.ClientID, sku, qty, rmaID, userID)
	})
}

func (s *Service) restock(ctx context.Context, tx *sql.Tx, clientID, sku string, qty int, ref, userID string) error {
	var locID string
	if err := tx.QueryRowContext(ctx, `SELECT id FROM locations WHERE code = $1`, s.ReturnsLocCode).Scan(&locID); err != nil {
		return fmt.Errorf("returns location %s: %w", s.ReturnsLocCode, err)
	}
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO inventory_balances (id, client_id, sku, location_id, on_hand, allocated, on_hold, received_at)
		VALUES ($1, $2, $3, $4, $5, 0, 0, now())
		ON CONFLICT (client_id, sku, location_id, COALESCE(lot, ''))
		DO UPDATE SET on_hand = inventory_balances.on_hand + EXCLUDED.on_hand`,
		ids.New("bal"), clientID, sku, locID, qty); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `
		INSERT INTO inventory_movements (id, client_id, sku, to_location_id, qty, reason, reference, user_id, occurred_at)
		VALUES ($1, $2, $3, $4, $5, 'return', $6, $7, now())`, ids.New("mov"), clientID, sku, locID, qty, ref, userID)
	return err
}

// Close finalises the RMA, bills the client and notifies listeners.
func (s *Service) Close(ctx context.Context, rmaID string) error {
	r, err := s.Get(ctx, rmaID)
	if err != nil {
		return err
	}
	if r.Status != "received" {
		return apperr.Conflict("RMA %s is %s", r.Number, r.Status)
	}
	units := 0
	for _, l := range r.Lines {
		units += l.ReceivedQty
	}
	if err := s.Billing.ChargeReturn(ctx, r.ClientID, r.ID, units); err != nil && !db.IsNoRows(err) {
		return apperr.Wrap(err, "return charge")
	}
	return db.WithTx(ctx, s.DB, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE rmas SET status = 'closed', closed_at = now() WHERE id = $1`, r.ID); err != nil {
			return err
		}
		ev, err := events.New(events.ReturnReceived, r.ID, r.ClientID, map[string]any{"order_id": r.OrderID, "units": units})
		if err != nil {
			return err
		}
		return s.Events.Publish(ctx, tx, ev)
	})
}
