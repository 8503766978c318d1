// Package listing defines a listing (an item for sale) and its validation.
package listing

import (
	"strings"
	"time"
	"unicode/utf8"

	"loomly.com/api/internal/models"
	"loomly.com/api/platform/errs"
	"loomly.com/api/platform/money"
)

type Listing struct {
	ID          string
	ShopID      string
	Title       string
	Description string
	Category    string
	Tags        []string
	Materials   []string
	Price       money.Money
	Quantity    int
	State       string
	MadeToOrder bool
	ShippingFee money.Money
	Images      []Image
	PublishedAt time.Time
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

type Image struct {
	Key      string `json:"key"`
	URL      string `json:"url"`
	Position int    `json:"position"`
}

var Categories = []string{
	"jewelry", "home-living", "art", "clothing", "bags", "toys", "craft-supplies", "weddings", "paper-goods",
}

const (
	maxTitle = 140
	maxTags  = 13
)

func ValidCategory(c string) bool {
	for _, x := range Categories {
		if x == c {
			return true
		}
	}
	return false
}

func (l *Listing) Normalize() {
	l.Title = strings.Join(strings.Fields(l.Title), " ")
	seen := map[string]bool{}
	tags := l.Tags[:0]
	for _, t := range l.Tags {
		t = strings.ToLower(strings.TrimSpace(t))
		if t == "" || seen[t] {
			continue
		}
		seen[t] = true
		tags = append(tags, t)
	}
	l.Tags = tags
}

func (l *Listing) Validate() error {
	const op = "listing.Validate"
	if n := utf8.RuneCountInString(l.Title); n < 5 || n > maxTitle {
		return errs.Invalid(op, "title must be 5-140 characters")
	}
	if !ValidCategory(l.Category) {
		return errs.Invalid(op, "unknown category")
	}
	if len(l.Tags) > maxTags {
		return errs.Invalid(op, "at most 13 tags")
	}
	if l.Price.Cents < 20 {
		return errs.Invalid(op, "price must be at least 0.20")
	}
	if l.Quantity < 0 || l.Quantity > 999 {
		return errs.Invalid(op, "quantity must be 0-999")
	}
	return nil
}

// Publishable reports whether a draft can go live.
func (l *Listing) Publishable() error {
	if err := l.Validate(); err != nil {
		return err
	}
	if len(l.Images) == 0 {
		return errs.Invalid("listing.Publishable", "at least one photo is required")
	}
	if l.Quantity == 0 && !l.MadeToOrder {
		return errs.Invalid("listing.Publishable", "quantity must be positive")
	}
	return nil
}

func (l *Listing) Summary() models.ListingSummary {
	s := models.ListingSummary{ID: l.ID, ShopID: l.ShopID, Title: l.Title, Price: l.Price,
		Quantity: l.Quantity, State: l.State}
	if len(l.Images) > 0 {
		s.ImageURL = l.Images[0].URL
	}
	return s
}
