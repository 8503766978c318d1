// Package shipment exposes the merchant booking API and the depot scan API.
package shipment

import (
	"net/http"

	appshipment "parcelgo.com/platform/application/shipment"
	"parcelgo.com/platform/interfaces/http/httpx"
)

type Handler struct{ svc *appshipment.Service }

func NewHandler(svc *appshipment.Service) *Handler { return &Handler{svc: svc} }

func (h *Handler) RegisterMerchant(mux *http.ServeMux) {
	mux.HandleFunc("POST /v1/shipments", h.book)
	mux.HandleFunc("GET /v1/shipments/{id}", h.get)
	mux.HandleFunc("POST /v1/shipments/{id}/cancel", h.cancel)
	mux.HandleFunc("GET /v1/shipments/{id}/label", h.label)
}

func (h *Handler) RegisterOps(mux *http.ServeMux) {
	mux.HandleFunc("POST /v1/ops/scans/inbound", h.inbound)
}

func (h *Handler) book(w http.ResponseWriter, r *http.Request) {
	mid, err := httpx.MerchantID(r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	var cmd appshipment.BookCommand
	if err := httpx.Decode(r, &cmd); err != nil {
		httpx.Error(w, r, err)
		return
	}
	cmd.MerchantID = mid
	sh, err := h.svc.Book(r.Context(), cmd)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, sh)
}

func (h *Handler) get(w http.ResponseWriter, r *http.Request) {
	mid, err := httpx.MerchantID(r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	sh, err := h.svc.Get(r.Context(), mid, r.PathValue("id"))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, sh)
}

func (h *Handler) cancel(w http.ResponseWriter, r *http.Request) {
	mid, err := httpx.MerchantID(r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	if err := h.svc.Cancel(r.Context(), mid, r.PathValue("id")); err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *Handler) label(w http.ResponseWriter, r *http.Request) {
	mid, err := httpx.MerchantID(r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	body, ct, err := h.svc.Label(r.Context(), mid, r.PathValue("id"), r.URL.Query().Get("format"))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", ct)
	_, _ = w.Write(body)
}

func (h *Handler) inbound(w http.ResponseWriter, r *http.Request) {
	var body struct {
		TrackingNumber string `json:"tracking_number"`
		DepotID        string `json:"depot_id"`
	}
	if err := httpx.Decode(r, &body); err != nil {
		httpx.Error(w, r, err)
		return
	}
	sh, err := h.svc.InboundScan(r.Context(), body.TrackingNumber, body.DepotID)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, map[string]string{"status": string(sh.Status), "depot_id": sh.DepotID})
}
