// Package handlers serves the contact-centre ticket API.
package handlers

import (
	"net/http"

	"gridline.energy/platform/core/accounts"
	"gridline.energy/platform/core/support"
	"gridline.energy/platform/kit/httpx"
	paystore "gridline.energy/platform/services/payments/store"
)

type Handler struct {
	svc      *support.Service
	accounts *accounts.Service
	payments *paystore.Store
}

func New(s *support.Service, acc *accounts.Service, ps *paystore.Store) *Handler {
	return &Handler{svc: s, accounts: acc, payments: ps}
}

func (h *Handler) Register(r httpx.Router) {
	ok := http.StatusOK
	r.HandleFunc("POST /tickets", httpx.Handle(http.StatusCreated, h.open))
	r.HandleFunc("GET /tickets", httpx.Handle(ok, func(r *http.Request) (any, error) {
		return h.svc.Queue(r.Context(), r.URL.Query().Get("assignee"), 50)
	}))
	r.HandleFunc("GET /tickets/{id}", httpx.Handle(ok, h.get))
	r.HandleFunc("POST /tickets/{id}/assign", httpx.Handle(ok, h.assign))
	r.HandleFunc("POST /tickets/{id}/resolve", httpx.Handle(ok, h.resolve))
}

func (h *Handler) open(r *http.Request) (any, error) {
	var req support.OpenRequest
	if err := httpx.Decode(r, &req); err != nil {
		return nil, err
	}
	if req.AccountID != "" {
		if _, err := h.accounts.Get(r.Context(), req.AccountID); err != nil {
			return nil, err
		}
	}
	return h.svc.Open(r.Context(), req)
}

// get returns the ticket with the context an agent needs on one screen.
func (h *Handler) get(r *http.Request) (any, error) {
	ctx := r.Context()
	t, err := h.svc.Get(ctx, r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	out := map[string]any{"ticket": t}
	if t.AccountID != "" {
		if acc, err := h.accounts.Get(ctx, t.AccountID); err == nil {
			out["account"] = acc
		}
		if ps, err := h.payments.ForAccount(ctx, t.AccountID, 5); err == nil {
			out["recent_payments"] = ps
		}
	}
	return out, nil
}

func (h *Handler) assign(r *http.Request) (any, error) {
	var req struct {
		Agent string `json:"agent"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		return nil, err
	}
	return nil, h.svc.Assign(r.Context(), r.PathValue("id"), req.Agent)
}

func (h *Handler) resolve(r *http.Request) (any, error) {
	var req struct {
		Resolution string `json:"resolution"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		return nil, err
	}
	return nil, h.svc.Resolve(r.Context(), r.PathValue("id"), req.Resolution)
}
