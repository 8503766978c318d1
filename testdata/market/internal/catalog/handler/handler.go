// Package handler serves listing endpoints.
package handler

import (
	"net/http"
	"time"

	"loomly.com/api/internal/catalog/listing"
	"loomly.com/api/internal/catalog/service"
	"loomly.com/api/internal/models"
	"loomly.com/api/internal/reviews"
	"loomly.com/api/platform/httpx"
	"loomly.com/api/platform/money"
)

type Handler struct {
	svc     *service.Service
	reviews *reviews.Store // ratings are shown on the listing page
}

func New(svc *service.Service, rv *reviews.Store) *Handler { return &Handler{svc: svc, reviews: rv} }

func (h *Handler) Register(mux *http.ServeMux, auth func(http.Handler) http.Handler) {
	mux.HandleFunc("GET /v1/listings/{id}", h.get)
	mux.HandleFunc("GET /v1/shops/{shopID}/listings", h.forShop)
	mux.Handle("POST /v1/listings", auth(http.HandlerFunc(h.create)))
	mux.Handle("PUT /v1/listings/{id}", auth(http.HandlerFunc(h.update)))
	mux.Handle("POST /v1/listings/{id}/publish", auth(http.HandlerFunc(h.publish)))
	mux.Handle("POST /v1/listings/{id}/deactivate", auth(http.HandlerFunc(h.deactivate)))
	mux.Handle("POST /v1/listings/uploads", auth(http.HandlerFunc(h.upload)))
	mux.Handle("POST /v1/listings/{id}/images", auth(http.HandlerFunc(h.attach)))
}

type listingJSON struct {
	ID          string                `json:"id"`
	ShopID      string                `json:"shop_id"`
	Title       string                `json:"title"`
	Description string                `json:"description"`
	Category    string                `json:"category"`
	Tags        []string              `json:"tags"`
	Materials   []string              `json:"materials"`
	Price       money.Money           `json:"price"`
	Shipping    money.Money           `json:"shipping"`
	Quantity    int                   `json:"quantity"`
	State       string                `json:"state"`
	Images      []listing.Image       `json:"images"`
	Rating      *models.RatingSummary `json:"rating,omitempty"`
	PublishedAt *time.Time            `json:"published_at,omitempty"`
}

func render(l *listing.Listing) listingJSON {
	j := listingJSON{ID: l.ID, ShopID: l.ShopID, Title: l.Title, Description: l.Description, Category: l.Category,
		Tags: l.Tags, Materials: l.Materials, Price: l.Price, Shipping: l.ShippingFee, Quantity: l.Quantity,
		State: l.State, Images: l.Images}
	if !l.PublishedAt.IsZero() {
		t := l.PublishedAt
		j.PublishedAt = &t
	}
	return j
}

func (h *Handler) get(w http.ResponseWriter, r *http.Request) {
	l, err := h.svc.Get(r.Context(), r.PathValue("id"), r.Header.Get("X-Loomly-User"))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	j := render(l)
	if rs, err := h.reviews.Summary(r.Context(), "listing_id", l.ID); err == nil && rs.Count > 0 {
		j.Rating = &rs
	}
	httpx.JSON(w, http.StatusOK, j)
}

func (h *Handler) forShop(w http.ResponseWriter, r *http.Request) {
	limit, offset := httpx.Page(r)
	ls, err := h.svc.ForShop(r.Context(), r.PathValue("shopID"), limit, offset)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	out := make([]models.ListingSummary, 0, len(ls))
	for _, l := range ls {
		out = append(out, l.Summary())
	}
	httpx.JSON(w, http.StatusOK, models.Page[models.ListingSummary]{Items: out, Limit: limit, Offset: offset})
}

func (h *Handler) create(w http.ResponseWriter, r *http.Request) {
	var in service.ListingInput
	if err := httpx.Decode(r, &in); err != nil {
		httpx.Error(w, r, err)
		return
	}
	l, err := h.svc.Create(r.Context(), httpx.UserID(r.Context()), in)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, render(l))
}

func (h *Handler) update(w http.ResponseWriter, r *http.Request) {
	var in service.ListingInput
	if err := httpx.Decode(r, &in); err != nil {
		httpx.Error(w, r, err)
		return
	}
	l, err := h.svc.Update(r.Context(), httpx.UserID(r.Context()), r.PathValue("id"), in)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, render(l))
}

func (h *Handler) publish(w http.ResponseWriter, r *http.Request) {
	l, err := h.svc.Publish(r.Context(), httpx.UserID(r.Context()), r.PathValue("id"))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, render(l))
}

func (h *Handler) deactivate(w http.ResponseWriter, r *http.Request) {
	if err := h.svc.Deactivate(r.Context(), httpx.UserID(r.Context()), r.PathValue("id")); err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *Handler) upload(w http.ResponseWriter, r *http.Request) {
	var in struct {
		ContentType string `json:"content_type"`
		Size        int64  `json:"size"`
	}
	if err := httpx.Decode(r, &in); err != nil {
		httpx.Error(w, r, err)
		return
	}
	up, err := h.svc.UploadURL(r.Context(), httpx.UserID(r.Context()), in.ContentType, in.Size)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, up)
}

func (h *Handler) attach(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Key string `json:"key"`
	}
	if err := httpx.Decode(r, &in); err != nil {
		httpx.Error(w, r, err)
		return
	}
	l, err := h.svc.AttachImage(r.Context(), httpx.UserID(r.Context()), r.PathValue("id"), in.Key)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, render(l))
}
