package store

import (
	"context"
	"fmt"

	"example.com/shop/internal/models"
	"example.com/shop/internal/platform/errs"
)

// Categories lists every category, parents before children.
func (s *Store) Categories(ctx context.Context) ([]models.Category, error) {
	var out []models.Category
	if err := s.db.WithContext(ctx).Order("parent_id NULLS FIRST, position, name").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("catalog store: categories: %w", err)
	}
	return out, nil
}

// CategoryBySlug loads one category.
func (s *Store) CategoryBySlug(ctx context.Context, slug string) (*models.Category, error) {
	var c models.Category
	if err := s.db.WithContext(ctx).Where("slug = ?", slug).First(&c).Error; err != nil {
		return nil, notFound(err, "category", slug)
	}
	return &c, nil
}

// CreateCategory inserts c.
func (s *Store) CreateCategory(ctx context.Context, c *models.Category) error {
	if err := s.db.WithContext(ctx).Create(c).Error; err != nil {
		if isDuplicate(err) {
			return errs.Conflict("catalog.store.CreateCategory", "category %q already exists", c.Slug)
		}
		return fmt.Errorf("catalog store: create category %s: %w", c.Slug, err)
	}
	return nil
}

// CategoryCount is the number of active products in a category.
type CategoryCount struct {
	Slug string
	N    int64
}

// CategoryCounts counts the active products per category.
func (s *Store) CategoryCounts(ctx context.Context) ([]CategoryCount, error) {
	var rows []CategoryCount
	err := s.db.WithContext(ctx).Table("products").
		Select("categories.slug AS slug, count(*) AS n").
		Joins("JOIN categories ON categories.id = products.category_id").
		Where("products.active = ?", true).
		Group("categories.slug").
		Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("catalog store: category counts: %w", err)
	}
	return rows, nil
}
