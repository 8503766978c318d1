// Package service is the catalog's application service and the API other
// contexts use to look products up.
package service

import (
	"context"
	"fmt"
	"strings"

	"example.com/shop/internal/catalog/events"
	"example.com/shop/internal/catalog/pricing"
	"example.com/shop/internal/catalog/search"
	"example.com/shop/internal/catalog/store"
	"example.com/shop/internal/models"
	"example.com/shop/internal/platform/clock"
	"example.com/shop/internal/platform/errs"
	"example.com/shop/internal/platform/eventbus"
	"example.com/shop/internal/platform/ids"
	"example.com/shop/internal/platform/log"
	"example.com/shop/internal/platform/money"
	"example.com/shop/internal/platform/validate"
)

const (
	productIDPrefix  = "prd"
	categoryIDPrefix = "cat"
	reindexPage      = 100
)

// Service is the catalog.
type Service struct {
	store *store.Store
	index *search.Index
	bus   eventbus.Publisher
	clock clock.Clock
	ids   ids.Generator
	log   *log.Logger
	rules []pricing.Rule
}

// New returns the catalog service.
func New(st *store.Store, ix *search.Index, bus eventbus.Publisher, clk clock.Clock, gen ids.Generator, logger *log.Logger) *Service {
	return &Service{store: st, index: ix, bus: bus, clock: clk, ids: gen, log: logger.Named("catalog")}
}

// SetRules replaces the active promotions.
func (s *Service) SetRules(rules []pricing.Rule) { s.rules = append([]pricing.Rule(nil), rules...) }

// Product returns a product by ID.
func (s *Service) Product(ctx context.Context, id string) (*models.Product, error) {
	return s.store.Product(ctx, id)
}

// ProductBySKU returns a product by SKU; the SKU is normalized first.
func (s *Service) ProductBySKU(ctx context.Context, sku string) (*models.Product, error) {
	return s.store.ProductBySKU(ctx, pricing.NormalizeSKU(sku))
}

// ProductsBySKU returns the products with the given SKUs, keyed by the
// normalized SKU.
func (s *Service) ProductsBySKU(ctx context.Context, skus []string) (map[string]models.Product, error) {
	norm := make([]string, 0, len(skus))
	for _, sku := range skus {
		norm = append(norm, pricing.NormalizeSKU(sku))
	}
	return s.store.ProductsBySKU(ctx, norm)
}

// ListRequest selects products for a listing page.
type ListRequest struct {
	Category string
	Query    string
	Sort     string
	Limit    int
	Offset   int
}

// List returns a page of active products and the number of matches.
func (s *Service) List(ctx context.Context, req ListRequest) ([]models.Product, int64, error) {
	return s.store.Products(ctx, store.ListFilter{
		CategorySlug: req.Category,
		ActiveOnly:   true,
		Query:        req.Query,
		Sort:         req.Sort,
		Limit:        req.Limit,
		Offset:       req.Offset,
	})
}

// Search finds products by free text.
func (s *Service) Search(ctx context.Context, query string, limit int) ([]search.Hit, error) {
	if strings.TrimSpace(query) == "" {
		return nil, errs.Invalid("catalog.Search", "query is empty")
	}
	if s.index.Len() == 0 {
		if _, err := s.Reindex(ctx); err != nil {
			return nil, err
		}
	}
	return s.index.Search(query, limit), nil
}

// NewProduct is the input for CreateProduct.
type NewProduct struct {
	SKU          string
	Name         string
	Description  string
	CategorySlug string
	Price        money.Money
	WeightGrams  int
}

func (in NewProduct) validate() error {
	var v validate.Validator
	if v.Required("sku", in.SKU) {
		v.Check(pricing.ValidSKU(pricing.NormalizeSKU(in.SKU)), "sku", "may only hold letters, digits and dashes")
	}
	v.Required("name", in.Name)
	v.MaxLen("name", in.Name, 200)
	v.MaxLen("description", in.Description, 5000)
	v.Required("category", in.CategorySlug)
	v.Positive("price", in.Price.Amount)
	v.Check(in.Price.Currency.Valid(), "price.currency", "is not supported")
	v.Between("weight_grams", in.WeightGrams, 1, 30000)
	return v.Err("catalog.CreateProduct")
}

// CreateProduct adds a product to the catalog.
func (s *Service) CreateProduct(ctx context.Context, in NewProduct) (*models.Product, error) {
	if err := in.validate(); err != nil {
		return nil, err
	}
	cat, err := s.store.CategoryBySlug(ctx, in.CategorySlug)
	if err != nil {
		return nil, errs.Op("catalog.CreateProduct", err)
	}
	now := s.clock.Now()
	p := &models.Product{
		ID:          s.ids.New(productIDPrefix),
		SKU:         pricing.NormalizeSKU(in.SKU),
		Name:        strings.TrimSpace(in.Name),
		Description: strings.TrimSpace(in.Description),
		CategoryID:  cat.ID,
		WeightGrams: in.WeightGrams,
		Active:      true,
		CreatedAt:   now,
		UpdatedAt:   now,
	}
	p.SetPrice(in.Price)
	if err := p.Validate(); err != nil {
		return nil, errs.Wrap(errs.KindInvalid, "catalog.CreateProduct", err)
	}
	if err := s.store.CreateProduct(ctx, p); err != nil {
		return nil, err
	}
	p.Category = cat
	s.index.Add(*p)
	s.publish(ctx, events.ProductCreated{ProductID: p.ID, SKU: p.SKU, Name: p.Name, WeightGrams: p.WeightGrams, At: now})
	s.log.Info("product created", log.F("product", p.ID), log.F("sku", p.SKU))
	return p, nil
}

// ChangePrice sets a new list price.
func (s *Service) ChangePrice(ctx context.Context, id string, price money.Money, by string) error {
	if !price.IsPositive() || !price.Currency.Valid() {
		return errs.Invalid("catalog.ChangePrice", "price must be a positive amount in a supported currency")
	}
	p, err := s.store.Product(ctx, id)
	if err != nil {
		return err
	}
	now := s.clock.Now()
	old, err := s.store.ChangePrice(ctx, id, price, by, now)
	if err != nil {
		return err
	}
	if old == price {
		return nil
	}
	s.publish(ctx, events.PriceChanged{ProductID: id, SKU: p.SKU, Old: old, New: price, At: now})
	return nil
}

// Discontinue stops selling a product.
func (s *Service) Discontinue(ctx context.Context, id string) error {
	p, err := s.store.Product(ctx, id)
	if err != nil {
		return err
	}
	if !p.Active {
		return nil
	}
	now := s.clock.Now()
	if err := s.store.SetActive(ctx, id, false, now); err != nil {
		return err
	}
	s.index.Remove(id)
	s.publish(ctx, events.ProductDiscontinued{ProductID: id, SKU: p.SKU, At: now})
	return nil
}

// Quote prices qty units of a SKU for delivery to country.
func (s *Service) Quote(ctx context.Context, sku string, qty int, country string) (pricing.Quote, error) {
	p, err := s.ProductBySKU(ctx, sku)
	if err != nil {
		return pricing.Quote{}, err
	}
	if !p.Sellable() {
		return pricing.Quote{}, errs.Conflict("catalog.Quote", "product %s is not for sale", p.SKU)
	}
	q, err := pricing.Calculate(p.SKU, p.Price(), qty, country, s.rules, s.clock.Now())
	if err != nil {
		return pricing.Quote{}, errs.Wrap(errs.KindInvalid, "catalog.Quote", err)
	}
	return q, nil
}

// Categories returns the category tree, flattened.
func (s *Service) Categories(ctx context.Context) ([]models.Category, error) {
	return s.store.Categories(ctx)
}

// CreateCategory adds a category under parentSlug (empty for a root).
func (s *Service) CreateCategory(ctx context.Context, name, parentSlug string, position int) (*models.Category, error) {
	var v validate.Validator
	v.Required("name", name)
	v.MaxLen("name", name, 100)
	if err := v.Err("catalog.CreateCategory"); err != nil {
		return nil, err
	}
	c := &models.Category{ID: s.ids.New(categoryIDPrefix), Slug: models.Slugify(name), Name: strings.TrimSpace(name), Position: position}
	if parentSlug != "" {
		parent, err := s.store.CategoryBySlug(ctx, parentSlug)
		if err != nil {
			return nil, err
		}
		c.ParentID = parent.ID
		c.Slug = parent.Slug + "-" + c.Slug
	}
	if err := s.store.CreateCategory(ctx, c); err != nil {
		return nil, err
	}
	return c, nil
}

// Reindex rebuilds the search index from the store.
func (s *Service) Reindex(ctx context.Context) (int, error) {
	var all []models.Product
	for offset := 0; ; offset += reindexPage {
		page, _, err := s.store.Products(ctx, store.ListFilter{ActiveOnly: true, Limit: reindexPage, Offset: offset})
		if err != nil {
			return 0, fmt.Errorf("catalog: reindex: %w", err)
		}
		all = append(all, page...)
		if len(page) < reindexPage {
			break
		}
	}
	s.index.Rebuild(all)
	s.log.Info("search index rebuilt", log.F("products", len(all)))
	return len(all), nil
}

func (s *Service) publish(ctx context.Context, e eventbus.Event) {
	if err := s.bus.Publish(ctx, e); err != nil {
		s.log.Warn("publishing event failed", log.F("event", e.EventName()), log.Err(err))
	}
}
