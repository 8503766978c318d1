// Package httpapi exposes SIM inventory operations to back-office tools.
package httpapi

import (
	"net/http"

	"mvno.telco/core/models"
	"mvno.telco/core/platform/httpx"
	"mvno.telco/core/sims"
)

type Handlers struct{ svc *sims.Service }

func New(svc *sims.Service) *Handlers { return &Handlers{svc: svc} }

func (h *Handlers) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /v1/sims/batches", h.importBatch)
	mux.HandleFunc("POST /v1/subscribers/{id}/sim-swap", h.swap)
}

func (h *Handlers) importBatch(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Vendor string           `json:"vendor"`
		Cards  []models.SimCard `json:"cards"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	id, err := h.svc.ImportBatch(r.Context(), req.Vendor, req.Cards)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusCreated, map[string]any{"batch_id": id, "count": len(req.Cards)})
}

func (h *Handlers) swap(w http.ResponseWriter, r *http.Request) {
	var req struct {
		ICCID string `json:"iccid"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	c, err := h.svc.Swap(r.Context(), r.PathValue("id"), req.ICCID)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, c)
}
