// Package service implements listing management for sellers.
package service

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"loomly.com/api/internal/catalog/images"
	"loomly.com/api/internal/catalog/listing"
	"loomly.com/api/internal/catalog/store"
	"loomly.com/api/internal/models"
	shopsvc "loomly.com/api/internal/shops/service"
	"loomly.com/api/platform/errs"
	"loomly.com/api/platform/events"
	"loomly.com/api/platform/ids"
	"loomly.com/api/platform/money"
)

type Service struct {
	store  *store.Store
	shops  *shopsvc.Service
	images *images.Signer
	bus    *events.Bus
	now    func() time.Time
}

func New(pool *sql.DB, shops *shopsvc.Service, img *images.Signer, bus *events.Bus) *Service {
	return &Service{store: store.New(pool), shops: shops, images: img, bus: bus, now: time.Now}
}

type ListingInput struct {
	Title         string   `json:"title"`
	Description   string   `json:"description"`
	Category      string   `json:"category"`
	Tags          []string `json:"tags"`
	Materials     []string `json:"materials"`
	PriceCents    int64    `json:"price_cents"`
	Quantity      int      `json:"quantity"`
	MadeToOrder   bool     `json:"made_to_order"`
	ShippingCents int64    `json:"shipping_cents"`
}

func (in ListingInput) apply(l *listing.Listing, cur money.Currency) {
	l.Title, l.Description, l.Category = in.Title, strings.TrimSpace(in.Description), in.Category
	l.Tags, l.Materials = in.Tags, in.Materials
	l.Price = money.New(in.PriceCents, cur)
	l.ShippingFee = money.New(in.ShippingCents, cur)
	l.Quantity, l.MadeToOrder = in.Quantity, in.MadeToOrder
	l.Normalize()
}

func (s *Service) Create(ctx context.Context, sellerID string, in ListingInput) (*listing.Listing, error) {
	sh, err := s.shops.MyShop(ctx, sellerID)
	if err != nil {
		return nil, err
	}
	now := s.now().UTC()
	l := &listing.Listing{ID: ids.New(ids.Listing), ShopID: sh.ID, State: models.ListingDraft, CreatedAt: now, UpdatedAt: now}
	in.apply(l, sh.Currency)
	if err := l.Validate(); err != nil {
		return nil, err
	}
	return l, s.store.Insert(ctx, l)
}

func (s *Service) owned(ctx context.Context, sellerID, listingID string) (*listing.Listing, error) {
	l, err := s.store.Get(ctx, listingID)
	if err != nil {
		return nil, err
	}
	if _, err := s.shops.EnsureOwner(ctx, l.ShopID, sellerID); err != nil {
		return nil, err
	}
	return l, nil
}

func (s *Service) Update(ctx context.Context, sellerID, listingID string, in ListingInput) (*listing.Listing, error) {
	l, err := s.owned(ctx, sellerID, listingID)
	if err != nil {
		return nil, err
	}
	in.apply(l, l.Price.Currency)
	if err := l.Validate(); err != nil {
		return nil, err
	}
	if err := s.store.Update(ctx, l); err != nil {
		return nil, err
	}
	if l.State == models.ListingActive {
		s.bus.Publish(ctx, events.Event{Name: events.ListingUpdated, Key: l.ID})
	}
	return l, nil
}

func (s *Service) AttachImage(ctx context.Context, sellerID, listingID, key string) (*listing.Listing, error) {
	l, err := s.owned(ctx, sellerID, listingID)
	if err != nil {
		return nil, err
	}
	if !images.OwnedBy(key, l.ShopID) {
		return nil, errs.Forbidden("catalog.AttachImage")
	}
	if len(l.Images) >= 10 {
		return nil, errs.Invalid("catalog.AttachImage", "at most 10 photos")
	}
	im := listing.Image{Key: key, URL: s.images.URL(key, 0), Position: len(l.Images)}
	if err := s.store.AddImage(ctx, l.ID, im); err != nil {
		return nil, err
	}
	l.Images = append(l.Images, im)
	return l, nil
}

func (s *Service) UploadURL(ctx context.Context, sellerID, contentType string, size int64) (images.Upload, error) {
	sh, err := s.shops.MyShop(ctx, sellerID)
	if err != nil {
		return images.Upload{}, err
	}
	up, err := s.images.NewUpload(sh.ID, contentType, size, s.now())
	if err != nil {
		return images.Upload{}, errs.Invalid("catalog.UploadURL", err.Error())
	}
	return up, nil
}

func (s *Service) Publish(ctx context.Context, sellerID, listingID string) (*listing.Listing, error) {
	l, err := s.owned(ctx, sellerID, listingID)
	if err != nil {
		return nil, err
	}
	sh, err := s.shops.Get(ctx, l.ShopID)
	if err != nil {
		return nil, err
	}
	if !sh.CanSell() {
		return nil, errs.Invalid("catalog.Publish", "shop is not ready to sell")
	}
	if err := l.Publishable(); err != nil {
		return nil, err
	}
	l.State, l.PublishedAt = models.ListingActive, s.now().UTC()
	if err := s.store.Update(ctx, l); err != nil {
		return nil, err
	}
	s.bus.Publish(ctx, events.Event{Name: events.ListingPublished, Key: l.ID})
	return l, nil
}

func (s *Service) Deactivate(ctx context.Context, sellerID, listingID string) error {
	l, err := s.owned(ctx, sellerID, listingID)
	if err != nil {
		return err
	}
	l.State = models.ListingInactive
	if err := s.store.Update(ctx, l); err != nil {
		return err
	}
	s.bus.Publish(ctx, events.Event{Name: events.ListingUpdated, Key: l.ID})
	return nil
}

// Get returns a public listing; drafts are only visible to the owner.
func (s *Service) Get(ctx context.Context, id, viewerID string) (*listing.Listing, error) {
	l, err := s.store.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if l.State == models.ListingDraft {
		if _, err := s.shops.EnsureOwner(ctx, l.ShopID, viewerID); err != nil {
			return nil, errs.NotFound("catalog.Get", "listing")
		}
	}
	return l, nil
}

func (s *Service) ForShop(ctx context.Context, shopID string, limit, offset int) ([]*listing.Listing, error) {
	return s.store.ListByShop(ctx, shopID, models.ListingActive, limit, offset)
}
