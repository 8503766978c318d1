// Package api exposes time-clock kiosks and labour reports.
package api

import (
	"net/http"
	"time"

	"shipwell.io/wms/modules/labor/app"
	"shipwell.io/wms/pkg/auth"
	"shipwell.io/wms/pkg/httpx"
	"shipwell.io/wms/pkg/models"
)

type Handler struct{ Svc *app.Service }

func (h *Handler) Register(r httpx.Router) {
	r.HandleFunc("POST /labor/clock-in", h.clockIn)
	r.HandleFunc("POST /labor/clock-out", h.clockOut)
	r.HandleFunc("POST /labor/shifts", h.planShift)
	r.HandleFunc("GET /labor/productivity", h.productivity)
}

func (h *Handler) clockIn(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Badge    string `json:"badge"`
		Activity string `json:"activity"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	e, err := h.Svc.ClockIn(r.Context(), req.Badge, req.Activity)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, e)
}

func (h *Handler) clockOut(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Badge string `json:"badge"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	if err := h.Svc.ClockOut(r.Context(), req.Badge); err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *Handler) planShift(w http.ResponseWriter, r *http.Request) {
	if err := auth.Require(r.Context(), auth.RoleSupervisor); err != nil {
		httpx.Error(w, r, err)
		return
	}
	var sh models.Shift
	if err := httpx.Decode(r, &sh); err != nil {
		httpx.Error(w, r, err)
		return
	}
	if err := h.Svc.PlanShift(r.Context(), &sh); err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, sh)
}

func (h *Handler) productivity(w http.ResponseWriter, r *http.Request) {
	if err := auth.Require(r.Context(), auth.RoleSupervisor); err != nil {
		httpx.Error(w, r, err)
		return
	}
	from, err := httpx.QueryTime(r, "from")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	if from.IsZero() {
		from = time.Now().Truncate(24 * time.Hour)
	}
	rows, err := h.Svc.Productivity(r.Context(), from, from.Add(24*time.Hour))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, rows)
}
