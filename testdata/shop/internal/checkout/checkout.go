// Package checkout turns a cart into an order: it prices the cart, reserves
// the stock, stores the order and authorizes the payment. It belongs to the
// orders context.
package checkout

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"example.com/shop/internal/customers/accounts"
	inventory "example.com/shop/internal/inventory/service"
	"example.com/shop/internal/models"
	"example.com/shop/internal/orders"
	"example.com/shop/internal/orders/cart"
	"example.com/shop/internal/orders/domain"
	"example.com/shop/internal/payments"
	"example.com/shop/internal/platform/clock"
	"example.com/shop/internal/platform/db"
	"example.com/shop/internal/platform/errs"
	"example.com/shop/internal/platform/eventbus"
	"example.com/shop/internal/platform/ids"
	"example.com/shop/internal/platform/log"
	"example.com/shop/internal/platform/money"
	"example.com/shop/internal/platform/validate"
)

// defaultWarehouse is where checkout reserves stock.
const defaultWarehouse = "wh-main"

// insertReservationSQL and reserveStockSQL reserve stock in the same
// transaction as the order insert, so that an order never exists without
// its stock.
const (
	insertReservationSQL = `INSERT INTO reservations (id, order_id, sku, warehouse_id, quantity, expires_at, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7)`
	reserveStockSQL = `UPDATE stock_levels SET reserved = reserved + $3, updated_at = $4
WHERE sku = $1 AND warehouse_id = $2 AND on_hand - reserved >= $3`
)

// Request is a checkout request.
type Request struct {
	CartID       string `json:"cart_id"`
	CustomerID   string `json:"-"`
	AddressID    string `json:"address_id"`
	PaymentToken string `json:"payment_token"`
}

// Result is a placed order and its payment.
type Result struct {
	Order   *models.Order   `json:"order"`
	Payment *models.Payment `json:"payment"`
}

// Summary is the price of a cart before it is checked out.
type Summary struct {
	Subtotal    money.Money `json:"subtotal"`
	ShippingFee money.Money `json:"shipping_fee"`
	Total       money.Money `json:"total"`
	Country     string      `json:"country"`
}

// Service runs checkouts.
type Service struct {
	db        *sql.DB
	carts     *cart.Service
	orders    *orders.Service
	payments  *payments.Service
	inventory *inventory.Service
	accounts  *accounts.Service
	bus       eventbus.Publisher
	clock     clock.Clock
	ids       ids.Generator
	log       *log.Logger
	ttl       time.Duration
}

// Deps are the collaborators of the checkout service.
type Deps struct {
	DB             *sql.DB
	Carts          *cart.Service
	Orders         *orders.Service
	Payments       *payments.Service
	Inventory      *inventory.Service
	Accounts       *accounts.Service
	Bus            eventbus.Publisher
	Clock          clock.Clock
	IDs            ids.Generator
	Log            *log.Logger
	ReservationTTL time.Duration
}

// New returns the checkout service.
func New(d Deps) *Service {
	return &Service{
		db: d.DB, carts: d.Carts, orders: d.Orders, payments: d.Payments, inventory: d.Inventory,
		accounts: d.Accounts, bus: d.Bus, clock: d.Clock, ids: d.IDs, log: d.Log.Named("checkout"), ttl: d.ReservationTTL,
	}
}

// Preview prices a cart for delivery to an address.
func (s *Service) Preview(ctx context.Context, customerID, cartID, addressID string) (*Summary, error) {
	c, err := s.ownedCart(ctx, customerID, cartID)
	if err != nil {
		return nil, err
	}
	addr, err := s.accounts.ShippingAddress(ctx, customerID, addressID)
	if err != nil {
		return nil, err
	}
	sub, err := c.Subtotal()
	if err != nil {
		return nil, err
	}
	fee := domain.ShippingFee(sub, addr.Country)
	total, err := sub.Add(fee)
	if err != nil {
		return nil, err
	}
	return &Summary{Subtotal: sub, ShippingFee: fee, Total: total, Country: addr.Country}, nil
}

// Checkout places the order for a cart and authorizes its payment.
func (s *Service) Checkout(ctx context.Context, req Request) (*Result, error) {
	var v validate.Validator
	v.Required("cart_id", req.CartID)
	v.Required("payment_token", req.PaymentToken)
	if err := v.Err("checkout.Checkout"); err != nil {
		return nil, err
	}
	c, err := s.ownedCart(ctx, req.CustomerID, req.CartID)
	if err != nil {
		return nil, err
	}
	if changed, err := s.carts.Reprice(ctx, c); err != nil {
		return nil, err
	} else if changed {
		return nil, errs.Conflict("checkout.Checkout", "prices in your cart changed; please review it")
	}
	if c.Empty() {
		return nil, errs.Invalid("checkout.Checkout", "the cart is empty")
	}
	addr, err := s.accounts.ShippingAddress(ctx, req.CustomerID, req.AddressID)
	if err != nil {
		return nil, err
	}
	for _, it := range c.Items {
		n, err := s.inventory.Available(ctx, it.SKU)
		if err != nil {
			return nil, err
		}
		if n < it.Quantity {
			return nil, errs.Conflict("checkout.Checkout", "only %d of %s left", n, it.Name)
		}
	}

	now := s.clock.Now()
	order, err := domain.Build(s.ids.New(orders.IDPrefix), req.CustomerID, c.Currency, orderItems(c), addr.Country, now)
	if err != nil {
		return nil, errs.Wrap(errs.KindInvalid, "checkout.Checkout", err)
	}
	order.ShippingAddressID = addr.ID
	err = db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		if err := s.orders.Place(ctx, tx, order); err != nil {
			return err
		}
		if err := s.reserve(ctx, tx, order, now); err != nil {
			return err
		}
		return s.carts.Clear(ctx, tx, c.ID)
	})
	if err != nil {
		return nil, err
	}

	pay, err := s.payments.Authorize(ctx, payments.AuthorizeRequest{
		OrderID: order.ID, CustomerID: req.CustomerID, Amount: order.Total, Token: req.PaymentToken,
	})
	if err != nil {
		s.log.Info("payment not authorized", log.F("order", order.ID), log.Err(err))
		s.undo(ctx, order.ID)
		return nil, err
	}
	if !pay.Covers(order) {
		s.log.Error("payment does not cover order", log.F("order", order.ID), log.F("payment", pay.ID),
			log.F("paid", pay.Amount), log.F("total", order.Total))
	}
	if err := s.bus.Publish(ctx, orders.OrderPlaced{
		OrderID: order.ID, CustomerID: order.CustomerID, Total: order.Total, SKUs: order.SKUs(),
	}); err != nil {
		s.log.Warn("order placed handlers failed", log.F("order", order.ID), log.Err(err))
	}
	s.log.Info("order placed", log.F("order", order.ID), log.F("total", order.Total))
	return &Result{Order: order, Payment: pay}, nil
}

func (s *Service) ownedCart(ctx context.Context, customerID, cartID string) (*cart.Cart, error) {
	c, err := s.carts.Get(ctx, cartID)
	if err != nil {
		return nil, err
	}
	if c.CustomerID != "" && c.CustomerID != customerID {
		return nil, errs.NotFound("checkout", "cart %q not found", cartID)
	}
	return c, nil
}

// reserve holds the order's stock in the default warehouse.
func (s *Service) reserve(ctx context.Context, tx *sql.Tx, o *models.Order, now time.Time) error {
	for _, it := range o.Items {
		res, err := tx.ExecContext(ctx, reserveStockSQL, it.SKU, defaultWarehouse, it.Quantity, now)
		if err != nil {
			return fmt.Errorf("checkout: reserve %s: %w", it.SKU, err)
		}
		if err := db.ExpectRows(res, 1); err != nil {
			return errs.Conflict("checkout.reserve", "%s is no longer in stock", it.Name)
		}
		_, err = tx.ExecContext(ctx, insertReservationSQL, s.ids.New("rsv"), o.ID, it.SKU, defaultWarehouse,
			it.Quantity, now.Add(s.ttl), now)
		if err != nil {
			return fmt.Errorf("checkout: record reservation of %s: %w", it.SKU, err)
		}
	}
	return nil
}

// undo cancels an order whose payment failed and frees its stock.
func (s *Service) undo(ctx context.Context, orderID string) {
	if err := s.orders.Cancel(ctx, orderID, "payment_failed"); err != nil {
		s.log.Error("cancelling unpaid order failed", log.F("order", orderID), log.Err(err))
	}
	if err := s.inventory.Release(ctx, orderID); err != nil {
		s.log.Error("releasing stock of unpaid order failed", log.F("order", orderID), log.Err(err))
	}
}

func orderItems(c *cart.Cart) []models.OrderItem {
	out := make([]models.OrderItem, 0, len(c.Items))
	for _, it := range c.Items {
		out = append(out, models.OrderItem{
			ProductID: it.ProductID, SKU: it.SKU, Name: it.Name, Quantity: it.Quantity, UnitPrice: it.UnitPrice,
		})
	}
	return out
}
