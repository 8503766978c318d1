// Package holds serves hold placement and queue endpoints.
package holds

import (
	"net/http"
	"strconv"

	"citylib.org/ils/httputil"
	"citylib.org/ils/models"
	svc "citylib.org/ils/services/holds"
)

type Handler struct {
	svc *svc.Service
}

func New(s *svc.Service) *Handler { return &Handler{svc: s} }

func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /holds", h.place)
	mux.HandleFunc("DELETE /holds/{id}", h.cancel)
}

func (h *Handler) place(w http.ResponseWriter, r *http.Request) {
	var req models.PlaceHoldRequest
	if err := httputil.DecodeJSON(r, &req); err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	hold, err := h.svc.Place(r.Context(), req)
	if err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	httputil.WriteJSON(w, http.StatusCreated, hold)
}

func (h *Handler) cancel(w http.ResponseWriter, r *http.Request) {
	id, err := httputil.PathID(r, "id")
	if err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	// Patron apps pass their member id; staff may cancel any hold.
	member, _ := strconv.ParseInt(r.URL.Query().Get("member"), 10, 64)
	if err := h.svc.Cancel(r.Context(), id, member); err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
