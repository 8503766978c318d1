// Package postgres implements the orders repository with database/sql.
package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"example.com/shop/internal/models"
	"example.com/shop/internal/orders/domain"
	"example.com/shop/internal/platform/db"
	"example.com/shop/internal/platform/errs"
	"example.com/shop/internal/platform/money"
)

const orderColumns = "o.id, o.customer_id, o.status, o.currency, o.subtotal_minor, o.shipping_minor, o.total_minor, " +
	"o.shipping_address_id, COALESCE(o.payment_id, ''), o.placed_at, o.updated_at"

const (
	selectOrderSQL    = "SELECT " + orderColumns + " FROM orders o WHERE o.id = $1"
	listByCustomerSQL = "SELECT " + orderColumns + " FROM orders o WHERE o.customer_id = $1 ORDER BY o.placed_at DESC LIMIT $2"
	selectItemsPrefix = "SELECT id, order_id, product_id, sku, name, quantity, unit_price_minor FROM order_items WHERE order_id IN ("
	selectItemsSuffix = ") ORDER BY order_id, id"
)

const insertOrderSQL = `INSERT INTO orders
	(id, customer_id, status, currency, subtotal_minor, shipping_minor, total_minor, shipping_address_id, placed_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`

const insertItemSQL = `INSERT INTO order_items (id, order_id, product_id, sku, name, quantity, unit_price_minor)
VALUES ($1, $2, $3, $4, $5, $6, $7)`

const updateStatusSQL = `UPDATE orders SET status = $3, updated_at = $4 WHERE id = $1 AND status = $2`

const setPaymentSQL = `UPDATE orders SET payment_id = $2, updated_at = $3 WHERE id = $1`

const deleteAbandonedSQL = `DELETE FROM orders WHERE status = 'awaiting_payment' AND payment_id IS NULL AND placed_at < $1`

// Store is the PostgreSQL orders repository.
type Store struct {
	db *sql.DB
}

var _ domain.Repository = (*Store)(nil)

// New returns a store on conn.
func New(conn *sql.DB) *Store { return &Store{db: conn} }

func scanOrder(s db.Scanner) (models.Order, error) {
	var (
		o                 models.Order
		status, currency  string
		sub, ship, total  int64
		shippingAddressID sql.NullString
	)
	err := s.Scan(&o.ID, &o.CustomerID, &status, &currency, &sub, &ship, &total,
		&shippingAddressID, &o.PaymentID, &o.PlacedAt, &o.UpdatedAt)
	if err != nil {
		return models.Order{}, err
	}
	if o.Status, err = models.ParseOrderStatus(status); err != nil {
		return models.Order{}, err
	}
	o.Currency = money.Currency(currency)
	o.Subtotal = money.New(sub, o.Currency)
	o.ShippingFee = money.New(ship, o.Currency)
	o.Total = money.New(total, o.Currency)
	o.ShippingAddressID = shippingAddressID.String
	return o, nil
}

func scanItem(s db.Scanner) (models.OrderItem, error) {
	var (
		it    models.OrderItem
		price int64
	)
	if err := s.Scan(&it.ID, &it.OrderID, &it.ProductID, &it.SKU, &it.Name, &it.Quantity, &price); err != nil {
		return models.OrderItem{}, err
	}
	it.UnitPrice = money.New(price, "")
	return it, nil
}

// Get loads an order with its items.
func (s *Store) Get(ctx context.Context, id string) (*models.Order, error) {
	o, err := db.ScanOne(s.db.QueryRowContext(ctx, selectOrderSQL, id), scanOrder)
	if errors.Is(err, db.ErrNotFound) {
		return nil, errs.NotFound("orders.postgres.Get", "order %q not found", id)
	}
	if err != nil {
		return nil, fmt.Errorf("orders: get %s: %w", id, err)
	}
	list := []models.Order{o}
	if err := s.loadItems(ctx, list); err != nil {
		return nil, err
	}
	return &list[0], nil
}

// ListByCustomer returns a customer's latest orders with their items.
func (s *Store) ListByCustomer(ctx context.Context, customerID string, limit int) ([]models.Order, error) {
	list, err := db.QueryAll(ctx, s.db, scanOrder, listByCustomerSQL, customerID, limit)
	if err != nil {
		return nil, fmt.Errorf("orders: list for customer %s: %w", customerID, err)
	}
	if err := s.loadItems(ctx, list); err != nil {
		return nil, err
	}
	return list, nil
}

// loadItems fills in the items of orders with one query.
func (s *Store) loadItems(ctx context.Context, orders []models.Order) error {
	if len(orders) == 0 {
		return nil
	}
	ids := make([]string, len(orders))
	byID := make(map[string]*models.Order, len(orders))
	for i := range orders {
		ids[i] = orders[i].ID
		byID[orders[i].ID] = &orders[i]
	}
	query := selectItemsPrefix + db.Placeholders(1, len(ids)) + selectItemsSuffix
	items, err := db.QueryAll(ctx, s.db, scanItem, query, db.Args(ids)...)
	if err != nil {
		return fmt.Errorf("orders: load items: %w", err)
	}
	for _, it := range items {
		o := byID[it.OrderID]
		it.UnitPrice.Currency = o.Currency
		o.Items = append(o.Items, it)
	}
	return nil
}

// Insert writes a new order and its items. Pass a transaction as q.
func (s *Store) Insert(ctx context.Context, q db.Querier, o *models.Order) error {
	_, err := q.ExecContext(ctx, insertOrderSQL, o.ID, o.CustomerID, string(o.Status), string(o.Currency),
		o.Subtotal.Amount, o.ShippingFee.Amount, o.Total.Amount, o.ShippingAddressID, o.PlacedAt)
	if err != nil {
		if db.IsUniqueViolation(err) {
			return errs.Conflict("orders.postgres.Insert", "order %s already exists", o.ID)
		}
		return fmt.Errorf("orders: insert %s: %w", o.ID, err)
	}
	for _, it := range o.Items {
		if _, err := q.ExecContext(ctx, insertItemSQL, it.ID, o.ID, it.ProductID, it.SKU, it.Name, it.Quantity, it.UnitPrice.Amount); err != nil {
			return fmt.Errorf("orders: insert item %s of %s: %w", it.SKU, o.ID, err)
		}
	}
	return nil
}

// UpdateStatus moves an order from one status to another; it fails with a
// conflict when the order is no longer in from.
func (s *Store) UpdateStatus(ctx context.Context, q db.Querier, id string, from, to models.OrderStatus, at time.Time) error {
	res, err := q.ExecContext(ctx, updateStatusSQL, id, string(from), string(to), at)
	if err != nil {
		return fmt.Errorf("orders: update status of %s: %w", id, err)
	}
	if err := db.ExpectRows(res, 1); errors.Is(err, db.ErrNoneAffected) {
		return errs.Conflict("orders.postgres.UpdateStatus", "order %s is no longer %s", id, from)
	} else if err != nil {
		return err
	}
	return nil
}

// SetPayment links the payment to the order.
func (s *Store) SetPayment(ctx context.Context, q db.Querier, id, paymentID string, at time.Time) error {
	if _, err := q.ExecContext(ctx, setPaymentSQL, id, paymentID, at); err != nil {
		return fmt.Errorf("orders: set payment of %s: %w", id, err)
	}
	return nil
}

// DeleteAbandoned removes orders that never got a payment.
func (s *Store) DeleteAbandoned(ctx context.Context, before time.Time) (int64, error) {
	res, err := s.db.ExecContext(ctx, deleteAbandonedSQL, before)
	if err != nil {
		return 0, fmt.Errorf("orders: delete abandoned: %w", err)
	}
	return res.RowsAffected()
}
