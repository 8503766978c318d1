// Package dispatch exposes the ops console API for route planning.
package dispatch

import (
	"net/http"

	appdispatch "parcelgo.com/platform/application/dispatch"
	"parcelgo.com/platform/interfaces/http/httpx"
)

type Handler struct{ svc *appdispatch.Service }

func NewHandler(svc *appdispatch.Service) *Handler { return &Handler{svc: svc} }

func (h *Handler) RegisterOps(mux *http.ServeMux) {
	mux.HandleFunc("POST /v1/ops/depots/{depot}/plan", h.plan)
	mux.HandleFunc("GET /v1/ops/depots/{depot}/routes", h.routes)
	mux.HandleFunc("POST /v1/ops/routes/{id}/assign", h.assign)
	mux.HandleFunc("POST /v1/ops/routes/{id}/dispatch", h.dispatch)
}

func (h *Handler) plan(w http.ResponseWriter, r *http.Request) {
	day, err := httpx.QueryDate(r, "date")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	res, err := h.svc.PlanDay(r.Context(), r.PathValue("depot"), day)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, res)
}

type routeView struct {
	ID       string  `json:"id"`
	DriverID string  `json:"driver_id"`
	Status   string  `json:"status"`
	KM       float64 `json:"planned_km"`
	Minutes  int     `json:"planned_minutes"`
	Done     int     `json:"done"`
	Total    int     `json:"total"`
}

func (h *Handler) routes(w http.ResponseWriter, r *http.Request) {
	day, err := httpx.QueryDate(r, "date")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	rs, err := h.svc.Routes(r.Context(), r.PathValue("depot"), day)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	out := make([]routeView, 0, len(rs))
	for _, rt := range rs {
		done, total := rt.Progress()
		out = append(out, routeView{ID: rt.ID, DriverID: rt.DriverID, Status: string(rt.Status), KM: rt.PlannedKM,
			Minutes: rt.PlannedMinutes, Done: done, Total: total})
	}
	httpx.JSON(w, http.StatusOK, out)
}

func (h *Handler) assign(w http.ResponseWriter, r *http.Request) {
	var body struct {
		DriverID string `json:"driver_id"`
	}
	if err := httpx.Decode(r, &body); err != nil {
		httpx.Error(w, r, err)
		return
	}
	if err := h.svc.AssignDriver(r.Context(), r.PathValue("id"), body.DriverID); err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *Handler) dispatch(w http.ResponseWriter, r *http.Request) {
	if err := h.svc.Dispatch(r.Context(), r.PathValue("id")); err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusAccepted)
}
