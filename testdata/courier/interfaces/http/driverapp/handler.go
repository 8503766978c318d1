// Package driverapp is the API consumed by the driver mobile app.
package driverapp

import (
	"net/http"

	appdriver "parcelgo.com/platform/application/driver"
	"parcelgo.com/platform/interfaces/http/httpx"
)

type Handler struct{ svc *appdriver.Service }

func NewHandler(svc *appdriver.Service) *Handler { return &Handler{svc: svc} }

func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /v1/driver/shift/{action}", h.shift)
	mux.HandleFunc("GET /v1/driver/route", h.route)
	mux.HandleFunc("POST /v1/driver/stops/{stop}/deliver", h.deliver)
	mux.HandleFunc("POST /v1/driver/stops/{stop}/fail", h.fail)
}

type odometerBody struct {
	Odometer int `json:"odometer"`
}

func (h *Handler) shift(w http.ResponseWriter, r *http.Request) {
	did, err := httpx.DriverID(r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	var b odometerBody
	if err := httpx.Decode(r, &b); err != nil {
		httpx.Error(w, r, err)
		return
	}
	start := h.svc.StartShift
	if r.PathValue("action") == "end" {
		start = h.svc.EndShift
	}
	sh, err := start(r.Context(), did, b.Odometer)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, sh)
}

func (h *Handler) route(w http.ResponseWriter, r *http.Request) {
	did, err := httpx.DriverID(r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	stops, err := h.svc.TodayRoute(r.Context(), did)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, stops)
}

func (h *Handler) deliver(w http.ResponseWriter, r *http.Request) {
	did, err := httpx.DriverID(r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	var cmd appdriver.DeliverCommand
	if err := httpx.Decode(r, &cmd); err != nil {
		httpx.Error(w, r, err)
		return
	}
	cmd.DriverID, cmd.StopID = did, r.PathValue("stop")
	if err := h.svc.Deliver(r.Context(), cmd); err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *Handler) fail(w http.ResponseWriter, r *http.Request) {
	did, err := httpx.DriverID(r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	var cmd appdriver.FailCommand
	if err := httpx.Decode(r, &cmd); err != nil {
		httpx.Error(w, r, err)
		return
	}
	cmd.DriverID, cmd.StopID = did, r.PathValue("stop")
	if err := h.svc.FailAttempt(r.Context(), cmd); err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
