// Package api serves dispute endpoints for buyers, sellers and admins.
package api

import (
	"net/http"

	"loomly.com/api/internal/disputes"
	shopsvc "loomly.com/api/internal/shops/service"
	"loomly.com/api/platform/errs"
	"loomly.com/api/platform/httpx"
)

type Handler struct {
	svc   *disputes.Service
	shops *shopsvc.Service
}

func New(svc *disputes.Service, shops *shopsvc.Service) *Handler {
	return &Handler{svc: svc, shops: shops}
}

func (h *Handler) Register(mux *http.ServeMux, auth func(http.Handler) http.Handler) {
	mux.Handle("POST /v1/orders/{id}/disputes", auth(http.HandlerFunc(h.open)))
	mux.Handle("GET /v1/disputes/{id}", auth(http.HandlerFunc(h.get)))
	mux.Handle("POST /v1/disputes/{id}/resolve", auth(http.HandlerFunc(h.resolve)))
}

func (h *Handler) open(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Reason  disputes.Reason `json:"reason"`
		Details string          `json:"details"`
	}
	if err := httpx.Decode(r, &in); err != nil {
		httpx.Error(w, r, err)
		return
	}
	d, err := h.svc.Open(r.Context(), httpx.UserID(r.Context()), r.PathValue("id"), in.Reason, in.Details)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, d)
}

func (h *Handler) visible(r *http.Request, d *disputes.Dispute) bool {
	uid := httpx.UserID(r.Context())
	if d.BuyerID == uid {
		return true
	}
	_, err := h.shops.EnsureOwner(r.Context(), d.ShopID, uid)
	return err == nil
}

func (h *Handler) get(w http.ResponseWriter, r *http.Request) {
	d, err := h.svc.Get(r.Context(), r.PathValue("id"))
	if err == nil && !h.visible(r, d) {
		err = errs.NotFound("disputes.get", "dispute")
	}
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, d)
}

// resolve: the seller may accept (refund) a dispute on their own shop.
func (h *Handler) resolve(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Resolution string `json:"resolution"`
		Refund     bool   `json:"refund"`
	}
	if err := httpx.Decode(r, &in); err != nil {
		httpx.Error(w, r, err)
		return
	}
	d, err := h.svc.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	if _, err := h.shops.EnsureOwner(r.Context(), d.ShopID, httpx.UserID(r.Context())); err != nil {
		httpx.Error(w, r, err)
		return
	}
	if !in.Refund {
		httpx.Error(w, r, errs.Invalid("disputes.resolve", "sellers can only resolve by refunding; contact support otherwise"))
		return
	}
	d, err = h.svc.Resolve(r.Context(), d.ID, in.Resolution, true)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, d)
}
