// Package api exposes staff, scheduling and the timeclock over HTTP.
package api

import (
	"net/http"
	"time"

	"tablecraft.io/ops/internal/platform/httpx"
	"tablecraft.io/ops/internal/platform/money"
	"tablecraft.io/ops/internal/staff/employees"
	"tablecraft.io/ops/internal/staff/schedule"
	"tablecraft.io/ops/internal/staff/timeclock"
	"tablecraft.io/ops/models"
)

// Handler serves /staff routes.
type Handler struct {
	Employees *employees.Service
	Schedule  *schedule.Service
	Clock     *timeclock.Service
}

// Routes registers the handlers.
func (h *Handler) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /locations/{loc}/employees", h.list)
	mux.HandleFunc("POST /employees", h.hire)
	mux.HandleFunc("DELETE /employees/{id}", h.terminate)
	mux.HandleFunc("GET /locations/{loc}/schedule", h.week)
	mux.HandleFunc("POST /shifts", h.addShift)
	mux.HandleFunc("POST /locations/{loc}/schedule/publish", h.publish)
	mux.HandleFunc("POST /timeclock/in", h.clockIn)
	mux.HandleFunc("POST /timeclock/out", h.clockOut)
	mux.HandleFunc("GET /locations/{loc}/timeclock", h.onClock)
}

func (h *Handler) list(w http.ResponseWriter, r *http.Request) {
	loc, err := httpx.PathID(r, "loc")
	if err != nil {
		httpx.Error(w, err)
		return
	}
	es, err := h.Employees.AtLocation(r.Context(), loc)
	if err != nil {
		httpx.Error(w, err)
		return
	}
	httpx.JSON(w, http.StatusOK, es)
}

func (h *Handler) hire(w http.ResponseWriter, r *http.Request) {
	var body struct {
		models.Employee
		PIN string `json:"pin"`
	}
	if err := httpx.Decode(r, &body); err != nil {
		httpx.Error(w, err)
		return
	}
	if err := h.Employees.Hire(r.Context(), &body.Employee, body.PIN); err != nil {
		httpx.Error(w, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, body.Employee)
}

func (h *Handler) terminate(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		httpx.Error(w, err)
		return
	}
	if err := h.Employees.Terminate(r.Context(), id); err != nil {
		httpx.Error(w, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *Handler) week(w http.ResponseWriter, r *http.Request) {
	loc, err := httpx.PathID(r, "loc")
	if err != nil {
		httpx.Error(w, err)
		return
	}
	start, err := httpx.QueryDate(r, "week")
	if err != nil {
		httpx.Error(w, err)
		return
	}
	shifts, err := h.Schedule.Week(r.Context(), loc, start)
	if err != nil {
		httpx.Error(w, err)
		return
	}
	httpx.JSON(w, http.StatusOK, shifts)
}

func (h *Handler) addShift(w http.ResponseWriter, r *http.Request) {
	var sh models.Shift
	if err := httpx.Decode(r, &sh); err != nil {
		httpx.Error(w, err)
		return
	}
	if err := h.Schedule.Add(r.Context(), &sh); err != nil {
		httpx.Error(w, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, sh)
}

func (h *Handler) publish(w http.ResponseWriter, r *http.Request) {
	loc, err := httpx.PathID(r, "loc")
	if err != nil {
		httpx.Error(w, err)
		return
	}
	start, err := httpx.QueryDate(r, "week")
	if err != nil {
		httpx.Error(w, err)
		return
	}
	n, err := h.Schedule.Publish(r.Context(), loc, start)
	if err != nil {
		httpx.Error(w, err)
		return
	}
	httpx.JSON(w, http.StatusOK, map[string]int{"published": n})
}

func (h *Handler) clockIn(w http.ResponseWriter, r *http.Request) {
	var body struct {
		LocationID int64  `json:"location_id"`
		PIN        string `json:"pin"`
		OverrideBy int64  `json:"override_by"`
	}
	if err := httpx.Decode(r, &body); err != nil {
		httpx.Error(w, err)
		return
	}
	emp, err := h.Employees.ByPIN(r.Context(), body.LocationID, body.PIN)
	if err != nil {
		httpx.Error(w, err)
		return
	}
	p, err := h.Clock.ClockIn(r.Context(), emp.ID, time.Now(), body.OverrideBy)
	if err != nil {
		httpx.Error(w, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, p)
}

func (h *Handler) clockOut(w http.ResponseWriter, r *http.Request) {
	var body struct {
		LocationID int64       `json:"location_id"`
		PIN        string      `json:"pin"`
		BreakMins  int         `json:"break_mins"`
		CashTips   money.Cents `json:"cash_tips"`
	}
	if err := httpx.Decode(r, &body); err != nil {
		httpx.Error(w, err)
		return
	}
	emp, err := h.Employees.ByPIN(r.Context(), body.LocationID, body.PIN)
	if err != nil {
		httpx.Error(w, err)
		return
	}
	p, err := h.Clock.ClockOut(r.Context(), emp.ID, time.Now(), body.BreakMins, body.CashTips)
	if err != nil {
		httpx.Error(w, err)
		return
	}
	httpx.JSON(w, http.StatusOK, p)
}

func (h *Handler) onClock(w http.ResponseWriter, r *http.Request) {
	loc, err := httpx.PathID(r, "loc")
	if err != nil {
		httpx.Error(w, err)
		return
	}
	ps, err := h.Clock.OnClock(r.Context(), loc)
	if err != nil {
		httpx.Error(w, err)
		return
	}
	httpx.JSON(w, http.StatusOK, ps)
}
