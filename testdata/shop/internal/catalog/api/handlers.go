// Package api exposes the catalog over HTTP.
package api

import (
	"net/http"
	"time"

	"example.com/shop/internal/catalog/service"
	"example.com/shop/internal/models"
	"example.com/shop/internal/platform/httpx"
	"example.com/shop/internal/platform/log"
	"example.com/shop/internal/platform/money"
)

// Handler serves the catalog endpoints.
type Handler struct {
	svc *service.Service
	log *log.Logger
}

// New returns the catalog handler.
func New(svc *service.Service, logger *log.Logger) *Handler {
	return &Handler{svc: svc, log: logger.Named("catalog.api")}
}

// Register mounts the routes; admin protects the write endpoints.
func (h *Handler) Register(mux *http.ServeMux, admin httpx.Middleware) {
	mux.Handle("GET /products", httpx.Handle(h.log, h.listProducts))
	mux.Handle("GET /products/search", httpx.Handle(h.log, h.search))
	mux.Handle("GET /products/{id}", httpx.Handle(h.log, h.getProduct))
	mux.Handle("GET /products/{sku}/quote", httpx.Handle(h.log, h.quote))
	mux.Handle("GET /categories", httpx.Handle(h.log, h.categories))
	mux.Handle("POST /products", admin(httpx.Handle(h.log, h.createProduct)))
	mux.Handle("PUT /products/{id}/price", admin(httpx.Handle(h.log, h.changePrice)))
	mux.Handle("DELETE /products/{id}", admin(httpx.Handle(h.log, h.discontinue)))
	mux.Handle("POST /categories", admin(httpx.Handle(h.log, h.createCategory)))
	mux.Handle("POST /admin/search/reindex", admin(httpx.Handle(h.log, h.reindex)))
}

type productJSON struct {
	ID          string      `json:"id"`
	SKU         string      `json:"sku"`
	Name        string      `json:"name"`
	Description string      `json:"description,omitempty"`
	Category    string      `json:"category,omitempty"`
	Price       money.Money `json:"price"`
	PriceText   string      `json:"price_text"`
	WeightGrams int         `json:"weight_grams"`
	Available   bool        `json:"available"`
	UpdatedAt   time.Time   `json:"updated_at"`
}

func toJSON(p models.Product) productJSON {
	out := productJSON{
		ID:          p.ID,
		SKU:         p.SKU,
		Name:        p.Name,
		Description: p.Description,
		Price:       p.Price(),
		PriceText:   p.Price().String(),
		WeightGrams: p.WeightGrams,
		Available:   p.Sellable(),
		UpdatedAt:   p.UpdatedAt,
	}
	if p.Category != nil {
		out.Category = p.Category.Slug
	}
	return out
}

func (h *Handler) listProducts(w http.ResponseWriter, r *http.Request) error {
	limit, offset, err := httpx.Page(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	products, total, err := h.svc.List(r.Context(), service.ListRequest{
		Category: q.Get("category"),
		Query:    q.Get("q"),
		Sort:     q.Get("sort"),
		Limit:    limit,
		Offset:   offset,
	})
	if err != nil {
		return err
	}
	items := make([]productJSON, 0, len(products))
	for _, p := range products {
		items = append(items, toJSON(p))
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"items": items, "total": total, "limit": limit, "offset": offset})
	return nil
}

func (h *Handler) getProduct(w http.ResponseWriter, r *http.Request) error {
	p, err := h.svc.Product(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, toJSON(*p))
	return nil
}

func (h *Handler) search(w http.ResponseWriter, r *http.Request) error {
	limit, err := httpx.QueryInt(r, "limit", 10, 50)
	if err != nil {
		return err
	}
	hits, err := h.svc.Search(r.Context(), r.URL.Query().Get("q"), limit)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"hits": hits})
	return nil
}

func (h *Handler) quote(w http.ResponseWriter, r *http.Request) error {
	qty, err := httpx.QueryInt(r, "qty", 1, 999)
	if err != nil {
		return err
	}
	country := r.URL.Query().Get("country")
	if country == "" {
		country = "DE"
	}
	q, err := h.svc.Quote(r.Context(), r.PathValue("sku"), qty, country)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, q)
	return nil
}

func (h *Handler) categories(w http.ResponseWriter, r *http.Request) error {
	cats, err := h.svc.Categories(r.Context())
	if err != nil {
		return err
	}
	byID := make(map[string]models.Category, len(cats))
	for _, c := range cats {
		byID[c.ID] = c
	}
	type categoryJSON struct {
		models.Category
		Path []string `json:"path"`
	}
	out := make([]categoryJSON, 0, len(cats))
	for _, c := range cats {
		var path []string
		for _, b := range c.Breadcrumbs(byID) {
			path = append(path, b.Name)
		}
		out = append(out, categoryJSON{Category: c, Path: path})
	}
	httpx.JSON(w, http.StatusOK, out)
	return nil
}

type createProductRequest struct {
	SKU         string      `json:"sku"`
	Name        string      `json:"name"`
	Description string      `json:"description"`
	Category    string      `json:"category"`
	Price       money.Money `json:"price"`
	WeightGrams int         `json:"weight_grams"`
}

func (h *Handler) createProduct(w http.ResponseWriter, r *http.Request) error {
	var req createProductRequest
	if err := httpx.Decode(w, r, &req); err != nil {
		return err
	}
	p, err := h.svc.CreateProduct(r.Context(), service.NewProduct{
		SKU:          req.SKU,
		Name:         req.Name,
		Description:  req.Description,
		CategorySlug: req.Category,
		Price:        req.Price,
		WeightGrams:  req.WeightGrams,
	})
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusCreated, toJSON(*p))
	return nil
}

func (h *Handler) changePrice(w http.ResponseWriter, r *http.Request) error {
	var req struct {
		Price money.Money `json:"price"`
		By    string      `json:"by"`
	}
	if err := httpx.Decode(w, r, &req); err != nil {
		return err
	}
	if err := h.svc.ChangePrice(r.Context(), r.PathValue("id"), req.Price, req.By); err != nil {
		return err
	}
	httpx.NoContent(w)
	return nil
}

func (h *Handler) discontinue(w http.ResponseWriter, r *http.Request) error {
	if err := h.svc.Discontinue(r.Context(), r.PathValue("id")); err != nil {
		return err
	}
	httpx.NoContent(w)
	return nil
}

func (h *Handler) createCategory(w http.ResponseWriter, r *http.Request) error {
	var req struct {
		Name     string `json:"name"`
		Parent   string `json:"parent"`
		Position int    `json:"position"`
	}
	if err := httpx.Decode(w, r, &req); err != nil {
		return err
	}
	c, err := h.svc.CreateCategory(r.Context(), req.Name, req.Parent, req.Position)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusCreated, c)
	return nil
}

func (h *Handler) reindex(w http.ResponseWriter, r *http.Request) error {
	n, err := h.svc.Reindex(r.Context())
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, map[string]int{"indexed": n})
	return nil
}
