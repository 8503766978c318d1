package reviews

import (
	"context"
	"net/http"

	"loomly.com/api/internal/models"
	"loomly.com/api/platform/httpx"
)

// ShopResolver finds the caller's shop id; provided by the shops module.
type ShopResolver func(ctx context.Context, ownerID string) (string, error)

type Handler struct {
	svc    *Service
	myShop ShopResolver
}

func NewHandler(svc *Service, myShop ShopResolver) *Handler {
	return &Handler{svc: svc, myShop: myShop}
}

func (h *Handler) Register(mux *http.ServeMux, auth func(http.Handler) http.Handler) {
	mux.HandleFunc("GET /v1/shops/{shopID}/reviews", h.listShop)
	mux.HandleFunc("GET /v1/listings/{id}/reviews", h.listListing)
	mux.Handle("POST /v1/reviews", auth(http.HandlerFunc(h.create)))
	mux.Handle("POST /v1/reviews/{id}/reply", auth(http.HandlerFunc(h.reply)))
}

func (h *Handler) listShop(w http.ResponseWriter, r *http.Request) {
	limit, offset := httpx.Page(r)
	rs, err := h.svc.store.ListForShop(r.Context(), r.PathValue("shopID"), limit, offset)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, models.Page[Review]{Items: rs, Limit: limit, Offset: offset})
}

func (h *Handler) listListing(w http.ResponseWriter, r *http.Request) {
	limit, offset := httpx.Page(r)
	rs, err := h.svc.store.ListForListing(r.Context(), r.PathValue("id"), limit, offset)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, models.Page[Review]{Items: rs, Limit: limit, Offset: offset})
}

func (h *Handler) create(w http.ResponseWriter, r *http.Request) {
	var in CreateInput
	if err := httpx.Decode(r, &in); err != nil {
		httpx.Error(w, r, err)
		return
	}
	rv, err := h.svc.Create(r.Context(), httpx.UserID(r.Context()), in)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, rv)
}

func (h *Handler) reply(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Reply string `json:"reply"`
	}
	if err := httpx.Decode(r, &in); err != nil {
		httpx.Error(w, r, err)
		return
	}
	shopID, err := h.myShop(r.Context(), httpx.UserID(r.Context()))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	if err := h.svc.Reply(r.Context(), shopID, r.PathValue("id"), in.Reply); err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
