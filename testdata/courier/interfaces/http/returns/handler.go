// Package returns exposes the public returns portal and merchant return management.
package returns

import (
	"net/http"

	appreturns "parcelgo.com/platform/application/returns"
	"parcelgo.com/platform/interfaces/http/httpx"
)

type Handler struct{ svc *appreturns.Service }

func NewHandler(svc *appreturns.Service) *Handler { return &Handler{svc: svc} }

func (h *Handler) RegisterPublic(mux *http.ServeMux) {
	mux.HandleFunc("POST /v1/returns", h.request)
}

func (h *Handler) RegisterMerchant(mux *http.ServeMux) {
	mux.HandleFunc("POST /v1/merchant/returns/{id}/approve", h.approve)
}

func (h *Handler) request(w http.ResponseWriter, r *http.Request) {
	var cmd appreturns.RequestCommand
	if err := httpx.Decode(r, &cmd); err != nil {
		httpx.Error(w, r, err)
		return
	}
	req, err := h.svc.Request(r.Context(), cmd)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, map[string]string{"id": req.ID, "rma": req.RMA, "status": string(req.Status)})
}

func (h *Handler) approve(w http.ResponseWriter, r *http.Request) {
	mid, err := httpx.MerchantID(r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	req, err := h.svc.Approve(r.Context(), mid, r.PathValue("id"))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, req)
}
