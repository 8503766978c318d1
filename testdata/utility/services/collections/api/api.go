// Package api exposes debt cases and payment plans to the collections team.
package api

import (
	"net/http"

	"gridline.energy/platform/kit/errs"
	"gridline.energy/platform/kit/httpx"
	"gridline.energy/platform/services/collections/plans"
	"gridline.energy/platform/services/collections/store"
)

type Handler struct {
	store *store.Store
	plans *plans.Service
}

func New(s *store.Store, p *plans.Service) *Handler { return &Handler{store: s, plans: p} }

func (h *Handler) Register(r httpx.Router) {
	r.HandleFunc("GET /debt-cases", httpx.Handle(http.StatusOK, func(r *http.Request) (any, error) {
		return h.store.Cases(r.Context(), r.URL.Query().Get("stage"), httpx.QueryInt(r, "limit", 100))
	}))
	r.HandleFunc("GET /accounts/{id}/payment-plan", httpx.Handle(http.StatusOK, func(r *http.Request) (any, error) {
		p, err := h.plans.Active(r.Context(), r.PathValue("id"))
		if err == nil && p == nil {
			err = errs.NotFound("plan", "no active plan")
		}
		return p, err
	}))
	r.HandleFunc("POST /accounts/{id}/payment-plan", httpx.Handle(http.StatusCreated, func(r *http.Request) (any, error) {
		p, err := proposal(r)
		if err != nil {
			return nil, err
		}
		return h.plans.Agree(r.Context(), r.PathValue("id"), p)
	}))
}

func proposal(r *http.Request) (plans.Proposal, error) {
	var req struct {
		Count     int    `json:"count"`
		Frequency string `json:"frequency"`
		Start     string `json:"start"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		return plans.Proposal{}, err
	}
	start, err := httpx.Date("start", req.Start)
	return plans.Proposal{Count: req.Count, Frequency: req.Frequency, Start: start}, err
}
