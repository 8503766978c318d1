// Package handlers serves the accounts API used by the agent desktop and the
// customer app: open/close accounts, contact details, sites and the PSR.
package handlers

import (
	"net/http"

	"gridline.energy/platform/core/accounts"
	"gridline.energy/platform/core/accounts/priority"
	"gridline.energy/platform/core/accounts/sites"
	"gridline.energy/platform/core/billing/invoice"
	"gridline.energy/platform/core/models"
	"gridline.energy/platform/kit/httpx"
)

type Handler struct {
	svc      *accounts.Service
	sites    *sites.Service
	psr      *priority.Register
	invoices *invoice.Store
}

func New(svc *accounts.Service, st *sites.Service, psr *priority.Register, inv *invoice.Store) *Handler {
	return &Handler{svc: svc, sites: st, psr: psr, invoices: inv}
}

func (h *Handler) Register(r httpx.Router) {
	ok, created := http.StatusOK, http.StatusCreated
	r.HandleFunc("POST /accounts", httpx.Handle(created, h.open))
	r.HandleFunc("GET /accounts/{id}", httpx.Handle(ok, func(r *http.Request) (any, error) {
		return h.svc.Get(r.Context(), r.PathValue("id"))
	}))
	r.HandleFunc("GET /accounts/{id}/summary", httpx.Handle(ok, h.summary))
	r.HandleFunc("POST /accounts/{id}/close", httpx.Handle(ok, func(r *http.Request) (any, error) {
		return nil, h.svc.Close(r.Context(), r.PathValue("id"))
	}))
	r.HandleFunc("GET /accounts/{id}/sites", httpx.Handle(ok, func(r *http.Request) (any, error) {
		return h.sites.ForAccount(r.Context(), r.PathValue("id"))
	}))
	r.HandleFunc("POST /accounts/{id}/sites", httpx.Handle(created, h.addSite))
	r.HandleFunc("GET /accounts/{id}/priority-needs", httpx.Handle(ok, func(r *http.Request) (any, error) {
		return h.psr.For(r.Context(), r.PathValue("id"))
	}))
	r.HandleFunc("POST /accounts/{id}/priority-needs", httpx.Handle(created, h.addNeed))
}

func (h *Handler) open(r *http.Request) (any, error) {
	var req accounts.OpenRequest
	if err := httpx.Decode(r, &req); err != nil {
		return nil, err
	}
	return h.svc.Open(r.Context(), req)
}

// summary is the agent desktop's landing view of a customer.
func (h *Handler) summary(r *http.Request) (any, error) {
	ctx, id := r.Context(), r.PathValue("id")
	a, err := h.svc.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	cust, err := h.svc.Holder(ctx, id)
	if err != nil {
		return nil, err
	}
	ss, err := h.sites.ForAccount(ctx, id)
	if err != nil {
		return nil, err
	}
	needs, err := h.psr.For(ctx, id)
	if err != nil {
		return nil, err
	}
	bills, err := h.invoices.ForAccount(ctx, id, 3)
	if err != nil {
		return nil, err
	}
	return map[string]any{"account": a, "customer": cust, "sites": ss, "priority_needs": needs, "recent_bills": bills}, nil
}

func (h *Handler) addSite(r *http.Request) (any, error) {
	var s models.Site
	if err := httpx.Decode(r, &s); err != nil {
		return nil, err
	}
	s.AccountID = r.PathValue("id")
	if _, err := h.svc.Get(r.Context(), s.AccountID); err != nil {
		return nil, err
	}
	return h.sites.Add(r.Context(), s)
}

func (h *Handler) addNeed(r *http.Request) (any, error) {
	var req struct {
		Code    string `json:"code"`
		Note    string `json:"note"`
		Expires string `json:"expires"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		return nil, err
	}
	n := models.PriorityNeed{AccountID: r.PathValue("id"), Code: req.Code, Note: req.Note}
	exp, err := httpx.Date("expires", req.Expires)
	if err != nil {
		return nil, err
	}
	if !exp.IsZero() {
		n.Expires = &exp
	}
	return n, h.psr.Add(r.Context(), n)
}
