// Package catalog implements product catalog use cases.
package catalog

import (
	"context"
	"strings"

	"rxnow.health/backend/domain/catalog"
	"rxnow.health/backend/domain/models"
	"rxnow.health/backend/kernel/errs"
	"rxnow.health/backend/kernel/money"
)

// Repository persists products.
type Repository interface {
	Create(ctx context.Context, p *catalog.Product) error
	Get(ctx context.Context, id int64) (catalog.Product, error)
	GetByNDC(ctx context.Context, ndc string) (catalog.Product, error)
	Search(ctx context.Context, q string, rxOnly bool, page models.Page) ([]catalog.Product, error)
	RecordPrice(ctx context.Context, productID int64, price money.Money, changedBy string) error
}

// Service is the catalog API other contexts are supposed to use.
type Service struct{ repo Repository }

// NewService builds the service.
func NewService(repo Repository) *Service { return &Service{repo: repo} }

// Create adds a product.
func (s *Service) Create(ctx context.Context, p catalog.Product, by string) (catalog.Product, error) {
	if err := p.Validate(); err != nil {
		return p, err
	}
	p.Active = true
	if err := s.repo.Create(ctx, &p); err != nil {
		return p, err
	}
	return p, s.repo.RecordPrice(ctx, p.ID, p.UnitPrice, by)
}

// Get returns a product.
func (s *Service) Get(ctx context.Context, id int64) (catalog.Product, error) {
	return s.repo.Get(ctx, id)
}

// View returns the cross-context product view.
func (s *Service) View(ctx context.Context, id int64) (models.ProductView, error) {
	p, err := s.repo.Get(ctx, id)
	if err != nil {
		return models.ProductView{}, err
	}
	return ToView(p), nil
}

// ToView converts a product into the shared DTO.
func ToView(p catalog.Product) models.ProductView {
	return models.ProductView{ID: p.ID, NDC: p.NDC, Name: p.Name, Generic: p.GenericName, Strength: p.Strength,
		Form: p.Form, RequiresRx: p.RequiresRx, Schedule: p.Schedule, ColdChain: p.ColdChain, UnitPrice: p.UnitPrice, Active: p.Active}
}

// Search finds products by name, generic name or NDC.
func (s *Service) Search(ctx context.Context, q string, rxOnly bool, page models.Page) ([]models.ProductView, error) {
	q = strings.TrimSpace(q)
	if len(q) < 2 {
		return nil, errs.Invalidf("catalog.Search", "query too short")
	}
	if ndc, err := catalog.NormalizeNDC(q); err == nil {
		p, err := s.repo.GetByNDC(ctx, ndc)
		if err != nil {
			if errs.Is(err, errs.NotFound) {
				return nil, nil
			}
			return nil, err
		}
		return []models.ProductView{ToView(p)}, nil
	}
	ps, err := s.repo.Search(ctx, q, rxOnly, page.Normalize())
	if err != nil {
		return nil, err
	}
	out := make([]models.ProductView, 0, len(ps))
	for _, p := range ps {
		out = append(out, ToView(p))
	}
	return out, nil
}
