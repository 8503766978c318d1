// Package orders is the PostgreSQL store for orders.
// Tables: orders, order_lines, order_status_history.
package orders

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"rxnow.health/backend/domain/models"
	"rxnow.health/backend/domain/orders"
	"rxnow.health/backend/infrastructure/postgres"
	"rxnow.health/backend/kernel/errs"
	"rxnow.health/backend/kernel/money"
)

// Store persists orders.
type Store struct{ db *sql.DB }

// NewStore wraps db.
func NewStore(db *sql.DB) *Store { return &Store{db: db} }

// Create inserts an order with its lines.
func (s *Store) Create(ctx context.Context, o *orders.Order) error {
	return postgres.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `
			INSERT INTO orders (customer_id, status, payment_status, shipping_address_id, expedited, subtotal_cents,
			       insurance_paid_cents, shipping_fee_cents, total_cents, created_at, updated_at)
			VALUES ($1, $2, 'pending', $3, $4, $5, $6, $7, $8, now(), now()) RETURNING id, created_at`,
			o.CustomerID, o.Status, o.ShippingAddressID, o.Expedited, o.Subtotal.Cents, o.InsurancePaid.Cents, o.ShippingFee.Cents, o.Total.Cents,
		).Scan(&o.ID, &o.CreatedAt)
		if err != nil {
			return err
		}
		for i := range o.Lines {
			l := &o.Lines[i]
			if err := tx.QueryRowContext(ctx, `
				INSERT INTO order_lines (order_id, product_id, prescription_id, quantity, days_supply, unit_price_cents, copay_cents, claim_id, cold_chain, controlled)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
				o.ID, l.ProductID, postgres.NullInt64(l.PrescriptionID), l.Quantity, l.DaysSupply, l.UnitPrice.Cents, l.Copay.Cents,
				postgres.NullInt64(l.ClaimID), l.ColdChain, l.Controlled).Scan(&l.ID); err != nil {
				return err
			}
		}
		return history(ctx, tx, o.ID, o.Status, "system")
	})
}

// UpdatePricing stores co-pays, claim ids and totals after adjudication.
// Claims reference the order id, so pricing happens after Create.
func (s *Store) UpdatePricing(ctx context.Context, o orders.Order) error {
	return postgres.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		for _, l := range o.Lines {
			if _, err := tx.ExecContext(ctx, `UPDATE order_lines SET copay_cents = $2, claim_id = $3 WHERE id = $1`,
				l.ID, l.Copay.Cents, postgres.NullInt64(l.ClaimID)); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, `
			UPDATE orders SET subtotal_cents = $2, insurance_paid_cents = $3, shipping_fee_cents = $4, total_cents = $5, updated_at = now()
			WHERE id = $1`, o.ID, o.Subtotal.Cents, o.InsurancePaid.Cents, o.ShippingFee.Cents, o.Total.Cents)
		return err
	})
}

func history(ctx context.Context, db postgres.DBTX, orderID int64, status orders.Status, by string) error {
	_, err := db.ExecContext(ctx, `INSERT INTO order_status_history (order_id, status, changed_by, changed_at) VALUES ($1, $2, $3, now())`, orderID, status, by)
	return err
}

const orderCols = `id, customer_id, status, payment_status, shipping_address_id, expedited, subtotal_cents, insurance_paid_cents,
	shipping_fee_cents, total_cents, COALESCE(hold_reason, ''), created_at, updated_at`

func scanOrder(row interface{ Scan(...any) error }) (orders.Order, error) {
	var o orders.Order
	var sub, ins, ship, tot int64
	err := row.Scan(&o.ID, &o.CustomerID, &o.Status, &o.PaymentStatus, &o.ShippingAddressID, &o.Expedited, &sub, &ins, &ship, &tot,
		&o.HoldReason, &o.CreatedAt, &o.UpdatedAt)
	o.Subtotal, o.InsurancePaid, o.ShippingFee, o.Total = money.USD(sub), money.USD(ins), money.USD(ship), money.USD(tot)
	return o, err
}

// Get loads an order with lines.
func (s *Store) Get(ctx context.Context, id int64) (orders.Order, error) {
	o, err := scanOrder(s.db.QueryRowContext(ctx, `SELECT `+orderCols+` FROM orders WHERE id = $1`, id))
	if err != nil {
		return o, postgres.NotFound("orders.Store.Get", err, "order", id)
	}
	o.Lines, err = s.lines(ctx, id)
	return o, err
}

func (s *Store) lines(ctx context.Context, orderID int64) ([]orders.Line, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT id, product_id, prescription_id, quantity, days_supply, unit_price_cents, copay_cents, claim_id, cold_chain, controlled, rx_verified
		FROM order_lines WHERE order_id = $1 ORDER BY id`, orderID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []orders.Line
	for rows.Next() {
		var l orders.Line
		var rx, claim sql.NullInt64
		var price, copay int64
		if err := rows.Scan(&l.ID, &l.ProductID, &rx, &l.Quantity, &l.DaysSupply, &price, &copay, &claim, &l.ColdChain, &l.Controlled, &l.RxVerified); err != nil {
			return nil, err
		}
		l.PrescriptionID, l.ClaimID = postgres.Int64Ptr(rx), postgres.Int64Ptr(claim)
		l.UnitPrice, l.Copay = money.USD(price), money.USD(copay)
		out = append(out, l)
	}
	return out, rows.Err()
}

// UpdateStatus persists a status change with optimistic concurrency.
func (s *Store) UpdateStatus(ctx context.Context, o orders.Order, from orders.Status, by string) error {
	return postgres.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE orders SET status = $2, hold_reason = NULLIF($4, ''), updated_at = now() WHERE id = $1 AND status = $3`,
			o.ID, o.Status, from, o.HoldReason)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errs.Conflictf("orders.Store.UpdateStatus", "order %d changed concurrently", o.ID)
		}
		return history(ctx, tx, o.ID, o.Status, by)
	})
}

// MarkRxVerified flags lines of a prescription as verified.
func (s *Store) MarkRxVerified(ctx context.Context, prescriptionID int64) ([]int64, error) {
	rows, err := s.db.QueryContext(ctx, `
		UPDATE order_lines ol SET rx_verified = true
		FROM orders o
		WHERE ol.order_id = o.id AND ol.prescription_id = $1 AND o.status = 'pending_verification'
		RETURNING ol.order_id`, prescriptionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// PickQueue builds fulfilment tickets for orders ready to fill. It reads
// patient, prescription and product data straight from their tables so
// the pharmacy screen renders with a single query.
func (s *Store) PickQueue(ctx context.Context, limit int) ([]models.PickTicket, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT o.id, o.created_at, c.first_name || ' ' || c.last_name, c.date_of_birth,
		       COALESCE((SELECT string_agg(a.allergen, ',') FROM customer_allergies a WHERE a.customer_id = c.id), ''),
		       ol.id, ol.product_id, COALESCE(p.ndc, ''), p.name || ' ' || p.strength, ol.quantity, ol.prescription_id, COALESCE(rx.sig, '')
		FROM orders o
		JOIN customers c ON c.id = o.customer_id
		JOIN order_lines ol ON ol.order_id = o.id
		JOIN products p ON p.id = ol.product_id
		LEFT JOIN prescriptions rx ON rx.id = ol.prescription_id
		WHERE o.status = 'ready_to_fill'
		  AND o.id IN (SELECT id FROM orders WHERE status = 'ready_to_fill' ORDER BY expedited DESC, created_at LIMIT $1)
		ORDER BY o.expedited DESC, o.created_at, ol.id`, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.PickTicket
	idx := map[int64]int{}
	for rows.Next() {
		var (
			orderID    int64
			placed     time.Time
			name       string
			dob        time.Time
			allergyCSV string
			line       models.PickLine
			rx         sql.NullInt64
		)
		if err := rows.Scan(&orderID, &placed, &name, &dob, &allergyCSV, &line.LineID, &line.ProductID, &line.NDC, &line.Drug,
			&line.Quantity, &rx, &line.Sig); err != nil {
			return nil, err
		}
		line.PrescriptionID = postgres.Int64Ptr(rx)
		i, ok := idx[orderID]
		if !ok {
			t := models.PickTicket{OrderID: orderID, CustomerName: name, DateOfBirth: dob, PlacedAt: placed}
			if allergyCSV != "" {
				t.Allergies = strings.Split(allergyCSV, ",")
			}
			out = append(out, t)
			i = len(out) - 1
			idx[orderID] = i
		}
		out[i].Lines = append(out[i].Lines, line)
	}
	return out, rows.Err()
}
