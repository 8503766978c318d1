// Package billingdb is the SQL layer of the billing module. It was written
// before the modules/ layout and reads activity straight from the
// operational tables.
package billingdb

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"shipwell.io/wms/legacy/billing/ratecard"
	"shipwell.io/wms/pkg/db"
	"shipwell.io/wms/pkg/ids"
	"shipwell.io/wms/pkg/models"
	"shipwell.io/wms/pkg/money"
)

func LoadRateCard(ctx context.Context, d db.Querier, clientID string) (ratecard.RateCard, error) {
	rc := ratecard.RateCard{ClientID: clientID}
	err := d.QueryRowContext(ctx, `
		SELECT currency, receiving_per_unit, receiving_per_pallet, storage_per_cbm_day, storage_min_cbm,
		       pick_per_order, pick_per_unit, pick_tier_units, pick_tier_discount_bps, pack_per_carton,
		       shipping_markup_bps, return_per_rma, return_per_unit, monthly_minimum
		FROM rate_cards WHERE client_id = $1 AND effective_from <= now()
		ORDER BY effective_from DESC LIMIT 1`, clientID).Scan(&rc.Currency, &rc.ReceivingPerUnit,
		&rc.ReceivingPerPallet, &rc.StoragePerCBMDay, &rc.StorageMinCBM, &rc.PickPerOrder, &rc.PickPerUnit,
		&rc.PickTierUnits, &rc.PickTierDiscountBps, &rc.PackPerCarton, &rc.ShippingMarkupBps,
		&rc.ReturnPerRMA, &rc.ReturnPerUnit, &rc.MonthlyMinimum)
	return rc, err
}

// InsertCharge is idempotent on (type, reference).
func InsertCharge(ctx context.Context, d db.Querier, c *models.Charge) error {
	if c.ID == "" {
		c.ID = ids.New("chg")
	}
	_, err := d.ExecContext(ctx, `
		INSERT INTO charges (id, client_id, type, reference, quantity, unit_price_cents, amount_cents, currency, occurred_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
		ON CONFLICT (type, reference) DO NOTHING`,
		c.ID, c.ClientID, c.Type, c.Reference, c.Quantity, c.UnitPrice.Cents, c.Amount.Cents, c.Amount.Currency, c.OccurredAt)
	return err
}

func Uninvoiced(ctx context.Context, d db.Querier, clientID string, before time.Time) ([]models.Charge, error) {
	rows, err := d.QueryContext(ctx, `
		SELECT id, client_id, type, reference, quantity, unit_price_cents, amount_cents, currency, occurred_at
		FROM charges WHERE client_id = $1 AND invoice_id IS NULL AND occurred_at < $2
		ORDER BY occurred_at FOR UPDATE`, clientID, before)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Charge
	for rows.Next() {
		var c models.Charge
		if err := rows.Scan(&c.ID, &c.ClientID, &c.Type, &c.Reference, &c.Quantity, &c.UnitPrice.Cents,
			&c.Amount.Cents, &c.Amount.Currency, &c.OccurredAt); err != nil {
			return nil, err
		}
		c.UnitPrice.Currency = c.Amount.Currency
		out = append(out, c)
	}
	return out, rows.Err()
}

func CreateInvoice(ctx context.Context, tx *sql.Tx, inv *models.Invoice, chargeIDs []string) error {
	inv.ID = ids.New("inv")
	if err := tx.QueryRowContext(ctx, `SELECT 'INV-' || to_char(now(), 'YYYYMM') || '-' || lpad(nextval('invoice_seq')::text, 5, '0')`).
		Scan(&inv.Number); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO invoices (id, client_id, number, period_start, period_end, status, total_cents, currency)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		inv.ID, inv.ClientID, inv.Number, inv.PeriodStart, inv.PeriodEnd, inv.Status, inv.Total.Cents, inv.Total.Currency); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `UPDATE charges SET invoice_id = $1 WHERE id = ANY($2)`, inv.ID, chargeIDs)
	return err
}

func Invoices(ctx context.Context, d db.Querier, clientID string) ([]models.Invoice, error) {
	rows, err := d.QueryContext(ctx, `
		SELECT id, client_id, number, period_start, period_end, status, total_cents, currency
		FROM invoices WHERE client_id = $1 ORDER BY period_start DESC`, clientID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Invoice
	for rows.Next() {
		var i models.Invoice
		if err := rows.Scan(&i.ID, &i.ClientID, &i.Number, &i.PeriodStart, &i.PeriodEnd, &i.Status,
			&i.Total.Cents, &i.Total.Currency); err != nil {
			return nil, err
		}
		out = append(out, i)
	}
	return out, rows.Err()
}

// BillableClient carries what invoicing needs from the client master.
type BillableClient struct {
	ID, Code, Name, Email string
	BillTo                models.Address
}

func ActiveClients(ctx context.Context, d db.Querier) ([]BillableClient, error) {
	rows, err := d.QueryContext(ctx, `
		SELECT c.id, c.code, c.name, c.billing_email, c.bill_to
		FROM clients c JOIN rate_cards r ON r.client_id = c.id
		WHERE c.active GROUP BY c.id ORDER BY c.code`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []BillableClient
	for rows.Next() {
		var c BillableClient
		var billTo []byte
		if err := rows.Scan(&c.ID, &c.Code, &c.Name, &c.Email, &billTo); err != nil {
			return nil, err
		}
		_ = json.Unmarshal(billTo, &c.BillTo)
		out = append(out, c)
	}
	return out, rows.Err()
}

// StorageVolumes returns occupied cubic metres per client right now.
func StorageVolumes(ctx context.Context, d db.Querier) (map[string]float64, error) {
	rows, err := d.QueryContext(ctx, `
		SELECT b.client_id, SUM(b.on_hand * i.length_cm * i.width_cm * i.height_cm) / 1000000.0
		FROM inventory_balances b
		JOIN items i ON i.client_id = b.client_id AND i.sku = b.sku
		JOIN locations l ON l.id = b.location_id AND l.type IN ('reserve', 'pick')
		WHERE b.on_hand > 0
		GROUP BY b.client_id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]float64{}
	for rows.Next() {
		var c string
		var v float64
		if err := rows.Scan(&c, &v); err != nil {
			return nil, err
		}
		out[c] = v
	}
	return out, rows.Err()
}

// ReceiptTotals sums units and pallets received on an ASN.
func ReceiptTotals(ctx context.Context, d db.Querier, asnID string) (units, pallets int, err error) {
	err = d.QueryRowContext(ctx, `
		SELECT COALESCE(SUM(qty + damaged), 0), COALESCE(SUM(pallets), 0) FROM receipts WHERE asn_id = $1`, asnID).
		Scan(&units, &pallets)
	return
}

// OrderActivity returns picked units and packed cartons for an order.
func OrderActivity(ctx context.Context, d db.Querier, orderID string) (units, cartons int, err error) {
	err = d.QueryRowContext(ctx, `
		SELECT (SELECT COALESCE(SUM(picked_qty), 0) FROM pick_tasks WHERE order_id = $1),
		       (SELECT COUNT(*) FROM cartons WHERE order_id = $1 AND closed_at IS NOT NULL)`, orderID).
		Scan(&units, &cartons)
	return
}

func Total(cs []models.Charge, cur string) money.Money {
	t := money.Zero(cur)
	for _, c := range cs {
		t = t.Add(c.Amount)
	}
	return t
}
