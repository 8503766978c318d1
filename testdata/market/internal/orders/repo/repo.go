// Package repo persists orders (tables: orders, order_lines, shipments).
package repo

import (
	"context"
	"database/sql"
	"time"

	"loomly.com/api/internal/models"
	"loomly.com/api/internal/orders/domain"
	"loomly.com/api/platform/db"
	"loomly.com/api/platform/errs"
	"loomly.com/api/platform/money"
)

type Repo struct{ db db.DBTX }

func New(d db.DBTX) *Repo { return &Repo{db: d} }

func (r *Repo) WithTx(tx *sql.Tx) *Repo { return &Repo{db: tx} }

func (r *Repo) Insert(ctx context.Context, o *domain.Order) error {
	const op = "orders.Insert"
	_, err := r.db.ExecContext(ctx, `INSERT INTO orders (id, checkout_id, buyer_id, shop_id, status,
		ship_to_name, ship_to_line1, ship_to_line2, ship_to_city, ship_to_region, ship_to_postal, ship_to_country,
		subtotal_cents, shipping_cents, total_cents, currency, placed_at, updated_at)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$17)`,
		o.ID, o.CheckoutID, o.BuyerID, o.ShopID, string(o.Status),
		o.ShipTo.Name, o.ShipTo.Line1, o.ShipTo.Line2, o.ShipTo.City, o.ShipTo.Region, o.ShipTo.PostalCode, o.ShipTo.Country,
		o.Subtotal.Cents, o.Shipping.Cents, o.Total.Cents, string(o.Total.Currency), o.PlacedAt)
	if err != nil {
		return errs.Wrap(err, op)
	}
	for i, l := range o.Lines {
		if _, err := r.db.ExecContext(ctx, `INSERT INTO order_lines (order_id, line_no, listing_id, title, quantity, unit_price_cents)
			VALUES ($1,$2,$3,$4,$5,$6)`, o.ID, i+1, l.ListingID, l.Title, l.Quantity, l.UnitPrice.Cents); err != nil {
			return errs.Wrap(err, op)
		}
	}
	return nil
}

func (r *Repo) Get(ctx context.Context, id string) (*domain.Order, error) {
	const op = "orders.Get"
	var o domain.Order
	var status, cur string
	var sub, ship, total int64
	var payID sql.NullString
	var paid, shipped, delivered sql.NullTime
	err := r.db.QueryRowContext(ctx, `SELECT id, checkout_id, buyer_id, shop_id, status,
		ship_to_name, ship_to_line1, ship_to_line2, ship_to_city, ship_to_region, ship_to_postal, ship_to_country,
		subtotal_cents, shipping_cents, total_cents, currency, payment_id, placed_at, paid_at, shipped_at, delivered_at, updated_at
		FROM orders WHERE id = $1`, id).Scan(&o.ID, &o.CheckoutID, &o.BuyerID, &o.ShopID, &status,
		&o.ShipTo.Name, &o.ShipTo.Line1, &o.ShipTo.Line2, &o.ShipTo.City, &o.ShipTo.Region, &o.ShipTo.PostalCode, &o.ShipTo.Country,
		&sub, &ship, &total, &cur, &payID, &o.PlacedAt, &paid, &shipped, &delivered, &o.UpdatedAt)
	if db.IsNoRows(err) {
		return nil, errs.NotFound(op, "order")
	}
	if err != nil {
		return nil, errs.Wrap(err, op)
	}
	c := money.Currency(cur)
	o.Status = models.OrderStatus(status)
	o.Subtotal, o.Shipping, o.Total = money.New(sub, c), money.New(ship, c), money.New(total, c)
	o.PaymentID = payID.String
	o.PaidAt, o.ShippedAt, o.DeliveredAt = paid.Time, shipped.Time, delivered.Time

	rows, err := r.db.QueryContext(ctx, `SELECT listing_id, title, quantity, unit_price_cents
		FROM order_lines WHERE order_id = $1 ORDER BY line_no`, id)
	if err != nil {
		return nil, errs.Wrap(err, op)
	}
	defer rows.Close()
	for rows.Next() {
		l := models.OrderLine{ShopID: o.ShopID}
		var cents int64
		if err := rows.Scan(&l.ListingID, &l.Title, &l.Quantity, &cents); err != nil {
			return nil, errs.Wrap(err, op)
		}
		l.UnitPrice = money.New(cents, c)
		o.Lines = append(o.Lines, l)
	}
	return &o, rows.Err()
}

func (r *Repo) UpdateStatus(ctx context.Context, o *domain.Order) error {
	_, err := r.db.ExecContext(ctx, `UPDATE orders SET status=$2, payment_id=$3, paid_at=$4, shipped_at=$5,
		delivered_at=$6, updated_at=$7 WHERE id=$1`, o.ID, string(o.Status), db.NullString(o.PaymentID),
		db.NullTime(o.PaidAt), db.NullTime(o.ShippedAt), db.NullTime(o.DeliveredAt), o.UpdatedAt)
	return errs.Wrap(err, "orders.UpdateStatus")
}

func (r *Repo) listIDs(ctx context.Context, op, q string, args ...any) ([]string, error) {
	rows, err := r.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, errs.Wrap(err, op)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, errs.Wrap(err, op)
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

func (r *Repo) ListForBuyer(ctx context.Context, buyerID string, limit, offset int) ([]string, error) {
	return r.listIDs(ctx, "orders.ListForBuyer", `SELECT id FROM orders WHERE buyer_id=$1
		ORDER BY placed_at DESC LIMIT $2 OFFSET $3`, buyerID, limit, offset)
}

func (r *Repo) ListForShop(ctx context.Context, shopID string, status models.OrderStatus, limit, offset int) ([]string, error) {
	return r.listIDs(ctx, "orders.ListForShop", `SELECT id FROM orders WHERE shop_id=$1 AND ($2 = '' OR status=$2)
		ORDER BY placed_at DESC LIMIT $3 OFFSET $4`, shopID, string(status), limit, offset)
}

// StaleIDs returns orders that have sat in status since before cutoff.
func (r *Repo) StaleIDs(ctx context.Context, status models.OrderStatus, cutoff time.Time, limit int) ([]string, error) {
	return r.listIDs(ctx, "orders.StaleIDs", `SELECT id FROM orders WHERE status=$1 AND updated_at < $2
		ORDER BY updated_at LIMIT $3`, string(status), cutoff, limit)
}

// ShopStats is used by the seller dashboard.
type ShopStats struct {
	OpenOrders   int
	Shipped30d   int
	Revenue30d   money.Money
	LateShipment int
}

func (r *Repo) StatsForShop(ctx context.Context, shopID string, cur money.Currency, now time.Time) (ShopStats, error) {
	var s ShopStats
	var rev int64
	err := r.db.QueryRowContext(ctx, `SELECT
		COUNT(*) FILTER (WHERE status IN ('pending','paid')),
		COUNT(*) FILTER (WHERE status IN ('shipped','delivered') AND shipped_at > $2),
		COALESCE(SUM(total_cents) FILTER (WHERE status NOT IN ('cancelled','refunded') AND placed_at > $2), 0),
		COUNT(*) FILTER (WHERE status = 'paid' AND paid_at < $3)
		FROM orders WHERE shop_id = $1`, shopID, now.AddDate(0, 0, -30), now.AddDate(0, 0, -5)).
		Scan(&s.OpenOrders, &s.Shipped30d, &rev, &s.LateShipment)
	s.Revenue30d = money.New(rev, cur)
	return s, errs.Wrap(err, "orders.StatsForShop")
}

func (r *Repo) InsertShipment(ctx context.Context, s *domain.Shipment) error {
	_, err := r.db.ExecContext(ctx, `INSERT INTO shipments (id, order_id, carrier, tracking_no, status, shipped_at)
		VALUES ($1,$2,$3,$4,$5,$6)`, s.ID, s.OrderID, s.Carrier, s.TrackingNo, s.Status, s.ShippedAt)
	return errs.Wrap(err, "orders.InsertShipment")
}

func (r *Repo) InTransitShipments(ctx context.Context, limit int) ([]domain.Shipment, error) {
	rows, err := r.db.QueryContext(ctx, `SELECT id, order_id, carrier, tracking_no, status, shipped_at
		FROM shipments WHERE status = 'in_transit' ORDER BY shipped_at LIMIT $1`, limit)
	if err != nil {
		return nil, errs.Wrap(err, "orders.InTransitShipments")
	}
	defer rows.Close()
	var out []domain.Shipment
	for rows.Next() {
		var s domain.Shipment
		if err := rows.Scan(&s.ID, &s.OrderID, &s.Carrier, &s.TrackingNo, &s.Status, &s.ShippedAt); err != nil {
			return nil, errs.Wrap(err, "orders.InTransitShipments")
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

func (r *Repo) MarkShipmentDelivered(ctx context.Context, id string, at time.Time) error {
	_, err := r.db.ExecContext(ctx, `UPDATE shipments SET status='delivered', delivered_at=$2 WHERE id=$1`, id, at)
	return errs.Wrap(err, "orders.MarkShipmentDelivered")
}
