package cart

import (
	"context"
	"time"

	catalog "example.com/shop/internal/catalog/service"
	"example.com/shop/internal/platform/clock"
	"example.com/shop/internal/platform/db"
	"example.com/shop/internal/platform/errs"
	"example.com/shop/internal/platform/ids"
	"example.com/shop/internal/platform/log"
	"example.com/shop/internal/platform/money"
)

const cartIDPrefix = "crt"

// Service manages carts. It asks the catalog for product names and prices.
type Service struct {
	store   *Store
	catalog *catalog.Service
	clock   clock.Clock
	ids     ids.Generator
	log     *log.Logger
}

// NewService returns the cart service.
func NewService(st *Store, cat *catalog.Service, clk clock.Clock, gen ids.Generator, logger *log.Logger) *Service {
	return &Service{store: st, catalog: cat, clock: clk, ids: gen, log: logger.Named("cart")}
}

// Create starts an empty cart.
func (s *Service) Create(ctx context.Context, customerID string, cur money.Currency) (*Cart, error) {
	if !cur.Valid() {
		return nil, errs.Invalid("cart.Create", "unsupported currency %q", cur)
	}
	c := &Cart{ID: s.ids.New(cartIDPrefix), CustomerID: customerID, Currency: cur, UpdatedAt: s.clock.Now()}
	if err := s.store.Save(ctx, c); err != nil {
		return nil, err
	}
	return c, nil
}

// Get returns a cart.
func (s *Service) Get(ctx context.Context, id string) (*Cart, error) { return s.store.Get(ctx, id) }

// AddItem puts qty units of sku in the cart at the current catalog price.
func (s *Service) AddItem(ctx context.Context, cartID, sku string, qty int) (*Cart, error) {
	if qty <= 0 || qty > MaxQuantity {
		return nil, errs.Invalid("cart.AddItem", "quantity must be between 1 and %d", MaxQuantity)
	}
	c, err := s.store.Get(ctx, cartID)
	if err != nil {
		return nil, err
	}
	p, err := s.catalog.ProductBySKU(ctx, sku)
	if err != nil {
		return nil, errs.Op("cart.AddItem", err)
	}
	if !p.Sellable() {
		return nil, errs.Conflict("cart.AddItem", "%s is not for sale", p.SKU)
	}
	item, err := c.add(Item{SKU: p.SKU, ProductID: p.ID, Name: p.Name, Quantity: qty, UnitPrice: p.Price()})
	if err != nil {
		return nil, errs.Wrap(errs.KindInvalid, "cart.AddItem", err)
	}
	now := s.clock.Now()
	if err := s.store.PutItem(ctx, c.ID, item, now); err != nil {
		return nil, err
	}
	c.UpdatedAt = now
	return c, nil
}

// RemoveItem drops a SKU from the cart.
func (s *Service) RemoveItem(ctx context.Context, cartID, sku string) (*Cart, error) {
	c, err := s.store.Get(ctx, cartID)
	if err != nil {
		return nil, err
	}
	if !c.remove(sku) {
		return nil, errs.NotFound("cart.RemoveItem", "%s is not in the cart", sku)
	}
	now := s.clock.Now()
	if err := s.store.DeleteItem(ctx, c.ID, sku, now); err != nil {
		return nil, err
	}
	c.UpdatedAt = now
	return c, nil
}

// Reprice refreshes the prices of the cart from the catalog and reports
// whether anything changed. Lines whose product is gone are dropped.
func (s *Service) Reprice(ctx context.Context, c *Cart) (bool, error) {
	skus := make([]string, len(c.Items))
	for i, it := range c.Items {
		skus[i] = it.SKU
	}
	products, err := s.catalog.ProductsBySKU(ctx, skus)
	if err != nil {
		return false, err
	}
	changed := false
	now := s.clock.Now()
	kept := c.Items[:0]
	for _, it := range c.Items {
		p, ok := products[it.SKU]
		if !ok || !p.Sellable() {
			changed = true
			if err := s.store.DeleteItem(ctx, c.ID, it.SKU, now); err != nil {
				return false, err
			}
			continue
		}
		if p.Price() != it.UnitPrice {
			it.UnitPrice = p.Price()
			changed = true
			if err := s.store.PutItem(ctx, c.ID, it, now); err != nil {
				return false, err
			}
		}
		kept = append(kept, it)
	}
	c.Items = kept
	return changed, nil
}

// Clear empties the cart inside the caller's transaction (checkout).
func (s *Service) Clear(ctx context.Context, q db.Querier, cartID string) error {
	return s.store.Clear(ctx, q, cartID)
}

// PurgeStale deletes carts nobody touched for ttl.
func (s *Service) PurgeStale(ctx context.Context, ttl time.Duration) (int64, error) {
	n, err := s.store.Purge(ctx, s.clock.Now().Add(-ttl))
	if err != nil {
		return 0, err
	}
	s.log.Info("purged stale carts", log.F("count", n))
	return n, nil
}
