// Package store persists shipments, parcels and tracking events.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"example.com/shop/internal/models"
	"example.com/shop/internal/platform/db"
	"example.com/shop/internal/platform/errs"
	"example.com/shop/internal/platform/money"
)

const shipmentColumns = "id, order_id, carrier, service, COALESCE(tracking_number, ''), status, cost_minor, currency, " +
	"dest_name, dest_line1, dest_line2, dest_city, dest_postcode, dest_country, created_at, shipped_at, delivered_at"

// selectShipmentsFmt is completed with the column list and a condition.
const selectShipmentsFmt = "SELECT %s FROM shipments WHERE %s ORDER BY created_at LIMIT %d"

const (
	byIDCond      = "id = $1"
	byOrderCond   = "order_id = $1"
	inTransitCond = "status IN ('labelled', 'in_transit') AND tracking_number IS NOT NULL"
)

const (
	insertShipmentSQL = `INSERT INTO shipments (id, order_id, carrier, service, tracking_number, status, cost_minor, currency,
	dest_name, dest_line1, dest_line2, dest_city, dest_postcode, dest_country, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`
	insertParcelSQL = `INSERT INTO parcels (id, shipment_id, weight_grams, length_cm, width_cm, height_cm, label)
VALUES ($1, $2, $3, $4, $5, $6, $7)`
	selectParcelsSQL      = `SELECT id, shipment_id, weight_grams, length_cm, width_cm, height_cm, label FROM parcels WHERE shipment_id = $1 ORDER BY id`
	updateStatusSQL       = `UPDATE shipments SET status = $2, shipped_at = COALESCE($3, shipped_at), delivered_at = $4 WHERE id = $1`
	insertTrackingSQL     = `INSERT INTO tracking_events (shipment_id, status, location, detail, occurred_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`
	selectTrackingSQL     = `SELECT status, location, detail, occurred_at FROM tracking_events WHERE shipment_id = $1 ORDER BY occurred_at`
	deleteOldTrackingSQL  = `DELETE FROM tracking_events WHERE occurred_at < $1`
	shipmentCountByStatus = `SELECT status, count(*) FROM shipments GROUP BY status`
)

// Store reads and writes shipments.
type Store struct {
	db *sql.DB
}

// New returns a store on conn.
func New(conn *sql.DB) *Store { return &Store{db: conn} }

func scanShipment(s db.Scanner) (models.Shipment, error) {
	var (
		sh                 models.Shipment
		status, cur        string
		cost               int64
		shipped, delivered sql.NullTime
		line2              sql.NullString
	)
	err := s.Scan(&sh.ID, &sh.OrderID, &sh.Carrier, &sh.Service, &sh.TrackingNumber, &status, &cost, &cur,
		&sh.Destination.Name, &sh.Destination.Line1, &line2, &sh.Destination.City, &sh.Destination.Postcode,
		&sh.Destination.Country, &sh.CreatedAt, &shipped, &delivered)
	if err != nil {
		return models.Shipment{}, err
	}
	sh.Status = models.ShipmentStatus(status)
	sh.Cost = money.New(cost, money.Currency(cur))
	sh.Destination.Line2 = line2.String
	sh.ShippedAt, sh.DeliveredAt = db.NullTime(shipped), db.NullTime(delivered)
	return sh, nil
}

func (s *Store) list(ctx context.Context, cond string, limit int, args ...any) ([]models.Shipment, error) {
	query := fmt.Sprintf(selectShipmentsFmt, shipmentColumns, cond, limit)
	list, err := db.QueryAll(ctx, s.db, scanShipment, query, args...)
	if err != nil {
		return nil, fmt.Errorf("shipping: list shipments: %w", err)
	}
	for i := range list {
		if list[i].Parcels, err = s.parcels(ctx, list[i].ID); err != nil {
			return nil, err
		}
	}
	return list, nil
}

// Get loads a shipment with its parcels.
func (s *Store) Get(ctx context.Context, id string) (*models.Shipment, error) {
	list, err := s.list(ctx, byIDCond, 1, id)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, errs.NotFound("shipping.Get", "shipment %q not found", id)
	}
	return &list[0], nil
}

// ByOrder loads the shipments of an order.
func (s *Store) ByOrder(ctx context.Context, orderID string) ([]models.Shipment, error) {
	return s.list(ctx, byOrderCond, 20, orderID)
}

// InTransit lists shipments whose tracking should be polled.
func (s *Store) InTransit(ctx context.Context, limit int) ([]models.Shipment, error) {
	return s.list(ctx, inTransitCond, limit)
}

func (s *Store) parcels(ctx context.Context, shipmentID string) ([]models.Parcel, error) {
	out, err := db.QueryAll(ctx, s.db, func(sc db.Scanner) (models.Parcel, error) {
		var p models.Parcel
		err := sc.Scan(&p.ID, &p.ShipmentID, &p.WeightGrams, &p.LengthCM, &p.WidthCM, &p.HeightCM, &p.Label)
		return p, err
	}, selectParcelsSQL, shipmentID)
	if err != nil {
		return nil, fmt.Errorf("shipping: parcels of %s: %w", shipmentID, err)
	}
	return out, nil
}

// Insert stores a shipment with its parcels.
func (s *Store) Insert(ctx context.Context, sh *models.Shipment) error {
	d := sh.Destination
	return db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, insertShipmentSQL, sh.ID, sh.OrderID, sh.Carrier, sh.Service, sh.TrackingNumber,
			string(sh.Status), sh.Cost.Amount, string(sh.Cost.Currency),
			d.Name, d.Line1, d.Line2, d.City, d.Postcode, d.Country, sh.CreatedAt)
		if err != nil {
			if db.IsUniqueViolation(err) {
				return errs.Conflict("shipping.Insert", "shipment %s exists", sh.ID)
			}
			return fmt.Errorf("shipping: insert %s: %w", sh.ID, err)
		}
		for _, p := range sh.Parcels {
			if _, err := tx.ExecContext(ctx, insertParcelSQL, p.ID, sh.ID, p.WeightGrams, p.LengthCM, p.WidthCM, p.HeightCM, p.Label); err != nil {
				return fmt.Errorf("shipping: insert parcel %s: %w", p.ID, err)
			}
		}
		return nil
	})
}

// UpdateStatus stores the status and timestamps of sh.
func (s *Store) UpdateStatus(ctx context.Context, sh *models.Shipment) error {
	_, err := s.db.ExecContext(ctx, updateStatusSQL, sh.ID, string(sh.Status), db.TimeArg(sh.ShippedAt), db.TimeArg(sh.DeliveredAt))
	if err != nil {
		return fmt.Errorf("shipping: update %s: %w", sh.ID, err)
	}
	return nil
}

// TrackingEvent is a stored carrier checkpoint.
type TrackingEvent struct {
	Status     string    `json:"status"`
	Location   string    `json:"location"`
	Detail     string    `json:"detail"`
	OccurredAt time.Time `json:"occurred_at"`
}

// AddTrackingEvents stores checkpoints, skipping ones already stored.
func (s *Store) AddTrackingEvents(ctx context.Context, shipmentID string, events []TrackingEvent) error {
	return db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		for _, e := range events {
			if _, err := tx.ExecContext(ctx, insertTrackingSQL, shipmentID, e.Status, e.Location, e.Detail, e.OccurredAt); err != nil {
				return fmt.Errorf("shipping: tracking event of %s: %w", shipmentID, err)
			}
		}
		return nil
	})
}

// Tracking lists the checkpoints of a shipment.
func (s *Store) Tracking(ctx context.Context, shipmentID string) ([]TrackingEvent, error) {
	return db.QueryAll(ctx, s.db, func(sc db.Scanner) (TrackingEvent, error) {
		var e TrackingEvent
		err := sc.Scan(&e.Status, &e.Location, &e.Detail, &e.OccurredAt)
		return e, err
	}, selectTrackingSQL, shipmentID)
}

// PurgeTracking deletes checkpoints older than before.
func (s *Store) PurgeTracking(ctx context.Context, before time.Time) (int64, error) {
	res, err := s.db.ExecContext(ctx, deleteOldTrackingSQL, before)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// CountByStatus counts shipments per status.
func (s *Store) CountByStatus(ctx context.Context) (map[models.ShipmentStatus]int, error) {
	type row struct {
		status string
		n      int
	}
	rows, err := db.QueryAll(ctx, s.db, func(sc db.Scanner) (row, error) {
		var r row
		err := sc.Scan(&r.status, &r.n)
		return r, err
	}, shipmentCountByStatus)
	if err != nil {
		return nil, err
	}
	out := make(map[models.ShipmentStatus]int, len(rows))
	for _, r := range rows {
		out[models.ShipmentStatus(r.status)] = r.n
	}
	return out, nil
}

var errNoLines = errors.New("shipping: order has no lines")
