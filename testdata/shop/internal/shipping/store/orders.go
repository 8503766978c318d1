package store

import (
	"context"
	"fmt"

	"example.com/shop/internal/models"
	"example.com/shop/internal/platform/db"
	"example.com/shop/internal/platform/errs"
	"example.com/shop/internal/platform/money"
)

// pendingOrderSQL reads a paid order, its lines and its delivery address
// straight from the orders and customers tables: one query instead of two
// service calls.
const pendingOrderSQL = `SELECT o.id, o.customer_id, o.currency,
	a.name, a.line1, COALESCE(a.line2, ''), a.city, a.postcode, a.country, COALESCE(a.phone, ''),
	i.sku, i.quantity
FROM orders o
JOIN customer_addresses a ON a.id = o.shipping_address_id
JOIN order_items i ON i.order_id = o.id
WHERE o.id = $1 AND o.status = 'paid'
ORDER BY i.sku`

// awaitingShipmentSQL finds paid orders without a shipment.
const awaitingShipmentSQL = `SELECT o.id
FROM orders o
LEFT JOIN shipments s ON s.order_id = o.id
WHERE o.status = 'paid' AND s.id IS NULL
ORDER BY o.updated_at
LIMIT $1`

// Line is a quantity of one SKU to ship.
type Line struct {
	SKU      string
	Quantity int
}

// PendingOrder is what shipping needs to know about a paid order.
type PendingOrder struct {
	OrderID     string
	CustomerID  string
	Currency    money.Currency
	Destination models.Address
	Lines       []Line
}

type pendingRow struct {
	orderID, customerID, currency string
	addr                          models.Address
	line                          Line
}

// PendingOrder loads a paid order ready for shipping.
func (s *Store) PendingOrder(ctx context.Context, orderID string) (*PendingOrder, error) {
	rows, err := db.QueryAll(ctx, s.db, func(sc db.Scanner) (pendingRow, error) {
		var r pendingRow
		err := sc.Scan(&r.orderID, &r.customerID, &r.currency,
			&r.addr.Name, &r.addr.Line1, &r.addr.Line2, &r.addr.City, &r.addr.Postcode, &r.addr.Country, &r.addr.Phone,
			&r.line.SKU, &r.line.Quantity)
		return r, err
	}, pendingOrderSQL, orderID)
	if err != nil {
		return nil, fmt.Errorf("shipping: pending order %s: %w", orderID, err)
	}
	if len(rows) == 0 {
		return nil, errs.NotFound("shipping.PendingOrder", "no paid order %q", orderID)
	}
	po := &PendingOrder{
		OrderID: rows[0].orderID, CustomerID: rows[0].customerID,
		Currency: money.Currency(rows[0].currency), Destination: rows[0].addr,
	}
	for _, r := range rows {
		po.Lines = append(po.Lines, r.line)
	}
	if len(po.Lines) == 0 {
		return nil, errNoLines
	}
	return po, nil
}

// OrdersAwaitingShipment lists paid orders nobody shipped yet.
func (s *Store) OrdersAwaitingShipment(ctx context.Context, limit int) ([]string, error) {
	return db.QueryAll(ctx, s.db, func(sc db.Scanner) (string, error) {
		var id string
		err := sc.Scan(&id)
		return id, err
	}, awaitingShipmentSQL, limit)
}
