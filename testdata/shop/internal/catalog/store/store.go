// Package store persists the catalog with GORM.
package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"example.com/shop/internal/models"
	"example.com/shop/internal/platform/errs"
)

// Store reads and writes products and categories.
type Store struct {
	db *gorm.DB
}

// New returns a store on db.
func New(db *gorm.DB) *Store { return &Store{db: db} }

// ListFilter selects products.
type ListFilter struct {
	CategorySlug string
	ActiveOnly   bool
	Query        string
	Sort         string
	Limit        int
	Offset       int
}

var sortColumns = map[string]string{
	"name":   "products.name ASC",
	"newest": "products.created_at DESC",
	"price":  "products.price_minor ASC",
}

// Product loads a product with its category.
func (s *Store) Product(ctx context.Context, id string) (*models.Product, error) {
	var p models.Product
	if err := s.db.WithContext(ctx).Preload("Category").First(&p, "id = ?", id).Error; err != nil {
		return nil, notFound(err, "product", id)
	}
	return &p, nil
}

// ProductBySKU loads a product by SKU.
func (s *Store) ProductBySKU(ctx context.Context, sku string) (*models.Product, error) {
	var p models.Product
	if err := s.db.WithContext(ctx).Preload("Category").Where("sku = ?", sku).First(&p).Error; err != nil {
		return nil, notFound(err, "product", sku)
	}
	return &p, nil
}

// ProductsBySKU loads the products with the given SKUs, keyed by SKU.
// Unknown SKUs are simply missing from the result.
func (s *Store) ProductsBySKU(ctx context.Context, skus []string) (map[string]models.Product, error) {
	if len(skus) == 0 {
		return map[string]models.Product{}, nil
	}
	var list []models.Product
	if err := s.db.WithContext(ctx).Where("sku IN ?", skus).Find(&list).Error; err != nil {
		return nil, fmt.Errorf("catalog store: products by sku: %w", err)
	}
	out := make(map[string]models.Product, len(list))
	for _, p := range list {
		out[p.SKU] = p
	}
	return out, nil
}

// Products lists products matching f, with the total number of matches.
func (s *Store) Products(ctx context.Context, f ListFilter) ([]models.Product, int64, error) {
	q := s.db.WithContext(ctx).Model(&models.Product{})
	if f.CategorySlug != "" {
		q = q.Joins("JOIN categories ON categories.id = products.category_id").
			Where("categories.slug = ?", f.CategorySlug)
	}
	if f.ActiveOnly {
		q = q.Where("products.active = ?", true)
	}
	if term := strings.TrimSpace(f.Query); term != "" {
		q = q.Where("products.name ILIKE ? OR products.sku = ?", "%"+term+"%", strings.ToUpper(term))
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, fmt.Errorf("catalog store: count products: %w", err)
	}
	order, ok := sortColumns[f.Sort]
	if !ok {
		order = sortColumns["name"]
	}
	limit := f.Limit
	if limit <= 0 || limit > 100 {
		limit = 20
	}
	var out []models.Product
	err := q.Preload("Category").Order(order).Limit(limit).Offset(f.Offset).Find(&out).Error
	if err != nil {
		return nil, 0, fmt.Errorf("catalog store: list products: %w", err)
	}
	return out, total, nil
}

// CreateProduct inserts p.
func (s *Store) CreateProduct(ctx context.Context, p *models.Product) error {
	if err := s.db.WithContext(ctx).Create(p).Error; err != nil {
		if isDuplicate(err) {
			return errs.Conflict("catalog.store.CreateProduct", "a product with SKU %s already exists", p.SKU)
		}
		return fmt.Errorf("catalog store: create product %s: %w", p.SKU, err)
	}
	return nil
}

// UpdateProduct saves every field of p.
func (s *Store) UpdateProduct(ctx context.Context, p *models.Product) error {
	if err := s.db.WithContext(ctx).Save(p).Error; err != nil {
		return fmt.Errorf("catalog store: update product %s: %w", p.ID, err)
	}
	return nil
}

// SetActive activates or deactivates a product.
func (s *Store) SetActive(ctx context.Context, id string, active bool, at time.Time) error {
	res := s.db.WithContext(ctx).Model(&models.Product{}).Where("id = ?", id).
		Updates(map[string]any{"active": active, "updated_at": at})
	if res.Error != nil {
		return fmt.Errorf("catalog store: set active %s: %w", id, res.Error)
	}
	if res.RowsAffected == 0 {
		return errs.NotFound("catalog.store.SetActive", "product %q not found", id)
	}
	return nil
}

// DeleteProduct removes a product that was never sold.
func (s *Store) DeleteProduct(ctx context.Context, id string) error {
	if err := s.db.WithContext(ctx).Delete(&models.Product{}, "id = ?", id).Error; err != nil {
		return fmt.Errorf("catalog store: delete product %s: %w", id, err)
	}
	return nil
}

func notFound(err error, what, key string) error {
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return errs.NotFound("catalog.store", "%s %q not found", what, key)
	}
	return fmt.Errorf("catalog store: %s %q: %w", what, key, err)
}

func isDuplicate(err error) bool {
	return errors.Is(err, gorm.ErrDuplicatedKey) || strings.Contains(err.Error(), "duplicate key")
}
