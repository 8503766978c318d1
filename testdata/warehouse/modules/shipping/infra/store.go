// Package infra persists shipments, packages, manifests and tracking.
package infra

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"shipwell.io/wms/pkg/apperr"
	"shipwell.io/wms/pkg/db"
	"shipwell.io/wms/pkg/ids"
	"shipwell.io/wms/pkg/models"
)

type Store struct{ DB *sql.DB }

func New(d *sql.DB) *Store { return &Store{DB: d} }

func (s *Store) Create(ctx context.Context, q db.Querier, sh *models.Shipment) error {
	if sh.ID == "" {
		sh.ID = ids.New("shp")
	}
	sh.CreatedAt = time.Now().UTC()
	shipTo, _ := json.Marshal(sh.ShipTo)
	if _, err := q.ExecContext(ctx, `
		INSERT INTO shipments (id, order_id, client_id, carrier, service, status, ship_to, cost_cents, currency, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		sh.ID, sh.OrderID, sh.ClientID, sh.Carrier, sh.Service, sh.Status, shipTo, sh.Cost.Cents,
		sh.Cost.Currency, sh.CreatedAt); err != nil {
		return err
	}
	for i, p := range sh.Packages {
		if _, err := q.ExecContext(ctx, `
			INSERT INTO shipment_packages (shipment_id, seq, carton_id, length_cm, width_cm, height_cm, weight_g, tracking_no, label_url)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
			sh.ID, i+1, p.CartonID, p.Dims.LengthCM, p.Dims.WidthCM, p.Dims.HeightCM, p.Dims.WeightG,
			db.NullString(p.TrackingNo), db.NullString(p.LabelURL)); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) Get(ctx context.Context, id string) (*models.Shipment, error) {
	var sh models.Shipment
	var shipTo []byte
	var manifest sql.NullString
	var dispatched sql.NullTime
	err := s.DB.QueryRowContext(ctx, `
		SELECT id, order_id, client_id, carrier, service, status, ship_to, cost_cents, currency,
		       manifest_id, created_at, dispatched_at
		FROM shipments WHERE id = $1`, id).Scan(&sh.ID, &sh.OrderID, &sh.ClientID, &sh.Carrier, &sh.Service,
		&sh.Status, &shipTo, &sh.Cost.Cents, &sh.Cost.Currency, &manifest, &sh.CreatedAt, &dispatched)
	if db.IsNoRows(err) {
		return nil, apperr.NotFound("shipment %s", id)
	}
	if err != nil {
		return nil, err
	}
	_ = json.Unmarshal(shipTo, &sh.ShipTo)
	sh.ManifestID = manifest.String
	if dispatched.Valid {
		sh.DispatchedAt = &dispatched.Time
	}
	rows, err := s.DB.QueryContext(ctx, `
		SELECT carton_id, length_cm, width_cm, height_cm, weight_g, COALESCE(tracking_no, ''), COALESCE(label_url, '')
		FROM shipment_packages WHERE shipment_id = $1 ORDER BY seq`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var p models.Package
		if err := rows.Scan(&p.CartonID, &p.Dims.LengthCM, &p.Dims.WidthCM, &p.Dims.HeightCM, &p.Dims.WeightG,
			&p.TrackingNo, &p.LabelURL); err != nil {
			return nil, err
		}
		sh.Packages = append(sh.Packages, p)
	}
	return &sh, rows.Err()
}

func (s *Store) SetStatus(ctx context.Context, q db.Querier, id string, st models.ShipmentStatus) error {
	_, err := q.ExecContext(ctx, `UPDATE shipments SET status = $2 WHERE id = $1`, id, st)
	return err
}

// CarrierAccount returns the client's own carrier account, if they bill
// shipping to it instead of ours.
func (s *Store) CarrierAccount(ctx context.Context, clientID, carrier string) (string, error) {
	var acct string
	err := s.DB.QueryRowContext(ctx, `
		SELECT account_no FROM carrier_accounts WHERE client_id = $1 AND carrier = $2 AND active`,
		clientID, carrier).Scan(&acct)
	if db.IsNoRows(err) {
		return "", nil
	}
	return acct, err
}

// Labelled returns shipment ids labelled for a carrier and not manifested.
func (s *Store) Labelled(ctx context.Context, carrier string) ([]string, error) {
	rows, err := s.DB.QueryContext(ctx, `
		SELECT id FROM shipments WHERE carrier = $1 AND status = 'labelled' AND manifest_id IS NULL
		ORDER BY created_at`, carrier)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

func (s *Store) CreateManifest(ctx context.Context, q db.Querier, carrier string, shipmentIDs []string) (string, error) {
	id := ids.New("mfst")
	if _, err := q.ExecContext(ctx, `
		INSERT INTO manifests (id, carrier, shipment_count, created_at) VALUES ($1, $2, $3, now())`,
		id, carrier, len(shipmentIDs)); err != nil {
		return "", err
	}
	_, err := q.ExecContext(ctx, `
		UPDATE shipments SET manifest_id = $1, status = 'manifested' WHERE id = ANY($2)`, id, shipmentIDs)
	return id, err
}

// MarkDispatched closes a manifest when the trailer leaves, and flags the
// orders as shipped in the same statement batch so customer service sees it
// immediately.
func (s *Store) MarkDispatched(ctx context.Context, q db.Querier, manifestID string) ([]string, error) {
	rows, err := q.QueryContext(ctx, `
		UPDATE shipments SET status = 'dispatched', dispatched_at = now()
		WHERE manifest_id = $1 AND status = 'manifested' RETURNING id`, manifestID)
	if err != nil {
		return nil, err
	}
	var shipped []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		shipped = append(shipped, id)
	}
	rows.Close()
	if _, err := q.ExecContext(ctx, `
		UPDATE orders SET status = 'shipped', shipped_at = now(), updated_at = now()
		WHERE id IN (SELECT order_id FROM shipments WHERE manifest_id = $1)`, manifestID); err != nil {
		return nil, err
	}
	if _, err := q.ExecContext(ctx, `
		UPDATE order_lines SET shipped_qty = picked_qty
		WHERE order_id IN (SELECT order_id FROM shipments WHERE manifest_id = $1)`, manifestID); err != nil {
		return nil, err
	}
	_, err = q.ExecContext(ctx, `UPDATE manifests SET dispatched_at = now() WHERE id = $1`, manifestID)
	return shipped, err
}

// Trackable lists packages in transit that have not been polled recently.
func (s *Store) Trackable(ctx context.Context, limit int) (map[string][]string, error) {
	rows, err := s.DB.QueryContext(ctx, `
		SELECT sh.carrier, p.tracking_no FROM shipment_packages p JOIN shipments sh ON sh.id = p.shipment_id
		WHERE sh.status IN ('dispatched', 'exception') AND p.tracking_no IS NOT NULL
		  AND (p.last_polled_at IS NULL OR p.last_polled_at < now() - interval '2 hours')
		ORDER BY p.last_polled_at NULLS FIRST LIMIT $1`, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var carrier, tn string
		if err := rows.Scan(&carrier, &tn); err != nil {
			return nil, err
		}
		out[carrier] = append(out[carrier], tn)
	}
	return out, rows.Err()
}

func (s *Store) RecordTracking(ctx context.Context, trackingNo string, evs []models.TrackingEvent) error {
	for _, e := range evs {
		if _, err := s.DB.ExecContext(ctx, `
			INSERT INTO tracking_events (tracking_no, code, detail, occurred_at) VALUES ($1, $2, $3, $4)
			ON CONFLICT (tracking_no, code, occurred_at) DO NOTHING`, trackingNo, e.Code, e.Detail, e.OccurredAt); err != nil {
			return err
		}
	}
	_, err := s.DB.ExecContext(ctx, `
		UPDATE shipment_packages SET last_polled_at = now() WHERE tracking_no = $1`, trackingNo)
	if err != nil {
		return err
	}
	for _, e := range evs {
		if e.Code == "DELIVERED" {
			_, err = s.DB.ExecContext(ctx, `
				UPDATE shipments SET status = 'delivered' WHERE id = (
					SELECT shipment_id FROM shipment_packages WHERE tracking_no = $1)`, trackingNo)
		}
	}
	return err
}

// CostForOrder sums label cost of an order's shipments.
func (s *Store) CostForOrder(ctx context.Context, orderID string) (int64, string, error) {
	var cents int64
	var cur sql.NullString
	err := s.DB.QueryRowContext(ctx, `
		SELECT COALESCE(SUM(cost_cents), 0), MAX(currency) FROM shipments
		WHERE order_id = $1 AND status <> 'pending'`, orderID).Scan(&cents, &cur)
	return cents, cur.String, err
}
