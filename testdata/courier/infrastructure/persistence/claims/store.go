// Package claims persists claims and gathers shipment facts for assessment.
package claims

import (
	"context"
	"database/sql"
	"strings"

	dc "parcelgo.com/platform/domain/claims"
	"parcelgo.com/platform/domain/model"
	"parcelgo.com/platform/shared/db"
)

type Store struct{ db *sql.DB }

func NewStore(d *sql.DB) *Store { return &Store{db: d} }

const cols = `id, shipment_id, tracking_number, merchant_id, type, declared_value, currency, description, evidence,
	status, decision, payout, COALESCE(driver_id, ''), driver_at_fault, created_at, decided_at`

func scan(row interface{ Scan(...any) error }) (*dc.Claim, error) {
	c := &dc.Claim{}
	var evidence string
	var decided sql.NullTime
	if err := row.Scan(&c.ID, &c.ShipmentID, &c.TrackingNumber, &c.MerchantID, &c.Type, &c.DeclaredValue.Amount,
		&c.DeclaredValue.Currency, &c.Description, &evidence, &c.Status, &c.Decision, &c.Payout.Amount, &c.DriverID,
		&c.DriverAtFault, &c.CreatedAt, &decided); err != nil {
		return nil, err
	}
	c.Payout.Currency = c.DeclaredValue.Currency
	if evidence != "" {
		c.Evidence = strings.Split(evidence, ",")
	}
	c.DecidedAt = db.TimePtr(decided)
	return c, nil
}

func (s *Store) Create(ctx context.Context, c *dc.Claim) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO claims (`+strings.ReplaceAll(cols, "COALESCE(driver_id, '')", "driver_id")+`)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16)`,
		c.ID, c.ShipmentID, c.TrackingNumber, c.MerchantID, c.Type, c.DeclaredValue.Amount, c.DeclaredValue.Currency,
		c.Description, strings.Join(c.Evidence, ","), c.Status, c.Decision, c.Payout.Amount, db.NullString(c.DriverID),
		c.DriverAtFault, c.CreatedAt, c.DecidedAt)
	return err
}

func (s *Store) Get(ctx context.Context, id string) (*dc.Claim, error) {
	c, err := scan(s.db.QueryRowContext(ctx, `SELECT `+cols+` FROM claims WHERE id = $1`, id))
	return c, db.NotFound(err, "claim")
}

func (s *Store) Update(ctx context.Context, c *dc.Claim) error {
	_, err := s.db.ExecContext(ctx,
		`UPDATE claims SET status = $2, decision = $3, payout = $4, driver_id = $5, driver_at_fault = $6, decided_at = $7
		  WHERE id = $1`,
		c.ID, c.Status, c.Decision, c.Payout.Amount, db.NullString(c.DriverID), c.DriverAtFault, c.DecidedAt)
	return err
}

func (s *Store) List(ctx context.Context, merchantID string, status dc.Status, p model.Page) ([]dc.Claim, error) {
	p = p.Normalize()
	rows, err := s.db.QueryContext(ctx, `SELECT `+cols+` FROM claims
		WHERE ($1 = '' OR merchant_id = $1) AND ($2 = '' OR status = $2)
		ORDER BY created_at DESC LIMIT $3 OFFSET $4`, merchantID, string(status), p.Limit, p.Offset)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []dc.Claim
	for rows.Next() {
		c, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *c)
	}
	return out, rows.Err()
}

func (s *Store) ExistsForShipment(ctx context.Context, shipmentID string) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx,
		`SELECT count(*) FROM claims WHERE shipment_id = $1 AND status <> 'rejected'`, shipmentID).Scan(&n)
	return n > 0, err
}

// Facts joins shipment, proof-of-delivery, route-stop and tracking data in
// one query so claim handlers get everything they need in a single round trip.
func (s *Store) Facts(ctx context.Context, shipmentID string) (dc.Facts, error) {
	var f dc.Facts
	var delivered, lastScan sql.NullTime
	var podKind, driverID sql.NullString
	var podLat, podLng, stopLat, stopLng sql.NullFloat64
	err := s.db.QueryRowContext(ctx,
		`SELECT sh.status, sh.service_level, sh.price_amount, sh.price_currency, sh.created_at, sh.delivered_at,
		        (SELECT max(te.occurred_at) FROM tracking_events te WHERE te.shipment_id = sh.id),
		        pod.kind, pod.lat, pod.lng, pod.driver_id,
		        rs.lat, rs.lng
		   FROM shipments sh
		   LEFT JOIN proof_of_delivery pod ON pod.shipment_id = sh.id
		   LEFT JOIN route_stops rs ON rs.id = pod.stop_id
		  WHERE sh.id = $1
		  ORDER BY pod.captured_at DESC NULLS LAST
		  LIMIT 1`, shipmentID).
		Scan(&f.ShipmentStatus, &f.ServiceLevel, &f.Price.Amount, &f.Price.Currency, &f.BookedAt, &delivered,
			&lastScan, &podKind, &podLat, &podLng, &driverID, &stopLat, &stopLng)
	if err != nil {
		return f, db.NotFound(err, "shipment")
	}
	f.DeliveredAt, f.PODKind, f.DriverID = db.TimePtr(delivered), podKind.String, driverID.String
	f.LastScanAt = lastScan.Time
	f.PODLocation.Lat, f.PODLocation.Lng = podLat.Float64, podLng.Float64
	f.StopLocation.Lat, f.StopLocation.Lng = stopLat.Float64, stopLng.Float64
	return f, nil
}
