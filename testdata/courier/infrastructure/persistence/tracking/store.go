// Package tracking persists tracking events, subscriptions and the
// notification log.
package tracking

import (
	"context"
	"database/sql"
	"strings"
	"time"

	dt "parcelgo.com/platform/domain/tracking"
	"parcelgo.com/platform/shared/db"
	"parcelgo.com/platform/shared/ids"
)

type Store struct{ db *sql.DB }

func NewStore(d *sql.DB) *Store { return &Store{db: d} }

func (s *Store) Append(ctx context.Context, e dt.Event) error {
	if e.ID == "" {
		e.ID = ids.New("tev")
	}
	_, err := s.db.ExecContext(ctx,
		`INSERT INTO tracking_events (id, shipment_id, tracking_number, code, detail, location, source, occurred_at)
		 VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
		e.ID, e.ShipmentID, e.TrackingNumber, e.Code, e.Detail, e.Location, e.Source, e.OccurredAt)
	return err
}

func (s *Store) History(ctx context.Context, tn string) ([]dt.Event, error) {
	rows, err := s.db.QueryContext(ctx,
		`SELECT id, shipment_id, tracking_number, code, detail, location, source, occurred_at
		   FROM tracking_events WHERE tracking_number = $1 ORDER BY occurred_at DESC`, tn)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []dt.Event
	for rows.Next() {
		var e dt.Event
		if err := rows.Scan(&e.ID, &e.ShipmentID, &e.TrackingNumber, &e.Code, &e.Detail, &e.Location, &e.Source,
			&e.OccurredAt); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// Header reads the shipment row for the public tracking page.
func (s *Store) Header(ctx context.Context, tn string) (dt.Header, error) {
	var h dt.Header
	err := s.db.QueryRowContext(ctx,
		`SELECT tracking_number, status, promised_by, recipient_city FROM shipments WHERE tracking_number = $1`, tn).
		Scan(&h.TrackingNumber, &h.Status, &h.PromisedBy, &h.City)
	return h, db.NotFound(err, "shipment")
}

// SyncShipment denormalises the latest event onto the shipment row so the
// merchant list view can show it without a join, and flags lost parcels.
func (s *Store) SyncShipment(ctx context.Context, shipmentID string, c dt.Code, at time.Time) error {
	_, err := s.db.ExecContext(ctx,
		`UPDATE shipments
		    SET last_event_code = $2, last_event_at = $3,
		        status = CASE WHEN $2 = 'exception_lost' THEN 'lost' ELSE status END
		  WHERE id = $1 AND (last_event_at IS NULL OR last_event_at <= $3)`, shipmentID, c, at)
	return err
}

func (s *Store) Subscriptions(ctx context.Context, shipmentID string) ([]dt.Subscription, error) {
	rows, err := s.db.QueryContext(ctx,
		`SELECT id, shipment_id, channel, target, codes FROM notification_subscriptions
		  WHERE shipment_id = $1 AND unsubscribed_at IS NULL`, shipmentID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []dt.Subscription
	for rows.Next() {
		var sub dt.Subscription
		var codes string
		if err := rows.Scan(&sub.ID, &sub.ShipmentID, &sub.Channel, &sub.Target, &codes); err != nil {
			return nil, err
		}
		for _, c := range strings.Split(codes, ",") {
			if c != "" {
				sub.Codes = append(sub.Codes, dt.Code(c))
			}
		}
		out = append(out, sub)
	}
	return out, rows.Err()
}

func (s *Store) Subscribe(ctx context.Context, sub dt.Subscription) error {
	codes := make([]string, len(sub.Codes))
	for i, c := range sub.Codes {
		codes[i] = string(c)
	}
	_, err := s.db.ExecContext(ctx,
		`INSERT INTO notification_subscriptions (id, shipment_id, channel, target, codes, created_at)
		 VALUES ($1,$2,$3,$4,$5,now())
		 ON CONFLICT (shipment_id, channel, target) DO UPDATE SET codes = EXCLUDED.codes, unsubscribed_at = NULL`,
		sub.ID, sub.ShipmentID, sub.Channel, sub.Target, strings.Join(codes, ","))
	return err
}

func (s *Store) LogNotification(ctx context.Context, subID string, e dt.Event, body string, sendErr error) error {
	status, msg := "sent", ""
	if sendErr != nil {
		status, msg = "failed", sendErr.Error()
	}
	_, err := s.db.ExecContext(ctx,
		`INSERT INTO notifications (id, subscription_id, tracking_event_id, code, body, status, error, created_at)
		 VALUES ($1,$2,$3,$4,$5,$6,$7,now())`,
		ids.New("ntf"), subID, db.NullString(e.ID), e.Code, body, status, db.NullString(msg))
	return err
}
