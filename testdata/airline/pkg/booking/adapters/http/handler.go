// Package http is the booking API used by the web site, app and call centre.
package http

import (
	"net/http"
	"strings"

	"skyhop.aero/backend/pkg/booking"
	"skyhop.aero/backend/pkg/payments"
	"skyhop.aero/backend/pkg/platform/errs"
	"skyhop.aero/backend/pkg/platform/httpx"
)

type Handler struct {
	Svc      *booking.Service
	Payments *payments.Service
}

func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /bookings", h.create)
	mux.HandleFunc("GET /bookings/{locator}", h.get)
	mux.HandleFunc("POST /bookings/{locator}/payments", h.pay)
	mux.HandleFunc("DELETE /bookings/{locator}", h.cancel)
}

func (h *Handler) create(w http.ResponseWriter, r *http.Request) {
	var req booking.CreateRequest
	if err := httpx.Decode(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	p, err := h.Svc.Create(r.Context(), req)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, p)
}

func (h *Handler) get(w http.ResponseWriter, r *http.Request) {
	p, err := h.Svc.Get(r.Context(), strings.ToUpper(r.PathValue("locator")))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	// Manage-booking requires the surname as a second factor.
	if ln := r.URL.Query().Get("last_name"); ln != "" {
		found := false
		for _, px := range p.Passengers {
			if strings.EqualFold(px.LastName, ln) {
				found = true
			}
		}
		if !found {
			httpx.Error(w, r, errs.NotFound("booking.get", "booking not found"))
			return
		}
	}
	httpx.JSON(w, http.StatusOK, p)
}

// pay charges the card and confirms the booking. If confirmation fails after
// a successful charge the amount is refunded straight away.
func (h *Handler) pay(w http.ResponseWriter, r *http.Request) {
	var req struct {
		CardToken string `json:"card_token"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	loc := strings.ToUpper(r.PathValue("locator"))
	p, err := h.Svc.Get(r.Context(), loc)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	id, err := h.Payments.Charge(r.Context(), loc, req.CardToken, p.Total)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	if err := h.Svc.Confirm(r.Context(), loc, p.Total); err != nil {
		_, _ = h.Payments.Refund(r.Context(), loc, p.Total, "confirmation failed")
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, map[string]string{"payment_id": id, "status": "CONFIRMED"})
}

func (h *Handler) cancel(w http.ResponseWriter, r *http.Request) {
	if err := h.Svc.Cancel(r.Context(), strings.ToUpper(r.PathValue("locator")), "customer"); err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
