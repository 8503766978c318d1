// Package httpapi exposes shop endpoints under /v1/shops.
package httpapi

import (
	"net/http"

	"loomly.com/api/internal/shops/service"
	"loomly.com/api/internal/shops/shop"
	"loomly.com/api/platform/httpx"
)

type Handler struct{ svc *service.Service }

func New(svc *service.Service) *Handler { return &Handler{svc: svc} }

func (h *Handler) Register(mux *http.ServeMux, auth func(http.Handler) http.Handler) {
	mux.HandleFunc("GET /v1/shops/{slug}", h.getShop)
	mux.Handle("POST /v1/shops", auth(http.HandlerFunc(h.openShop)))
	mux.Handle("GET /v1/me/shop", auth(http.HandlerFunc(h.myShop)))
	mux.Handle("GET /v1/me/shop/dashboard", auth(http.HandlerFunc(h.dashboard)))
	mux.Handle("PUT /v1/me/shop/vacation", auth(http.HandlerFunc(h.vacation)))
	mux.Handle("PUT /v1/me/shop/policy", auth(http.HandlerFunc(h.policy)))
}

type shopResponse struct {
	ID      string `json:"id"`
	Slug    string `json:"slug"`
	Name    string `json:"name"`
	Tagline string `json:"tagline"`
	Country string `json:"country"`
	Status  string `json:"status"`
	Notice  string `json:"vacation_notice,omitempty"`
}

func toResponse(s *shop.Shop) shopResponse {
	return shopResponse{ID: s.ID, Slug: s.Slug, Name: s.Name, Tagline: s.Tagline,
		Country: s.Country, Status: string(s.Status), Notice: s.VacationNotice}
}

func (h *Handler) getShop(w http.ResponseWriter, r *http.Request) {
	s, err := h.svc.GetBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, toResponse(s))
}

func (h *Handler) openShop(w http.ResponseWriter, r *http.Request) {
	var in service.OpenShopInput
	if err := httpx.Decode(r, &in); err != nil {
		httpx.Error(w, r, err)
		return
	}
	s, err := h.svc.OpenShop(r.Context(), httpx.UserID(r.Context()), in)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, toResponse(s))
}

func (h *Handler) myShop(w http.ResponseWriter, r *http.Request) {
	s, err := h.svc.MyShop(r.Context(), httpx.UserID(r.Context()))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, toResponse(s))
}

func (h *Handler) dashboard(w http.ResponseWriter, r *http.Request) {
	d, err := h.svc.Dashboard(r.Context(), httpx.UserID(r.Context()))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"shop": toResponse(d.Shop), "stats": d.Stats})
}

func (h *Handler) vacation(w http.ResponseWriter, r *http.Request) {
	var in struct {
		On     bool   `json:"on"`
		Notice string `json:"notice"`
	}
	if err := httpx.Decode(r, &in); err != nil {
		httpx.Error(w, r, err)
		return
	}
	s, err := h.svc.SetVacation(r.Context(), httpx.UserID(r.Context()), in.On, in.Notice)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, toResponse(s))
}

func (h *Handler) policy(w http.ResponseWriter, r *http.Request) {
	var in struct {
		ProcessingDays   int      `json:"processing_days"`
		AcceptsReturns   bool     `json:"accepts_returns"`
		ReturnWindowDays int      `json:"return_window_days"`
		ShipsTo          []string `json:"ships_to"`
	}
	if err := httpx.Decode(r, &in); err != nil {
		httpx.Error(w, r, err)
		return
	}
	p := shop.Policy{ProcessingDays: in.ProcessingDays, AcceptsReturns: in.AcceptsReturns,
		ReturnWindowDay: in.ReturnWindowDays, ShipsTo: in.ShipsTo}
	if err := h.svc.UpdatePolicy(r.Context(), httpx.UserID(r.Context()), p); err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
