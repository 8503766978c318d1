// Package returns persists return requests and merchant return policies.
package returns

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	dr "parcelgo.com/platform/domain/returns"
	"parcelgo.com/platform/shared/db"
)

type Store struct{ db *sql.DB }

func NewStore(d *sql.DB) *Store { return &Store{db: d} }

const cols = `id, rma, original_shipment_id, merchant_id, reason, comment, photo_refs, status,
	return_shipment_id, rejection_reason, created_at, decided_at, received_at`

func scan(row interface{ Scan(...any) error }) (*dr.Request, error) {
	r := &dr.Request{}
	var photos string
	var retID, rej sql.NullString
	var dec, rec sql.NullTime
	if err := row.Scan(&r.ID, &r.RMA, &r.OriginalShipmentID, &r.MerchantID, &r.Reason, &r.Comment, &photos, &r.Status,
		&retID, &rej, &r.CreatedAt, &dec, &rec); err != nil {
		return nil, err
	}
	if photos != "" {
		r.PhotoRefs = strings.Split(photos, ",")
	}
	r.ReturnShipmentID, r.RejectionReason = retID.String, rej.String
	r.DecidedAt, r.ReceivedAt = db.TimePtr(dec), db.TimePtr(rec)
	return r, nil
}

func (s *Store) Create(ctx context.Context, r *dr.Request) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO return_requests (`+cols+`)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)`,
		r.ID, r.RMA, r.OriginalShipmentID, r.MerchantID, r.Reason, r.Comment, strings.Join(r.PhotoRefs, ","), r.Status,
		db.NullString(r.ReturnShipmentID), db.NullString(r.RejectionReason), r.CreatedAt, r.DecidedAt, r.ReceivedAt)
	return err
}

func (s *Store) Get(ctx context.Context, id string) (*dr.Request, error) {
	r, err := scan(s.db.QueryRowContext(ctx, `SELECT `+cols+` FROM return_requests WHERE id = $1`, id))
	return r, db.NotFound(err, "return request")
}

func (s *Store) ByReturnShipment(ctx context.Context, shipmentID string) (*dr.Request, error) {
	r, err := scan(s.db.QueryRowContext(ctx, `SELECT `+cols+` FROM return_requests WHERE return_shipment_id = $1`, shipmentID))
	return r, db.NotFound(err, "return request")
}

func (s *Store) Update(ctx context.Context, r *dr.Request) error {
	_, err := s.db.ExecContext(ctx,
		`UPDATE return_requests SET status = $2, return_shipment_id = $3, rejection_reason = $4,
		        decided_at = $5, received_at = $6 WHERE id = $1`,
		r.ID, r.Status, db.NullString(r.ReturnShipmentID), db.NullString(r.RejectionReason), r.DecidedAt, r.ReceivedAt)
	return err
}

func (s *Store) Policy(ctx context.Context, merchantID string) (dr.Policy, error) {
	p := dr.Policy{MerchantID: merchantID}
	var photoFor string
	err := s.db.QueryRowContext(ctx,
		`SELECT window_days, auto_approve, require_photo_for FROM return_policies WHERE merchant_id = $1`, merchantID).
		Scan(&p.WindowDays, &p.AutoApprove, &photoFor)
	if errors.Is(err, sql.ErrNoRows) {
		d := dr.Default
		d.MerchantID = merchantID
		return d, nil
	}
	for _, r := range strings.Split(photoFor, ",") {
		if r != "" {
			p.RequirePhotoFor = append(p.RequirePhotoFor, dr.Reason(r))
		}
	}
	return p, err
}

func (s *Store) OpenForShipment(ctx context.Context, shipmentID string) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx,
		`SELECT count(*) FROM return_requests WHERE original_shipment_id = $1 AND status <> 'rejected'`, shipmentID).Scan(&n)
	return n > 0, err
}

// Original reads the delivered shipment straight from the shipments table
// (predates the shipment service having a lookup-by-tracking endpoint).
func (s *Store) Original(ctx context.Context, tn string) (dr.Original, error) {
	var o dr.Original
	var delivered sql.NullTime
	var phone, email sql.NullString
	err := s.db.QueryRowContext(ctx,
		`SELECT sh.id, sh.tracking_number, sh.merchant_id, sh.status, sh.delivered_at,
		        sh.sender_line1, sh.sender_city, sh.sender_postal_code, sh.sender_country,
		        sh.recipient_line1, sh.recipient_city, sh.recipient_postal_code, sh.recipient_country,
		        sh.recipient_name, sh.recipient_phone, sh.recipient_email,
		        COALESCE(SUM(p.weight_grams), 0)
		   FROM shipments sh
		   LEFT JOIN parcels p ON p.shipment_id = sh.id
		  WHERE sh.tracking_number = $1
		  GROUP BY sh.id`, tn).
		Scan(&o.ShipmentID, &o.TrackingNumber, &o.MerchantID, &o.Status, &delivered,
			&o.Sender.Line1, &o.Sender.City, &o.Sender.PostalCode, &o.Sender.Country,
			&o.Recipient.Line1, &o.Recipient.City, &o.Recipient.PostalCode, &o.Recipient.Country,
			&o.RecipientName, &phone, &email, &o.WeightGrams)
	o.DeliveredAt, o.RecipientPhone, o.RecipientEmail = db.TimePtr(delivered), phone.String, email.String
	return o, db.NotFound(err, "shipment")
}

// FlagOriginal marks the original shipment so merchants see the return in
// their shipment list.
func (s *Store) FlagOriginal(ctx context.Context, shipmentID string) error {
	_, err := s.db.ExecContext(ctx,
		`UPDATE shipments SET status = 'return_requested', updated_at = now() WHERE id = $1 AND status = 'delivered'`,
		shipmentID)
	return err
}
