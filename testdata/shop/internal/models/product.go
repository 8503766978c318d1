package models

import (
	"errors"
	"strings"
	"time"
	"unicode"

	"example.com/shop/internal/platform/money"
)

// ErrInvalidProduct is returned by Product.Validate.
var ErrInvalidProduct = errors.New("models: invalid product")

// Product is an item in the catalog. GORM maps it to the "products" table.
type Product struct {
	ID          string    `gorm:"primaryKey;size:32" json:"id"`
	SKU         string    `gorm:"uniqueIndex;size:64" json:"sku"`
	Name        string    `gorm:"size:200;not null" json:"name"`
	Description string    `json:"description"`
	CategoryID  string    `gorm:"index;size:32" json:"category_id"`
	Category    *Category `gorm:"foreignKey:CategoryID" json:"category,omitempty"`
	PriceMinor  int64     `json:"-"`
	Currency    string    `gorm:"size:3" json:"-"`
	WeightGrams int       `json:"weight_grams"`
	Active      bool      `gorm:"default:true" json:"active"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// Price returns the list price.
func (p Product) Price() money.Money {
	return money.New(p.PriceMinor, money.Currency(p.Currency))
}

// SetPrice sets the list price.
func (p *Product) SetPrice(m money.Money) {
	p.PriceMinor = m.Amount
	p.Currency = string(m.Currency)
}

// Sellable reports whether the product may be put in a cart.
func (p Product) Sellable() bool {
	return p.Active && p.PriceMinor > 0 && money.Currency(p.Currency).Valid()
}

// Validate checks the fields a product must have.
func (p Product) Validate() error {
	var problems []string
	if strings.TrimSpace(p.SKU) == "" {
		problems = append(problems, "sku is required")
	}
	if strings.TrimSpace(p.Name) == "" {
		problems = append(problems, "name is required")
	}
	if p.PriceMinor < 0 {
		problems = append(problems, "price must not be negative")
	}
	if p.WeightGrams < 0 {
		problems = append(problems, "weight must not be negative")
	}
	if len(problems) > 0 {
		return errors.Join(ErrInvalidProduct, errors.New(strings.Join(problems, ", ")))
	}
	return nil
}

// Category groups products; categories form a tree through ParentID. GORM
// maps it to the "categories" table.
type Category struct {
	ID       string `gorm:"primaryKey;size:32" json:"id"`
	Slug     string `gorm:"uniqueIndex;size:100" json:"slug"`
	Name     string `gorm:"size:100" json:"name"`
	ParentID string `gorm:"index;size:32" json:"parent_id,omitempty"`
	Position int    `json:"position"`
}

// IsRoot reports whether the category has no parent.
func (c Category) IsRoot() bool { return c.ParentID == "" }

// Breadcrumbs returns the path from the root to c.
func (c Category) Breadcrumbs(byID map[string]Category) []Category {
	path := []Category{c}
	seen := map[string]bool{c.ID: true}
	for cur := c; !cur.IsRoot(); {
		parent, ok := byID[cur.ParentID]
		if !ok || seen[parent.ID] {
			break
		}
		seen[parent.ID] = true
		path = append([]Category{parent}, path...)
		cur = parent
	}
	return path
}

// Slugify turns a category or product name into a URL slug.
func Slugify(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}
