package postgres

import (
	"context"
	"fmt"
	"time"

	"example.com/shop/internal/models"
	"example.com/shop/internal/orders/domain"
	"example.com/shop/internal/platform/db"
	"example.com/shop/internal/platform/money"
)

const insertHistorySQL = `INSERT INTO order_status_history (order_id, from_status, to_status, note, created_at)
VALUES ($1, $2, $3, $4, $5)`

const historySQL = `SELECT order_id, from_status, to_status, note, created_at
FROM order_status_history
WHERE order_id = $1
ORDER BY created_at, id`

const bestSellersSQL = `WITH recent AS (
	SELECT id, currency FROM orders
	WHERE placed_at >= $1 AND status IN ('paid', 'shipped', 'delivered')
)
SELECT i.sku, i.name, r.currency, SUM(i.quantity) AS units, SUM(i.quantity * i.unit_price_minor) AS revenue_minor
FROM order_items i
JOIN recent r ON r.id = i.order_id
GROUP BY i.sku, i.name, r.currency
ORDER BY units DESC, i.sku
LIMIT $2`

// AppendHistory records a status change.
func (s *Store) AppendHistory(ctx context.Context, q db.Querier, e domain.HistoryEntry) error {
	if _, err := q.ExecContext(ctx, insertHistorySQL, e.OrderID, string(e.From), string(e.To), e.Note, e.At); err != nil {
		return fmt.Errorf("orders: append history of %s: %w", e.OrderID, err)
	}
	return nil
}

// History returns the status changes of an order, oldest first.
func (s *Store) History(ctx context.Context, orderID string) ([]domain.HistoryEntry, error) {
	scan := func(sc db.Scanner) (domain.HistoryEntry, error) {
		var e domain.HistoryEntry
		var from, to string
		if err := sc.Scan(&e.OrderID, &from, &to, &e.Note, &e.At); err != nil {
			return e, err
		}
		e.From, e.To = models.OrderStatus(from), models.OrderStatus(to)
		return e, nil
	}
	out, err := db.QueryAll(ctx, s.db, scan, historySQL, orderID)
	if err != nil {
		return nil, fmt.Errorf("orders: history of %s: %w", orderID, err)
	}
	return out, nil
}

// BestSeller is a SKU ranked by units sold.
type BestSeller struct {
	SKU     string      `json:"sku"`
	Name    string      `json:"name"`
	Units   int         `json:"units"`
	Revenue money.Money `json:"revenue"`
}

// BestSellers ranks the SKUs sold since the given time.
func (s *Store) BestSellers(ctx context.Context, since time.Time, limit int) ([]BestSeller, error) {
	scan := func(sc db.Scanner) (BestSeller, error) {
		var b BestSeller
		var cur string
		var revenue int64
		if err := sc.Scan(&b.SKU, &b.Name, &cur, &b.Units, &revenue); err != nil {
			return b, err
		}
		b.Revenue = money.New(revenue, money.Currency(cur))
		return b, nil
	}
	out, err := db.QueryAll(ctx, s.db, scan, bestSellersSQL, since, limit)
	if err != nil {
		return nil, fmt.Errorf("orders: best sellers: %w", err)
	}
	return out, nil
}
