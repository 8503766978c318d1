// Package repository persists payments, payment methods and driver earnings.
package repository

import (
	"context"
	"database/sql"
	"time"

	"github.com/zipcab/backend/app/common/entity"
	"github.com/zipcab/backend/app/payment/model"
	"github.com/zipcab/backend/pkg/db"
	"github.com/zipcab/backend/pkg/errs"
	"github.com/zipcab/backend/pkg/money"
)

// PaymentRepository reads and writes payments, payment_methods and driver_earnings.
type PaymentRepository struct {
	conn *sql.DB
}

// New returns a repository.
func New(conn *sql.DB) *PaymentRepository { return &PaymentRepository{conn: conn} }

// Create inserts a payment.
func (r *PaymentRepository) Create(ctx context.Context, p model.Payment) (int64, error) {
	var id int64
	err := db.Conn(ctx, r.conn).QueryRowContext(ctx,
		`INSERT INTO payments (rider_id, source, source_id, method_id, method, intent_ref, amount, currency, status, created_at)
		 VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,now())
		 ON CONFLICT (source, source_id) DO UPDATE SET source = EXCLUDED.source RETURNING id`,
		p.RiderID, p.Source, p.SourceID, p.MethodID, p.Method, db.NullString(p.IntentRef),
		p.Amount.Amount, p.Amount.Currency, p.Status).Scan(&id)
	return id, errs.Wrap("payment.create", err)
}

// BySource returns the payment for a trip or order.
func (r *PaymentRepository) BySource(ctx context.Context, src model.Source, id int64) (model.Payment, error) {
	return r.one(ctx, `WHERE source = $1 AND source_id = $2`, src, id)
}

func (r *PaymentRepository) one(ctx context.Context, where string, args ...any) (model.Payment, error) {
	var p model.Payment
	var cur, intent, reason sql.NullString
	var refunded int64
	var captured sql.NullTime
	err := db.Conn(ctx, r.conn).QueryRowContext(ctx,
		`SELECT id, rider_id, source, source_id, method_id, method, intent_ref, amount, refunded_amount, currency,
		   status, fail_reason, created_at, captured_at FROM payments `+where, args...).
		Scan(&p.ID, &p.RiderID, &p.Source, &p.SourceID, &p.MethodID, &p.Method, &intent, &p.Amount.Amount,
			&refunded, &cur, &p.Status, &reason, &p.CreatedAt, &captured)
	if db.IsNoRows(err) {
		return p, errs.NotFound("payment.get", "payment")
	}
	if err != nil {
		return p, errs.Wrap("payment.get", err)
	}
	p.Amount.Currency = cur.String
	p.Refunded = money.New(refunded, cur.String)
	p.IntentRef, p.FailReason = intent.String, reason.String
	if captured.Valid {
		p.CapturedAt = &captured.Time
	}
	return p, nil
}

// SetStatus updates status and related fields.
func (r *PaymentRepository) SetStatus(ctx context.Context, id int64, st model.Status, amount int64, reason string) error {
	_, err := db.Conn(ctx, r.conn).ExecContext(ctx,
		`UPDATE payments SET status = $2, amount = CASE WHEN $3 > 0 THEN $3 ELSE amount END,
		   fail_reason = $4, captured_at = CASE WHEN $2 = 'captured' THEN now() ELSE captured_at END
		 WHERE id = $1`, id, st, amount, db.NullString(reason))
	return errs.Wrap("payment.set_status", err)
}

// AddRefund increments the refunded amount.
func (r *PaymentRepository) AddRefund(ctx context.Context, id, amount int64) error {
	_, err := db.Conn(ctx, r.conn).ExecContext(ctx,
		`UPDATE payments SET refunded_amount = refunded_amount + $2,
		   status = CASE WHEN refunded_amount + $2 >= amount THEN 'refunded' ELSE status END WHERE id = $1`, id, amount)
	return errs.Wrap("payment.add_refund", err)
}

// Method returns a stored payment method.
func (r *PaymentRepository) Method(ctx context.Context, id int64) (entity.PaymentMethod, error) {
	var m entity.PaymentMethod
	err := db.Conn(ctx, r.conn).QueryRowContext(ctx,
		`SELECT id, rider_id, kind, COALESCE(brand, ''), COALESCE(last4, ''), COALESCE(gateway_ref, ''), is_default
		 FROM payment_methods WHERE id = $1 AND deleted_at IS NULL`, id).
		Scan(&m.ID, &m.RiderID, &m.Kind, &m.Brand, &m.Last4, &m.GatewayRef, &m.IsDefault)
	if db.IsNoRows(err) {
		return m, errs.NotFound("payment.method", "payment method")
	}
	return m, errs.Wrap("payment.method", err)
}

// Methods lists a rider's payment methods.
func (r *PaymentRepository) Methods(ctx context.Context, riderID int64) ([]entity.PaymentMethod, error) {
	rows, err := db.Conn(ctx, r.conn).QueryContext(ctx,
		`SELECT id, rider_id, kind, COALESCE(brand, ''), COALESCE(last4, ''), is_default
		 FROM payment_methods WHERE rider_id = $1 AND deleted_at IS NULL ORDER BY is_default DESC, id`, riderID)
	if err != nil {
		return nil, errs.Wrap("payment.methods", err)
	}
	defer rows.Close()
	var out []entity.PaymentMethod
	for rows.Next() {
		var m entity.PaymentMethod
		if err := rows.Scan(&m.ID, &m.RiderID, &m.Kind, &m.Brand, &m.Last4, &m.IsDefault); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// AddMethod stores a tokenized card.
func (r *PaymentRepository) AddMethod(ctx context.Context, m entity.PaymentMethod) (int64, error) {
	var id int64
	err := db.WithTx(ctx, r.conn, func(ctx context.Context, tx *sql.Tx) error {
		if m.IsDefault {
			if _, err := tx.ExecContext(ctx, `UPDATE payment_methods SET is_default = false WHERE rider_id = $1`, m.RiderID); err != nil {
				return err
			}
		}
		return tx.QueryRowContext(ctx,
			`INSERT INTO payment_methods (rider_id, kind, brand, last4, gateway_ref, is_default, created_at)
			 VALUES ($1,$2,$3,$4,$5,$6,now()) RETURNING id`,
			m.RiderID, m.Kind, m.Brand, m.Last4, m.GatewayRef, m.IsDefault).Scan(&id)
	})
	return id, errs.Wrap("payment.add_method", err)
}

// RecordEarning books the driver's share of a trip.
func (r *PaymentRepository) RecordEarning(ctx context.Context, e model.Earning) error {
	_, err := db.Conn(ctx, r.conn).ExecContext(ctx,
		`INSERT INTO driver_earnings (driver_id, trip_id, gross, commission, tip, net, currency, earned_at)
		 VALUES ($1,$2,$3,$4,$5,$6,$7,now()) ON CONFLICT (trip_id) DO NOTHING`,
		e.DriverID, e.TripID, e.Gross.Amount, e.Commission.Amount, e.Tip.Amount, e.Net.Amount, e.Net.Currency)
	return errs.Wrap("payment.record_earning", err)
}

// EarningsSummary aggregates a driver's earnings between from and to.
func (r *PaymentRepository) EarningsSummary(ctx context.Context, driverID int64, from, to time.Time, currency string) (model.EarningsSummary, error) {
	s := model.EarningsSummary{DriverID: driverID, From: from, To: to}
	var gross, comm, tips, net, pending int64
	err := db.Conn(ctx, r.conn).QueryRowContext(ctx,
		`SELECT COUNT(*), COALESCE(SUM(gross),0), COALESCE(SUM(commission),0), COALESCE(SUM(tip),0), COALESCE(SUM(net),0),
		   COALESCE(SUM(net) FILTER (WHERE payout_id IS NULL),0)
		 FROM driver_earnings WHERE driver_id = $1 AND earned_at >= $2 AND earned_at < $3`, driverID, from, to).
		Scan(&s.Trips, &gross, &comm, &tips, &net, &pending)
	s.Gross, s.Commission, s.Tips = money.New(gross, currency), money.New(comm, currency), money.New(tips, currency)
	s.Net, s.Pending = money.New(net, currency), money.New(pending, currency)
	return s, errs.Wrap("payment.earnings_summary", err)
}

// UnpaidEarnings returns earnings not yet attached to a payout, earned before cutoff.
func (r *PaymentRepository) UnpaidEarnings(ctx context.Context, cutoff time.Time) ([]model.Earning, error) {
	rows, err := db.Conn(ctx, r.conn).QueryContext(ctx,
		`SELECT id, driver_id, trip_id, net, currency, earned_at FROM driver_earnings
		 WHERE payout_id IS NULL AND earned_at < $1 ORDER BY driver_id, id`, cutoff)
	if err != nil {
		return nil, errs.Wrap("payment.unpaid_earnings", err)
	}
	defer rows.Close()
	var out []model.Earning
	for rows.Next() {
		var e model.Earning
		if err := rows.Scan(&e.ID, &e.DriverID, &e.TripID, &e.Net.Amount, &e.Net.Currency, &e.EarnedAt); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
