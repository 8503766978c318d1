// Package billing exposes quotes and invoices to merchants and payment
// reconciliation to finance.
package billing

import (
	"net/http"

	appbilling "parcelgo.com/platform/application/billing"
	"parcelgo.com/platform/interfaces/http/httpx"
)

type Handler struct{ svc *appbilling.Service }

func NewHandler(svc *appbilling.Service) *Handler { return &Handler{svc: svc} }

func (h *Handler) RegisterMerchant(mux *http.ServeMux) {
	mux.HandleFunc("GET /v1/invoices/{id}", h.get)
}

func (h *Handler) get(w http.ResponseWriter, r *http.Request) {
	mid, err := httpx.MerchantID(r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	inv, err := h.svc.Invoice(r.Context(), mid, r.PathValue("id"))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, inv)
}
