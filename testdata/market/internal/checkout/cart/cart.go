// Package cart models a buyer's shopping cart.
package cart

import (
	"time"

	"loomly.com/api/internal/models"
	"loomly.com/api/platform/money"
)

const MaxItems = 50

type Item struct {
	ListingID string    `json:"listing_id"`
	Quantity  int       `json:"quantity"`
	AddedAt   time.Time `json:"added_at"`
}

type Cart struct {
	ID        string    `json:"id"`
	BuyerID   string    `json:"buyer_id"`
	Items     []Item    `json:"items"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Set adds, changes or (qty==0) removes an item.
func (c *Cart) Set(listingID string, qty int, now time.Time) bool {
	for i := range c.Items {
		if c.Items[i].ListingID == listingID {
			if qty == 0 {
				c.Items = append(c.Items[:i], c.Items[i+1:]...)
			} else {
				c.Items[i].Quantity = qty
			}
			c.UpdatedAt = now
			return true
		}
	}
	if qty == 0 || len(c.Items) >= MaxItems {
		return false
	}
	c.Items = append(c.Items, Item{ListingID: listingID, Quantity: qty, AddedAt: now})
	c.UpdatedAt = now
	return true
}

func (c *Cart) ListingIDs() []string {
	out := make([]string, len(c.Items))
	for i, it := range c.Items {
		out[i] = it.ListingID
	}
	return out
}

// Priced is a cart view joined with current listing data, grouped by shop.
type Priced struct {
	Lines      []models.OrderLine     `json:"lines"`
	Shipping   map[string]money.Money `json:"shipping"`
	Subtotal   money.Money            `json:"subtotal"`
	Total      money.Money            `json:"total"`
	Unavailble []string               `json:"unavailable,omitempty"`
}

func (p *Priced) Shops() []string {
	seen := map[string]bool{}
	var out []string
	for _, l := range p.Lines {
		if !seen[l.ShopID] {
			seen[l.ShopID] = true
			out = append(out, l.ShopID)
		}
	}
	return out
}
