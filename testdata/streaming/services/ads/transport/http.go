// Package transport exposes impression beacons and campaign admin over HTTP.
// (Ads predates the endpoint layer; handlers call the service directly.)
package transport

import (
	"net/http"

	"github.com/flickstream/api/pkg/httpx"
	"github.com/flickstream/api/services/ads/service"
	"github.com/flickstream/api/services/ads/store"
)

type handler struct {
	svc *service.Service
}

// Register mounts the routes.
func Register(mux *http.ServeMux, svc *service.Service) {
	h := &handler{svc: svc}
	mux.HandleFunc("GET /v1/ads/impressions", h.impression)
	mux.HandleFunc("POST /admin/v1/ads/campaigns", h.createCampaign)
}

// impression is hit by players as a tracking pixel; it always returns 204.
func (h *handler) impression(w http.ResponseWriter, r *http.Request) {
	caller, _ := httpx.CallerFrom(r.Context())
	q := r.URL.Query()
	if err := h.svc.RecordImpression(r.Context(), q.Get("c"), q.Get("cr"), caller.ProfileID, q.Get("s")); err != nil {
		httpx.WriteError(w, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *handler) createCampaign(w http.ResponseWriter, r *http.Request) {
	var c store.Campaign
	if err := httpx.DecodeJSON(r, &c); err != nil {
		httpx.WriteError(w, err)
		return
	}
	created, err := h.svc.CreateCampaign(r.Context(), c)
	if err != nil {
		httpx.WriteError(w, err)
		return
	}
	httpx.WriteJSON(w, http.StatusCreated, created)
}
