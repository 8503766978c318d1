// Package billing is the PostgreSQL store for rate cards, charges and invoices.
package billing

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	db_ "parcelgo.com/platform/domain/billing"
	"parcelgo.com/platform/domain/model"
	"parcelgo.com/platform/domain/pricing"
	"parcelgo.com/platform/shared/db"
	"parcelgo.com/platform/shared/ids"
	"parcelgo.com/platform/shared/money"
)

type Store struct{ db *sql.DB }

func NewStore(d *sql.DB) *Store { return &Store{db: d} }

func (s *Store) RateCard(ctx context.Context, id string) (pricing.RateCard, error) {
	var rc pricing.RateCard
	var zone, mult []byte
	err := s.db.QueryRowContext(ctx,
		`SELECT id, name, currency, zone_surcharge, service_multiplier_bps, fuel_surcharge_bps,
		        cod_fee_bps, min_cod_fee, return_price_bps, extra_parcel_price
		   FROM rate_cards WHERE id = $1`, id).
		Scan(&rc.ID, &rc.Name, &rc.Currency, &zone, &mult, &rc.FuelSurchargeBps, &rc.CODFeeBps, &rc.MinCODFee,
			&rc.ReturnPriceBps, &rc.ExtraParcelPrice)
	if err != nil {
		return rc, db.NotFound(err, "rate card")
	}
	if err := json.Unmarshal(zone, &rc.ZoneSurcharge); err != nil {
		return rc, err
	}
	if err := json.Unmarshal(mult, &rc.ServiceMultiplierBps); err != nil {
		return rc, err
	}
	rows, err := s.db.QueryContext(ctx,
		`SELECT up_to_grams, price FROM rate_card_bands WHERE rate_card_id = $1 ORDER BY up_to_grams`, id)
	if err != nil {
		return rc, err
	}
	defer rows.Close()
	for rows.Next() {
		var b pricing.WeightBand
		if err := rows.Scan(&b.UpToGrams, &b.Price); err != nil {
			return rc, err
		}
		rc.Bands = append(rc.Bands, b)
	}
	return rc, rows.Err()
}

func (s *Store) AddCharge(ctx context.Context, c db_.Charge) error {
	if c.ID == "" {
		c.ID = ids.New("chg")
	}
	_, err := s.db.ExecContext(ctx,
		`INSERT INTO billing_charges (id, merchant_id, shipment_id, tracking_number, kind, amount, currency, occurred_at)
		 VALUES ($1,$2,$3,$4,$5,$6,$7,$8)
		 ON CONFLICT (shipment_id, kind) WHERE kind <> 'credit' DO NOTHING`,
		c.ID, c.MerchantID, db.NullString(c.ShipmentID), c.TrackingNumber, c.Kind, c.Amount.Amount, c.Amount.Currency, c.OccurredAt)
	return err
}

// AddCredit books a negative charge against the merchant's next invoice.
func (s *Store) AddCredit(ctx context.Context, merchantID, shipmentID string, amount money.Money, reason string) error {
	_, err := s.db.ExecContext(ctx,
		`INSERT INTO billing_charges (id, merchant_id, shipment_id, tracking_number, kind, amount, currency, occurred_at, note)
		 SELECT $1, $2, $3, '', 'credit', $4, $5, now(), $6`,
		ids.New("chg"), merchantID, shipmentID, -amount.Amount, amount.Currency, reason)
	return err
}

func scanCharges(rows *sql.Rows) ([]db_.Charge, error) {
	defer rows.Close()
	var out []db_.Charge
	for rows.Next() {
		var c db_.Charge
		var sid sql.NullString
		if err := rows.Scan(&c.ID, &c.MerchantID, &sid, &c.TrackingNumber, &c.Kind, &c.Amount.Amount,
			&c.Amount.Currency, &c.OccurredAt); err != nil {
			return nil, err
		}
		c.ShipmentID = sid.String
		out = append(out, c)
	}
	return out, rows.Err()
}

func (s *Store) UnbilledCharges(ctx context.Context, merchantID string, until time.Time) ([]db_.Charge, error) {
	rows, err := s.db.QueryContext(ctx,
		`SELECT id, merchant_id, shipment_id, tracking_number, kind, amount, currency, occurred_at
		   FROM billing_charges
		  WHERE merchant_id = $1 AND invoice_id IS NULL AND occurred_at < $2
		  ORDER BY occurred_at`, merchantID, until)
	if err != nil {
		return nil, err
	}
	return scanCharges(rows)
}

func (s *Store) MerchantsWithUnbilled(ctx context.Context, until time.Time) ([]string, error) {
	rows, err := s.db.QueryContext(ctx,
		`SELECT DISTINCT merchant_id FROM billing_charges WHERE invoice_id IS NULL AND occurred_at < $1`, until)
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

// SaveInvoice allocates the next number, inserts invoice and lines and marks
// the charges billed, all in one transaction.
func (s *Store) SaveInvoice(ctx context.Context, inv *db_.Invoice) error {
	return db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		year := inv.IssuedAt.Year()
		var seq int
		if err := tx.QueryRowContext(ctx,
			`INSERT INTO invoice_sequences (year, last_value) VALUES ($1, 1)
			 ON CONFLICT (year) DO UPDATE SET last_value = invoice_sequences.last_value + 1
			 RETURNING last_value`, year).Scan(&seq); err != nil {
			return err
		}
		inv.Number = db_.InvoiceNumber(year, seq)
		inv.Status = db_.InvoiceIssued
		if _, err := tx.ExecContext(ctx,
			`INSERT INTO invoices (id, number, merchant_id, period_start, period_end, subtotal, tax, total, currency,
			        status, issued_at, due_at)
			 VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)`,
			inv.ID, inv.Number, inv.MerchantID, inv.PeriodStart, inv.PeriodEnd, inv.Subtotal.Amount, inv.Tax.Amount,
			inv.Total.Amount, inv.Total.Currency, inv.Status, inv.IssuedAt, inv.DueAt); err != nil {
			return err
		}
		for i, l := range inv.Lines {
			if _, err := tx.ExecContext(ctx,
				`INSERT INTO invoice_lines (invoice_id, line_no, description, shipment_id, tracking_number, quantity, amount)
				 VALUES ($1,$2,$3,$4,$5,$6,$7)`,
				inv.ID, i+1, l.Description, db.NullString(l.ShipmentID), l.TrackingNumber, l.Quantity, l.Amount.Amount); err != nil {
				return err
			}
		}
		for _, cid := range inv.ChargeIDs {
			if _, err := tx.ExecContext(ctx,
				`UPDATE billing_charges SET invoice_id = $1 WHERE id = $2 AND invoice_id IS NULL`, inv.ID, cid); err != nil {
				return err
			}
		}
		return nil
	})
}

const invoiceCols = `id, number, merchant_id, period_start, period_end, subtotal, tax, total, currency, status, issued_at, due_at, paid_at`

func scanInvoice(row interface{ Scan(...any) error }) (db_.Invoice, error) {
	var i db_.Invoice
	var cur string
	var paid sql.NullTime
	err := row.Scan(&i.ID, &i.Number, &i.MerchantID, &i.PeriodStart, &i.PeriodEnd, &i.Subtotal.Amount, &i.Tax.Amount,
		&i.Total.Amount, &cur, &i.Status, &i.IssuedAt, &i.DueAt, &paid)
	i.Subtotal.Currency, i.Tax.Currency, i.Total.Currency = cur, cur, cur
	i.PaidAt = db.TimePtr(paid)
	return i, err
}

func (s *Store) Invoice(ctx context.Context, id string) (db_.Invoice, error) {
	inv, err := scanInvoice(s.db.QueryRowContext(ctx, `SELECT `+invoiceCols+` FROM invoices WHERE id = $1`, id))
	if err != nil {
		return inv, db.NotFound(err, "invoice")
	}
	rows, err := s.db.QueryContext(ctx,
		`SELECT description, COALESCE(shipment_id, ''), tracking_number, quantity, amount
		   FROM invoice_lines WHERE invoice_id = $1 ORDER BY line_no`, id)
	if err != nil {
		return inv, err
	}
	defer rows.Close()
	for rows.Next() {
		var l model.InvoiceLine
		if err := rows.Scan(&l.Description, &l.ShipmentID, &l.TrackingNumber, &l.Quantity, &l.Amount.Amount); err != nil {
			return inv, err
		}
		l.Amount.Currency = inv.Total.Currency
		inv.Lines = append(inv.Lines, l)
	}
	return inv, rows.Err()
}

// DeliveredWithoutCharge finds delivered shipments whose delivery charge was
// never recorded (lost events, the 2022 outbox incident). It reads the
// shipment context's tables directly.
func (s *Store) DeliveredWithoutCharge(ctx context.Context, since time.Time) ([]db_.Charge, error) {
	rows, err := s.db.QueryContext(ctx,
		`SELECT '', sh.merchant_id, sh.id, sh.tracking_number, 'delivery', sh.price_amount, sh.price_currency, sh.delivered_at
		   FROM shipments sh
		   LEFT JOIN billing_charges c ON c.shipment_id = sh.id AND c.kind = 'delivery'
		  WHERE sh.status = 'delivered' AND sh.delivered_at >= $1 AND c.id IS NULL
		    AND sh.is_return = false`, since)
	if err != nil {
		return nil, err
	}
	return scanCharges(rows)
}
