// Package addressing exposes address validation to merchants and zone
// administration to ops. There is no application layer for this context.
package addressing

import (
	"net/http"

	da "parcelgo.com/platform/domain/addressing"
	"parcelgo.com/platform/domain/model"
	pa "parcelgo.com/platform/infrastructure/persistence/addressing"
	"parcelgo.com/platform/interfaces/http/httpx"
)

type Handler struct {
	svc   *da.Service
	store *pa.Store
}

func NewHandler(svc *da.Service, store *pa.Store) *Handler { return &Handler{svc: svc, store: store} }

// RegisterMerchant mounts merchant-facing routes.
func (h *Handler) RegisterMerchant(mux *http.ServeMux) {
	mux.HandleFunc("POST /v1/addresses/validate", h.validate)
}

// RegisterAdmin mounts ops routes.
func (h *Handler) RegisterAdmin(mux *http.ServeMux) {
	mux.HandleFunc("GET /v1/admin/zones", h.zones)
}

func (h *Handler) validate(w http.ResponseWriter, r *http.Request) {
	var a model.Address
	if err := httpx.Decode(r, &a); err != nil {
		httpx.Error(w, r, err)
		return
	}
	res, err := h.svc.Validate(r.Context(), a)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, res)
}

func (h *Handler) zones(w http.ResponseWriter, r *http.Request) {
	zs, err := h.store.Zones(r.Context(), r.URL.Query().Get("country"))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, zs)
}
