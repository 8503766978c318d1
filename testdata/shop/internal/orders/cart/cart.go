// Package cart keeps shopping carts until they are checked out.
package cart

import (
	"fmt"
	"time"

	"example.com/shop/internal/platform/money"
)

const (
	// MaxLines is the number of distinct SKUs a cart may hold.
	MaxLines = 50
	// MaxQuantity is the most units of one SKU per cart.
	MaxQuantity = 99
)

// Item is one line of a cart.
type Item struct {
	SKU       string      `json:"sku"`
	ProductID string      `json:"product_id"`
	Name      string      `json:"name"`
	Quantity  int         `json:"quantity"`
	UnitPrice money.Money `json:"unit_price"`
}

// Cart is a customer's cart.
type Cart struct {
	ID         string         `json:"id"`
	CustomerID string         `json:"customer_id,omitempty"`
	Currency   money.Currency `json:"currency"`
	Items      []Item         `json:"items"`
	UpdatedAt  time.Time      `json:"updated_at"`
}

// Empty reports whether the cart has no items.
func (c *Cart) Empty() bool { return len(c.Items) == 0 }

// Subtotal sums the lines.
func (c *Cart) Subtotal() (money.Money, error) {
	total := money.Zero(c.Currency)
	for _, it := range c.Items {
		var err error
		if total, err = total.Add(it.UnitPrice.Mul(int64(it.Quantity))); err != nil {
			return money.Money{}, err
		}
	}
	return total, nil
}

// find returns the index of sku, or -1.
func (c *Cart) find(sku string) int {
	for i, it := range c.Items {
		if it.SKU == sku {
			return i
		}
	}
	return -1
}

// add adds qty units, merging with an existing line.
func (c *Cart) add(it Item) (Item, error) {
	if it.UnitPrice.Currency != c.Currency {
		return Item{}, fmt.Errorf("cart: %s is priced in %s, cart is in %s", it.SKU, it.UnitPrice.Currency, c.Currency)
	}
	if i := c.find(it.SKU); i >= 0 {
		merged := c.Items[i]
		merged.Quantity += it.Quantity
		merged.UnitPrice = it.UnitPrice
		if merged.Quantity > MaxQuantity {
			return Item{}, fmt.Errorf("cart: at most %d units of %s", MaxQuantity, it.SKU)
		}
		c.Items[i] = merged
		return merged, nil
	}
	if len(c.Items) >= MaxLines {
		return Item{}, fmt.Errorf("cart: at most %d different products", MaxLines)
	}
	if it.Quantity > MaxQuantity {
		return Item{}, fmt.Errorf("cart: at most %d units of %s", MaxQuantity, it.SKU)
	}
	c.Items = append(c.Items, it)
	return it, nil
}

// remove drops the line of sku and reports whether there was one.
func (c *Cart) remove(sku string) bool {
	i := c.find(sku)
	if i < 0 {
		return false
	}
	c.Items = append(c.Items[:i], c.Items[i+1:]...)
	return true
}
