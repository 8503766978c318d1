// Package api exposes switch-in requests and switch status.
package api

import (
	"net/http"

	"gridline.energy/platform/kit/httpx"
	"gridline.energy/platform/services/switching/flows"
)

type Handler struct{ flows *flows.Service }

func New(f *flows.Service) *Handler { return &Handler{flows: f} }

func (h *Handler) Register(r httpx.Router) {
	r.HandleFunc("POST /sites/{id}/switch-in", httpx.Handle(http.StatusAccepted, h.gain))
	r.HandleFunc("GET /switches/{id}", httpx.Handle(http.StatusOK, func(r *http.Request) (any, error) {
		return h.flows.Get(r.Context(), r.PathValue("id"))
	}))
}

func (h *Handler) gain(r *http.Request) (any, error) {
	var req struct {
		Date       string `json:"switch_date"`
		TariffCode string `json:"tariff_code"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		return nil, err
	}
	date, err := httpx.Date("switch_date", req.Date)
	if err != nil {
		return nil, err
	}
	return h.flows.RequestGain(r.Context(), flows.GainRequest{SiteID: r.PathValue("id"), SwitchDate: date, TariffCode: req.TariffCode})
}
