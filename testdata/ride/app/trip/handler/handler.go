// Package handler serves the rider and driver trip endpoints and the realtime
// trip websocket.
package handler

import (
	"net/http"

	driverservice "github.com/zipcab/backend/app/driver/service"
	"github.com/zipcab/backend/app/trip/model"
	"github.com/zipcab/backend/app/trip/repository"
	"github.com/zipcab/backend/app/trip/service"
	"github.com/zipcab/backend/pkg/auth"
	"github.com/zipcab/backend/pkg/httpx"
)

// TripHandler serves /v1/trips and /v1/driver/offers.
type TripHandler struct {
	svc     *service.TripService
	repo    *repository.TripRepository
	drivers *driverservice.DriverService
	hub     *Hub
}

// New returns a handler.
func New(svc *service.TripService, repo *repository.TripRepository, drivers *driverservice.DriverService, hub *Hub) *TripHandler {
	return &TripHandler{svc: svc, repo: repo, drivers: drivers, hub: hub}
}

// Register mounts routes.
func (h *TripHandler) Register(mux httpx.Router, signer *auth.Signer) {
	rider := signer.Middleware(auth.RoleRider)
	driver := signer.Middleware(auth.RoleDriver)
	any := signer.Middleware()
	mux.Handle("POST /v1/trips", rider(http.HandlerFunc(h.request)))
	mux.Handle("GET /v1/trips/{id}", any(http.HandlerFunc(h.get)))
	mux.Handle("POST /v1/trips/{id}/cancel", any(http.HandlerFunc(h.cancel)))
	mux.Handle("GET /v1/trips/{id}/track", rider(http.HandlerFunc(h.hub.ServeRider)))
	mux.Handle("GET /v1/driver/feed", driver(http.HandlerFunc(h.hub.ServeDriver)))
	mux.Handle("POST /v1/driver/offers/{id}/accept", driver(http.HandlerFunc(h.accept)))
	mux.Handle("POST /v1/driver/offers/{id}/decline", driver(http.HandlerFunc(h.decline)))
	mux.Handle("POST /v1/driver/trips/{id}/start", driver(http.HandlerFunc(h.start)))
	mux.Handle("POST /v1/driver/trips/{id}/complete", driver(http.HandlerFunc(h.complete)))
}

func (h *TripHandler) request(w http.ResponseWriter, r *http.Request) {
	p, _ := auth.FromContext(r.Context())
	var in model.RequestInput
	if err := httpx.Decode(r, &in); err != nil {
		httpx.Error(w, r, err)
		return
	}
	t, err := h.svc.Request(r.Context(), p.UserID, in)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, t)
}

func (h *TripHandler) get(w http.ResponseWriter, r *http.Request) {
	p, _ := auth.FromContext(r.Context())
	id, err := httpx.PathInt64(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	t, err := h.svc.Get(r.Context(), p, id)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, t)
}

func (h *TripHandler) cancel(w http.ResponseWriter, r *http.Request) {
	p, _ := auth.FromContext(r.Context())
	id, err := httpx.PathInt64(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	var req struct {
		Reason string `json:"reason"`
	}
	_ = httpx.Decode(r, &req)
	if err := h.svc.Cancel(r.Context(), p, id, req.Reason); err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// driverAction resolves the calling driver and the {id} path value.
func (h *TripHandler) driverAction(w http.ResponseWriter, r *http.Request, fn func(driverID, id int64) (any, error)) {
	p, _ := auth.FromContext(r.Context())
	d, err := h.drivers.ForUser(r.Context(), p.UserID)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	id, err := httpx.PathInt64(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	out, err := fn(d.ID, id)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	if out == nil {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	httpx.JSON(w, http.StatusOK, out)
}

func (h *TripHandler) accept(w http.ResponseWriter, r *http.Request) {
	h.driverAction(w, r, func(driverID, id int64) (any, error) { return h.svc.AcceptOffer(r.Context(), driverID, id) })
}

func (h *TripHandler) decline(w http.ResponseWriter, r *http.Request) {
	h.driverAction(w, r, func(driverID, id int64) (any, error) { return nil, h.svc.DeclineOffer(r.Context(), driverID, id) })
}

func (h *TripHandler) start(w http.ResponseWriter, r *http.Request) {
	h.driverAction(w, r, func(driverID, id int64) (any, error) { return nil, h.svc.Start(r.Context(), driverID, id) })
}

func (h *TripHandler) complete(w http.ResponseWriter, r *http.Request) {
	var in model.CompleteInput
	if err := httpx.Decode(r, &in); err != nil {
		httpx.Error(w, r, err)
		return
	}
	h.driverAction(w, r, func(driverID, id int64) (any, error) { return h.svc.Complete(r.Context(), driverID, id, in) })
}
