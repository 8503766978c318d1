// Package http exposes crew rostering to the ops tools.
package http

import (
	"net/http"
	"strconv"
	"time"

	"skyhop.aero/backend/pkg/crew"
	"skyhop.aero/backend/pkg/platform/errs"
	"skyhop.aero/backend/pkg/platform/httpx"
)

type Handler struct{ Svc *crew.Service }

func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /ops/crew/assignments", h.assign)
	mux.HandleFunc("DELETE /ops/crew/assignments/{id}", h.unassign)
	mux.HandleFunc("GET /ops/flights/{id}/crew", h.crewOnFlight)
	mux.HandleFunc("POST /ops/crew/roster/publish", h.publish)
}

func (h *Handler) assign(w http.ResponseWriter, r *http.Request) {
	var req struct {
		EmployeeID string `json:"employee_id"`
		FlightID   int64  `json:"flight_id"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	a, err := h.Svc.Assign(r.Context(), req.EmployeeID, req.FlightID)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, a)
}

func (h *Handler) unassign(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		httpx.Error(w, r, errs.Invalid("crew.unassign", "bad id"))
		return
	}
	if err := h.Svc.Unassign(r.Context(), id); err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *Handler) crewOnFlight(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		httpx.Error(w, r, errs.Invalid("crew.list", "bad flight id"))
		return
	}
	c, err := h.Svc.Crew(r.Context(), id)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, c)
}

func (h *Handler) publish(w http.ResponseWriter, r *http.Request) {
	from, err := httpx.QueryDate(r, "from")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	days := httpx.QueryInt(r, "days", 28)
	n, err := h.Svc.Publish(r.Context(), from, from.Add(time.Duration(days)*24*time.Hour))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, map[string]int{"crew_notified": n})
}
