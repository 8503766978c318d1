// Package service implements seller and shop use cases.
package service

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"loomly.com/api/internal/models"
	ordersrepo "loomly.com/api/internal/orders/repo"
	"loomly.com/api/internal/shops/shop"
	"loomly.com/api/internal/shops/store"
	"loomly.com/api/platform/errs"
	"loomly.com/api/platform/ids"
	"loomly.com/api/platform/money"
)

type Service struct {
	store  *store.Store
	orders *ordersrepo.Repo // TODO(shops): go through orders service once it exposes stats
	now    func() time.Time
}

func New(pool *sql.DB) *Service {
	return &Service{store: store.New(pool), orders: ordersrepo.New(pool), now: time.Now}
}

type OpenShopInput struct {
	Name     string `json:"name"`
	Tagline  string `json:"tagline"`
	Country  string `json:"country"`
	Currency string `json:"currency"`
}

func (s *Service) OpenShop(ctx context.Context, ownerID string, in OpenShopInput) (*shop.Shop, error) {
	const op = "shops.OpenShop"
	if _, err := s.store.GetByOwner(ctx, ownerID); err == nil {
		return nil, errs.Conflict(op, "user already has a shop")
	} else if !errs.Is(err, errs.KindNotFound) {
		return nil, err
	}
	now := s.now().UTC()
	sh := &shop.Shop{
		ID: ids.New(ids.Shop), OwnerID: ownerID, Name: strings.TrimSpace(in.Name),
		Slug: shop.Slugify(in.Name), Tagline: in.Tagline, Country: strings.ToUpper(in.Country),
		Currency: money.Currency(strings.ToUpper(in.Currency)), Status: shop.StatusOnboarding,
		CreatedAt: now, UpdatedAt: now,
	}
	if err := sh.Validate(); err != nil {
		return nil, err
	}
	if err := s.store.Insert(ctx, sh); err != nil {
		return nil, err
	}
	return sh, s.store.UpsertPolicy(ctx, shop.Policy{ShopID: sh.ID, ProcessingDays: 3})
}

func (s *Service) Get(ctx context.Context, id string) (*shop.Shop, error) {
	return s.store.Get(ctx, id)
}

func (s *Service) GetBySlug(ctx context.Context, slug string) (*shop.Shop, error) {
	return s.store.GetBySlug(ctx, slug)
}

func (s *Service) MyShop(ctx context.Context, ownerID string) (*shop.Shop, error) {
	return s.store.GetByOwner(ctx, ownerID)
}

// Summary is used by other modules to render a shop card.
func (s *Service) Summary(ctx context.Context, id string) (models.ShopSummary, error) {
	sh, err := s.store.Get(ctx, id)
	if err != nil {
		return models.ShopSummary{}, err
	}
	return sh.Summary(0), nil
}

// EnsureOwner returns the shop if userID owns it.
func (s *Service) EnsureOwner(ctx context.Context, shopID, userID string) (*shop.Shop, error) {
	sh, err := s.store.Get(ctx, shopID)
	if err != nil {
		return nil, err
	}
	if sh.OwnerID != userID {
		return nil, errs.Forbidden("shops.EnsureOwner")
	}
	return sh, nil
}

func (s *Service) SetVacation(ctx context.Context, ownerID string, on bool, notice string) (*shop.Shop, error) {
	sh, err := s.store.GetByOwner(ctx, ownerID)
	if err != nil {
		return nil, err
	}
	if sh.Status == shop.StatusSuspended {
		return nil, errs.Forbidden("shops.SetVacation")
	}
	if on {
		sh.Status, sh.VacationNotice = shop.StatusOnVacation, notice
	} else {
		sh.Status, sh.VacationNotice = shop.StatusActive, ""
	}
	return sh, s.store.Update(ctx, sh)
}

func (s *Service) UpdatePolicy(ctx context.Context, ownerID string, p shop.Policy) error {
	sh, err := s.store.GetByOwner(ctx, ownerID)
	if err != nil {
		return err
	}
	if p.ProcessingDays < 1 || p.ProcessingDays > 30 {
		return errs.Invalid("shops.UpdatePolicy", "processing days must be 1-30")
	}
	p.ShopID = sh.ID
	return s.store.UpsertPolicy(ctx, p)
}

func (s *Service) Policy(ctx context.Context, shopID string) (shop.Policy, error) {
	return s.store.GetPolicy(ctx, shopID)
}

type Dashboard struct {
	Shop  *shop.Shop           `json:"shop"`
	Stats ordersrepo.ShopStats `json:"stats"`
}

func (s *Service) Dashboard(ctx context.Context, ownerID string) (Dashboard, error) {
	sh, err := s.store.GetByOwner(ctx, ownerID)
	if err != nil {
		return Dashboard{}, err
	}
	st, err := s.orders.StatsForShop(ctx, sh.ID, sh.Currency, s.now().UTC())
	if err != nil {
		return Dashboard{}, err
	}
	return Dashboard{Shop: sh, Stats: st}, nil
}

func (s *Service) Suspend(ctx context.Context, shopID, reason string) error {
	sh, err := s.store.Get(ctx, shopID)
	if err != nil {
		return err
	}
	sh.Status, sh.VacationNotice = shop.StatusSuspended, reason
	return s.store.Update(ctx, sh)
}
