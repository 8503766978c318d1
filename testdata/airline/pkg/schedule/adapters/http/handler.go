// Package http serves flight search and flight operations endpoints.
package http

import (
	"net/http"
	"strconv"
	"time"

	"skyhop.aero/backend/pkg/models"
	"skyhop.aero/backend/pkg/platform/errs"
	"skyhop.aero/backend/pkg/platform/httpx"
	"skyhop.aero/backend/pkg/schedule"
)

type Handler struct{ Svc *schedule.Service }

func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /flights", h.search)
	mux.HandleFunc("GET /flights/{id}", h.get)
	mux.HandleFunc("GET /flights/{id}/availability", h.availability)
	mux.HandleFunc("POST /ops/flights/{id}/delay", h.delay)
	mux.HandleFunc("POST /ops/flights/{id}/cancel", h.cancel)
	mux.HandleFunc("POST /ops/flights/{id}/status", h.status)
}

func flightID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return 0, errs.Invalid("flight", "bad flight id %q", r.PathValue("id"))
	}
	return id, nil
}

func (h *Handler) search(w http.ResponseWriter, r *http.Request) {
	date, err := httpx.QueryDate(r, "date")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	q := r.URL.Query()
	fs, err := h.Svc.Search(r.Context(), q.Get("from"), q.Get("to"), date)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, fs)
}

func (h *Handler) get(w http.ResponseWriter, r *http.Request) {
	id, err := flightID(r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	f, err := h.Svc.Flight(r.Context(), id)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, f)
}

func (h *Handler) availability(w http.ResponseWriter, r *http.Request) {
	id, err := flightID(r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	a, err := h.Svc.Inventory.Availability(r.Context(), id)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, a)
}

func (h *Handler) delay(w http.ResponseWriter, r *http.Request) {
	id, err := flightID(r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	var req struct {
		ETD time.Time `json:"etd"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	if err := h.Svc.Delay(r.Context(), id, req.ETD); err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *Handler) cancel(w http.ResponseWriter, r *http.Request) {
	id, err := flightID(r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	var req struct {
		Reason string `json:"reason"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	if err := h.Svc.Cancel(r.Context(), id, req.Reason); err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *Handler) status(w http.ResponseWriter, r *http.Request) {
	id, err := flightID(r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	var req struct {
		Status models.FlightStatus `json:"status"`
		Gate   string              `json:"gate"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	if err := h.Svc.SetStatus(r.Context(), id, req.Status, req.Gate); err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
