// Package httpapi exposes invoices and the manual bill run.
package httpapi

import (
	"net/http"
	"time"

	"mvno.telco/core/billing"
	"mvno.telco/core/billing/cycle"
	"mvno.telco/core/platform/httpx"
)

type Handlers struct {
	svc    *billing.Service
	runner *cycle.Runner
}

func New(svc *billing.Service, runner *cycle.Runner) *Handlers {
	return &Handlers{svc: svc, runner: runner}
}

func (h *Handlers) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /v1/subscribers/{id}/invoices", h.list)
	mux.HandleFunc("GET /v1/invoices/{id}", h.get)
	mux.HandleFunc("POST /v1/invoices/{id}/void", h.void)
	mux.HandleFunc("POST /v1/admin/bill-runs", h.billRun)
}

func (h *Handlers) list(w http.ResponseWriter, r *http.Request) {
	p := httpx.ParsePage(r)
	invs, err := h.svc.Invoices(r.Context(), r.PathValue("id"), p.Limit)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"invoices": invs})
}

func (h *Handlers) get(w http.ResponseWriter, r *http.Request) {
	inv, err := h.svc.Invoice(r.Context(), r.PathValue("id"))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, inv)
}

func (h *Handlers) void(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Reason string `json:"reason"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	if err := h.svc.Void(r.Context(), r.PathValue("id"), req.Reason); err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *Handlers) billRun(w http.ResponseWriter, r *http.Request) {
	day, err := httpx.QueryTime(r, "date", time.Now().UTC())
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	st, err := h.runner.Run(r.Context(), day)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, st)
}
