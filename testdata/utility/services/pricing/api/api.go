// Package api exposes tariffs and tariff changes over HTTP.
package api

import (
	"net/http"
	"time"

	"gridline.energy/platform/core/accounts/sites"
	"gridline.energy/platform/kit/errs"
	"gridline.energy/platform/kit/httpx"
	"gridline.energy/platform/services/pricing/service"
)

type Handler struct {
	svc   *service.Service
	sites *sites.Service
}

func New(svc *service.Service, st *sites.Service) *Handler { return &Handler{svc: svc, sites: st} }

func (h *Handler) Register(r httpx.Router) {
	ok := http.StatusOK
	r.HandleFunc("GET /tariffs/{code}", httpx.Handle(ok, func(r *http.Request) (any, error) {
		return h.svc.Tariff(r.Context(), r.PathValue("code"))
	}))
	r.HandleFunc("POST /sites/{id}/tariff", httpx.Handle(ok, h.change))
}

func (h *Handler) change(r *http.Request) (any, error) {
	var req struct {
		TariffCode string `json:"tariff_code"`
		From       string `json:"from"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		return nil, err
	}
	from, err := httpx.Date("from", req.From)
	if err != nil || from.Before(time.Now().Truncate(24*time.Hour)) {
		return nil, errs.Invalid("tariff", "from must be today or later, YYYY-MM-DD")
	}
	site, err := h.sites.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	return h.svc.Change(r.Context(), site.ID, site.Fuel, req.TariffCode, from)
}
