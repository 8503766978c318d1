// Package postgres persists orders with database/sql.
// Tables owned: orders, order_lines, order_fees.
package postgres

import (
	"context"
	"database/sql"
	"time"

	"gatehouse.events/platform/internal/orders/domain"
	"gatehouse.events/platform/internal/orders/ports"
	"gatehouse.events/platform/internal/platform/db"
	"gatehouse.events/platform/internal/platform/errs"
	"gatehouse.events/platform/internal/platform/money"
	"gatehouse.events/platform/internal/shared/model"
)

// OrderStore implements ports.OrderRepository.
type OrderStore struct{ db *sql.DB }

// NewOrderStore returns a store.
func NewOrderStore(d *sql.DB) *OrderStore { return &OrderStore{db: d} }

var _ ports.OrderRepository = (*OrderStore)(nil)

const orderCols = `id, reference, fan_id, event_id, hold_id, payment_id, channel, status,
	subtotal_minor, total_minor, currency, created_at, expires_at, paid_at, cancel_note, version`

// Create inserts an order with lines and fees.
func (s *OrderStore) Create(ctx context.Context, o *domain.Order) error {
	return db.WithTx(ctx, s.db, func(ctx context.Context, tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO orders (`+orderCols+`)
			VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,1)`,
			o.ID, o.Reference, o.FanID, o.EventID, o.HoldID, db.NullString(o.PaymentID), string(o.Channel), string(o.Status),
			o.Subtotal.Amount, o.Total.Amount, o.Total.Currency, o.CreatedAt, o.ExpiresAt, db.NullTime(o.PaidAt), o.CancelNote)
		if err != nil {
			return errs.Wrap(err, "orders.OrderStore.Create")
		}
		for _, l := range o.Lines {
			if _, err := tx.ExecContext(ctx, `
				INSERT INTO order_lines (order_id, line_no, seat_id, section, price_tier_id, price_minor, currency)
				VALUES ($1,$2,$3,$4,$5,$6,$7)`,
				o.ID, l.No, db.NullString(l.SeatID), l.Section, l.PriceTierID, l.Price.Amount, l.Price.Currency); err != nil {
				return errs.Wrap(err, "orders.OrderStore.Create")
			}
		}
		for _, f := range o.Fees {
			if _, err := tx.ExecContext(ctx, `INSERT INTO order_fees (order_id, kind, amount_minor, currency) VALUES ($1,$2,$3,$4)`,
				o.ID, string(f.Kind), f.Amount.Amount, f.Amount.Currency); err != nil {
				return errs.Wrap(err, "orders.OrderStore.Create")
			}
		}
		o.Version = 1
		return nil
	})
}

func scanOrder(row interface{ Scan(...any) error }) (*domain.Order, error) {
	var o domain.Order
	var payID sql.NullString
	var ch, status, cur string
	var sub, total int64
	var paidAt sql.NullTime
	if err := row.Scan(&o.ID, &o.Reference, &o.FanID, &o.EventID, &o.HoldID, &payID, &ch, &status,
		&sub, &total, &cur, &o.CreatedAt, &o.ExpiresAt, &paidAt, &o.CancelNote, &o.Version); err != nil {
		return nil, err
	}
	o.PaymentID, o.PaidAt = payID.String, paidAt.Time
	o.Channel, o.Status = domain.Channel(ch), model.OrderStatus(status)
	o.Subtotal, o.Total = money.New(sub, cur), money.New(total, cur)
	return &o, nil
}

// Get loads an order with its lines and fees.
func (s *OrderStore) Get(ctx context.Context, id string) (*domain.Order, error) {
	o, err := scanOrder(db.Conn(ctx, s.db).QueryRowContext(ctx, `SELECT `+orderCols+` FROM orders WHERE id=$1`, id))
	if err != nil {
		return nil, db.NotFound(err, "orders.OrderStore.Get", "order", id)
	}
	if o.Lines, err = s.Lines(ctx, id); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT kind, amount_minor, currency FROM order_fees WHERE order_id=$1`, id)
	if err != nil {
		return nil, errs.Wrap(err, "orders.OrderStore.Get")
	}
	defer rows.Close()
	for rows.Next() {
		var kind, cur string
		var amt int64
		if err := rows.Scan(&kind, &amt, &cur); err != nil {
			return nil, err
		}
		o.Fees = append(o.Fees, domain.Fee{Kind: domain.FeeKind(kind), Amount: money.New(amt, cur)})
	}
	return o, rows.Err()
}

// Lines returns the lines of an order.
func (s *OrderStore) Lines(ctx context.Context, orderID string) ([]domain.Line, error) {
	rows, err := db.Conn(ctx, s.db).QueryContext(ctx, `
		SELECT line_no, COALESCE(seat_id,''), section, price_tier_id, price_minor, currency
		FROM order_lines WHERE order_id=$1 ORDER BY line_no`, orderID)
	if err != nil {
		return nil, errs.Wrap(err, "orders.OrderStore.Lines")
	}
	defer rows.Close()
	var out []domain.Line
	for rows.Next() {
		var l domain.Line
		var amt int64
		var cur string
		if err := rows.Scan(&l.No, &l.SeatID, &l.Section, &l.PriceTierID, &amt, &cur); err != nil {
			return nil, err
		}
		l.Price = money.New(amt, cur)
		out = append(out, l)
	}
	return out, rows.Err()
}

// Update writes status and payment linkage with optimistic locking.
func (s *OrderStore) Update(ctx context.Context, o *domain.Order) error {
	res, err := db.Conn(ctx, s.db).ExecContext(ctx, `
		UPDATE orders SET status=$2, payment_id=$3, paid_at=$4, cancel_note=$5, version=version+1, updated_at=now()
		WHERE id=$1 AND version=$6`,
		o.ID, string(o.Status), db.NullString(o.PaymentID), db.NullTime(o.PaidAt), o.CancelNote, o.Version)
	if err != nil {
		return errs.Wrap(err, "orders.OrderStore.Update")
	}
	if err := db.ExpectOne(res, "orders.OrderStore.Update"); err != nil {
		return err
	}
	o.Version++
	return nil
}

// UpdateStatus sets the status without loading the aggregate.
func (s *OrderStore) UpdateStatus(ctx context.Context, id string, status model.OrderStatus) error {
	res, err := db.Conn(ctx, s.db).ExecContext(ctx,
		`UPDATE orders SET status=$2, version=version+1, updated_at=now() WHERE id=$1`, id, string(status))
	if err != nil {
		return errs.Wrap(err, "orders.OrderStore.UpdateStatus")
	}
	return db.ExpectOne(res, "orders.OrderStore.UpdateStatus")
}

// ListByFan lists a fan's orders, newest first, without lines.
func (s *OrderStore) ListByFan(ctx context.Context, fanID string, limit int) ([]*domain.Order, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+orderCols+` FROM orders WHERE fan_id=$1 ORDER BY created_at DESC LIMIT $2`, fanID, limit)
	if err != nil {
		return nil, errs.Wrap(err, "orders.OrderStore.ListByFan")
	}
	defer rows.Close()
	var out []*domain.Order
	for rows.Next() {
		o, err := scanOrder(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// ExpiredPending lists pending orders past expiry.
func (s *OrderStore) ExpiredPending(ctx context.Context, now time.Time, limit int) ([]string, error) {
	return s.ids(ctx, `SELECT id FROM orders WHERE status='pending' AND expires_at <= $1 ORDER BY expires_at LIMIT $2`, now, limit)
}

// PaidForEvent lists paid orders for an event.
func (s *OrderStore) PaidForEvent(ctx context.Context, eventID string) ([]string, error) {
	return s.ids(ctx, `SELECT id FROM orders WHERE event_id=$1 AND status='paid'`, eventID)
}

func (s *OrderStore) ids(ctx context.Context, q string, args ...any) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, errs.Wrap(err, "orders.OrderStore.ids")
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
