// Package shipping is the PostgreSQL store for shipments.
// Tables: shipments, shipment_events.
package shipping

import (
	"context"
	"database/sql"
	"time"

	"rxnow.health/backend/domain/models"
	"rxnow.health/backend/infrastructure/postgres"
)

// Store persists shipments.
type Store struct{ db *sql.DB }

// NewStore wraps db.
func NewStore(db *sql.DB) *Store { return &Store{db: db} }

const cols = `id, order_id, carrier, service, tracking_number, status, cold_chain, shipped_at, delivered_at`

func scan(row interface{ Scan(...any) error }) (models.ShipmentView, error) {
	var s models.ShipmentView
	var shipped, delivered sql.NullTime
	err := row.Scan(&s.ID, &s.OrderID, &s.Carrier, &s.Service, &s.TrackingNumber, &s.Status, &s.ColdChain, &shipped, &delivered)
	s.ShippedAt, s.DeliveredAt = postgres.TimePtr(shipped), postgres.TimePtr(delivered)
	return s, err
}

func (s *Store) Create(ctx context.Context, sh *models.ShipmentView, labelURL string, costCents int64, holdUntil *time.Time) error {
	return s.db.QueryRowContext(ctx, `
		INSERT INTO shipments (order_id, carrier, service, tracking_number, status, cold_chain, label_url, cost_cents, hold_until, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now()) RETURNING id`,
		sh.OrderID, sh.Carrier, sh.Service, sh.TrackingNumber, sh.Status, sh.ColdChain, labelURL, costCents, postgres.NullTime(holdUntil)).Scan(&sh.ID)
}

func (s *Store) ForOrder(ctx context.Context, orderID int64) (models.ShipmentView, error) {
	sh, err := scan(s.db.QueryRowContext(ctx, `SELECT `+cols+` FROM shipments WHERE order_id = $1 ORDER BY id DESC LIMIT 1`, orderID))
	if err != nil {
		return sh, postgres.NotFound("shipping.Store.ForOrder", err, "shipment for order", orderID)
	}
	return sh, nil
}

func (s *Store) ByTracking(ctx context.Context, tracking string) (models.ShipmentView, error) {
	sh, err := scan(s.db.QueryRowContext(ctx, `SELECT `+cols+` FROM shipments WHERE tracking_number = $1`, tracking))
	if err != nil {
		return sh, postgres.NotFound("shipping.Store.ByTracking", err, "tracking number", tracking)
	}
	return sh, nil
}

// ApplyEvent stores a tracking event and updates the shipment status.
func (s *Store) ApplyEvent(ctx context.Context, shipmentID int64, status, detail string, at time.Time) error {
	return postgres.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO shipment_events (shipment_id, status, detail, occurred_at) VALUES ($1, $2, $3, $4)`,
			shipmentID, status, detail, at); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `
			UPDATE shipments SET status = $2,
			       shipped_at = CASE WHEN $2 = 'in_transit' AND shipped_at IS NULL THEN $3 ELSE shipped_at END,
			       delivered_at = CASE WHEN $2 = 'delivered' THEN $3 ELSE delivered_at END
			WHERE id = $1`, shipmentID, status, at)
		return err
	})
}

// MarkOrderShippingStatus writes the order status directly when the
// carrier reports progress. (Orders has no endpoint for "delivered"; this
// was the quickest way to make the customer app show it.)
func (s *Store) MarkOrderShippingStatus(ctx context.Context, orderID int64, status string) (int64, error) {
	var customerID int64
	err := s.db.QueryRowContext(ctx, `
		UPDATE orders SET status = $2, updated_at = now() WHERE id = $1 RETURNING customer_id`, orderID, status).Scan(&customerID)
	if err != nil {
		return 0, err
	}
	_, err = s.db.ExecContext(ctx, `
		INSERT INTO order_status_history (order_id, status, changed_by, changed_at) VALUES ($1, $2, 'carrier', now())`, orderID, status)
	return customerID, err
}
