// Package branches exposes branch information over HTTP.
package branches

import (
	"net/http"
	"time"

	"citylib.org/ils/apperr"
	"citylib.org/ils/httputil"
	svc "citylib.org/ils/services/branches"
)

type Handler struct {
	svc *svc.Service
}

func New(s *svc.Service) *Handler { return &Handler{svc: s} }

func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /branches", h.list)
	mux.HandleFunc("GET /branches/{id}/hours", h.hours)
	mux.HandleFunc("POST /branches/{id}/closures", h.close)
}

func (h *Handler) list(w http.ResponseWriter, r *http.Request) {
	bs, err := h.svc.List(r.Context())
	if err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	httputil.WriteJSON(w, http.StatusOK, bs)
}

func (h *Handler) hours(w http.ResponseWriter, r *http.Request) {
	id, err := httputil.PathID(r, "id")
	if err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	hours, err := h.svc.Hours(r.Context(), id)
	if err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	open, err := h.svc.OpenDays(r.Context(), id, time.Now(), 14)
	if err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	httputil.WriteJSON(w, http.StatusOK, map[string]any{"hours": hours, "next_14_days_open": open})
}

func (h *Handler) close(w http.ResponseWriter, r *http.Request) {
	id, err := httputil.PathID(r, "id")
	if err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	var body struct {
		Day    string `json:"day"`
		Reason string `json:"reason"`
	}
	if err := httputil.DecodeJSON(r, &body); err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	day, err := time.Parse(time.DateOnly, body.Day)
	if err != nil {
		httputil.WriteError(w, r, apperr.Invalid("bad_day", "day must be YYYY-MM-DD"))
		return
	}
	c, err := h.svc.Close(r.Context(), id, day, body.Reason)
	if err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	httputil.WriteJSON(w, http.StatusCreated, c)
}
