// Package shipment is the PostgreSQL store for shipments and parcels.
package shipment

import (
	"context"
	"database/sql"
	"time"

	"parcelgo.com/platform/domain/model"
	ds "parcelgo.com/platform/domain/shipment"
	"parcelgo.com/platform/shared/db"
	"parcelgo.com/platform/shared/errs"
	"parcelgo.com/platform/shared/ids"
)

type Store struct{ db *sql.DB }

func NewStore(d *sql.DB) *Store { return &Store{db: d} }

const cols = `id, tracking_number, merchant_id, merchant_reference, service_level, status,
	sender_line1, sender_city, sender_postal_code, sender_country,
	recipient_name, recipient_phone, recipient_email,
	recipient_line1, recipient_line2, recipient_city, recipient_postal_code, recipient_country, recipient_lat, recipient_lng,
	zone_code, depot_id, price_amount, price_currency, cod_amount, declared_value, delivery_pin,
	is_return, original_shipment_id, promised_by, delivered_at, created_at, updated_at`

func scan(row interface{ Scan(...any) error }) (*ds.Shipment, error) {
	s := &ds.Shipment{}
	var ref, line2, phone, email, pin, orig sql.NullString
	var delivered sql.NullTime
	err := row.Scan(&s.ID, &s.TrackingNumber, &s.MerchantID, &ref, &s.ServiceLevel, &s.Status,
		&s.Sender.Line1, &s.Sender.City, &s.Sender.PostalCode, &s.Sender.Country,
		&s.RecipientName, &phone, &email,
		&s.Recipient.Line1, &line2, &s.Recipient.City, &s.Recipient.PostalCode, &s.Recipient.Country,
		&s.Recipient.Lat, &s.Recipient.Lng,
		&s.ZoneCode, &s.DepotID, &s.Price.Amount, &s.Price.Currency, &s.CODAmount.Amount, &s.DeclaredValue.Amount, &pin,
		&s.IsReturn, &orig, &s.PromisedBy, &delivered, &s.CreatedAt, &s.UpdatedAt)
	if err != nil {
		return nil, err
	}
	s.MerchantReference, s.Recipient.Line2, s.RecipientPhone, s.RecipientEmail = ref.String, line2.String, phone.String, email.String
	s.DeliveryPIN, s.OriginalShipmentID = pin.String, orig.String
	s.CODAmount.Currency, s.DeclaredValue.Currency = s.Price.Currency, s.Price.Currency
	s.DeliveredAt = db.TimePtr(delivered)
	s.Recipient.Validated = true
	return s, nil
}

func (st *Store) Create(ctx context.Context, s *ds.Shipment) error {
	return db.WithTx(ctx, st.db, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO shipments (`+cols+`) VALUES (
			$1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,
			$21,$22,$23,$24,$25,$26,$27,$28,$29,$30,$31,$32,$33)`,
			s.ID, s.TrackingNumber, s.MerchantID, db.NullString(s.MerchantReference), s.ServiceLevel, s.Status,
			s.Sender.Line1, s.Sender.City, s.Sender.PostalCode, s.Sender.Country,
			s.RecipientName, db.NullString(s.RecipientPhone), db.NullString(s.RecipientEmail),
			s.Recipient.Line1, db.NullString(s.Recipient.Line2), s.Recipient.City, s.Recipient.PostalCode, s.Recipient.Country,
			s.Recipient.Lat, s.Recipient.Lng,
			s.ZoneCode, s.DepotID, s.Price.Amount, s.Price.Currency, s.CODAmount.Amount, s.DeclaredValue.Amount,
			db.NullString(s.DeliveryPIN), s.IsReturn, db.NullString(s.OriginalShipmentID), s.PromisedBy, nil,
			s.CreatedAt, s.UpdatedAt)
		if db.IsUniqueViolation(err) {
			return errs.Conflict("duplicate merchant reference %q", s.MerchantReference)
		}
		if err != nil {
			return err
		}
		for i := range s.Parcels {
			p := &s.Parcels[i]
			if p.ID == "" {
				p.ID = ids.New("pcl")
			}
			d := p.Dimensions
			if _, err := tx.ExecContext(ctx,
				`INSERT INTO parcels (id, shipment_id, seq, reference, length_cm, width_cm, height_cm, weight_grams)
				 VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
				p.ID, s.ID, i+1, p.Reference, d.LengthCM, d.WidthCM, d.HeightCM, d.WeightGrams); err != nil {
				return err
			}
		}
		return nil
	})
}

func (st *Store) loadParcels(ctx context.Context, s *ds.Shipment) error {
	rows, err := st.db.QueryContext(ctx,
		`SELECT id, reference, length_cm, width_cm, height_cm, weight_grams FROM parcels WHERE shipment_id = $1 ORDER BY seq`, s.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var p ds.Parcel
		if err := rows.Scan(&p.ID, &p.Reference, &p.Dimensions.LengthCM, &p.Dimensions.WidthCM,
			&p.Dimensions.HeightCM, &p.Dimensions.WeightGrams); err != nil {
			return err
		}
		s.Parcels = append(s.Parcels, p)
	}
	return rows.Err()
}

func (st *Store) Get(ctx context.Context, id string) (*ds.Shipment, error) {
	return st.getBy(ctx, "id", id)
}

func (st *Store) GetByTracking(ctx context.Context, tn string) (*ds.Shipment, error) {
	return st.getBy(ctx, "tracking_number", tn)
}

func (st *Store) getBy(ctx context.Context, col, v string) (*ds.Shipment, error) {
	s, err := scan(st.db.QueryRowContext(ctx, `SELECT `+cols+` FROM shipments WHERE `+col+` = $1`, v))
	if err != nil {
		return nil, db.NotFound(err, "shipment")
	}
	return s, st.loadParcels(ctx, s)
}

// UpdateStatus is a compare-and-set on status; from == "" skips the check.
func (st *Store) UpdateStatus(ctx context.Context, id string, from, to model.ShipmentStatus, at time.Time) error {
	res, err := st.db.ExecContext(ctx,
		`UPDATE shipments
		    SET status = $3, updated_at = $4,
		        delivered_at = CASE WHEN $3 = 'delivered' THEN $4 ELSE delivered_at END
		  WHERE id = $1 AND ($2 = '' OR status = $2)`, id, string(from), string(to), at)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.Conflict("shipment %s is no longer %s", id, from)
	}
	return nil
}

// ReadyForRouting returns parcels sitting in the depot (or failed yesterday)
// that are promised on or before day.
func (st *Store) ReadyForRouting(ctx context.Context, depotID string, day time.Time) ([]*ds.Shipment, error) {
	rows, err := st.db.QueryContext(ctx,
		`SELECT `+cols+` FROM shipments
		  WHERE depot_id = $1 AND status IN ('in_depot', 'failed_attempt')
		    AND promised_by < $2::date + 1
		  ORDER BY promised_by, created_at`, depotID, day)
	if err != nil {
		return nil, err
	}
	var out []*ds.Shipment
	for rows.Next() {
		s, err := scan(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, s := range out {
		if err := st.loadParcels(ctx, s); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// MarkOutForDelivery flips many shipments at once when a route is dispatched.
func (st *Store) MarkOutForDelivery(ctx context.Context, shipmentIDs []string, at time.Time) error {
	if len(shipmentIDs) == 0 {
		return nil
	}
	args := []any{at}
	for _, id := range shipmentIDs {
		args = append(args, id)
	}
	_, err := st.db.ExecContext(ctx,
		`UPDATE shipments SET status = 'out_for_delivery', updated_at = $1
		  WHERE status IN ('in_depot', 'failed_attempt') AND id IN (`+db.Placeholders(2, len(shipmentIDs))+`)`, args...)
	return err
}
