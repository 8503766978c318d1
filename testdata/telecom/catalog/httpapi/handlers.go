// Package httpapi exposes the catalog over HTTP.
package httpapi

import (
	"net/http"

	"mvno.telco/core/catalog"
	"mvno.telco/core/models"
	"mvno.telco/core/platform/httpx"
)

type Handlers struct{ svc *catalog.Service }

func New(svc *catalog.Service) *Handlers { return &Handlers{svc: svc} }

func (h *Handlers) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /v1/plans", h.listPlans)
	mux.HandleFunc("GET /v1/plans/{code}", h.getPlan)
	mux.HandleFunc("GET /v1/plans/{code}/addons", h.planAddOns)
	mux.HandleFunc("POST /v1/plans", h.createPlan)
	mux.HandleFunc("POST /v1/plans/{code}/activate", h.activatePlan)
	mux.HandleFunc("DELETE /v1/plans/{code}", h.retirePlan)
}

func (h *Handlers) listPlans(w http.ResponseWriter, r *http.Request) {
	plans, err := h.svc.Plans(r.Context(), r.URL.Query().Get("payment_mode"))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"plans": plans})
}

func (h *Handlers) getPlan(w http.ResponseWriter, r *http.Request) {
	p, err := h.svc.Plan(r.Context(), r.PathValue("code"))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, p)
}

func (h *Handlers) planAddOns(w http.ResponseWriter, r *http.Request) {
	a, err := h.svc.AddOnsForPlan(r.Context(), r.PathValue("code"))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"addons": a})
}

func (h *Handlers) createPlan(w http.ResponseWriter, r *http.Request) {
	var p models.Plan
	if err := httpx.Decode(r, &p); err != nil {
		httpx.Error(w, r, err)
		return
	}
	if err := h.svc.CreatePlan(r.Context(), p); err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusCreated, p)
}

func (h *Handlers) activatePlan(w http.ResponseWriter, r *http.Request) {
	if err := h.svc.ActivatePlan(r.Context(), r.PathValue("code")); err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *Handlers) retirePlan(w http.ResponseWriter, r *http.Request) {
	if err := h.svc.RetirePlan(r.Context(), r.PathValue("code")); err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
