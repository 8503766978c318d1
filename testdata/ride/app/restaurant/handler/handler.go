// Package handler serves the Eats browse/menu endpoints and restaurant settings.
package handler

import (
	"net/http"
	"strconv"

	"github.com/zipcab/backend/app/restaurant/service"
	"github.com/zipcab/backend/pkg/auth"
	"github.com/zipcab/backend/pkg/errs"
	"github.com/zipcab/backend/pkg/geo"
	"github.com/zipcab/backend/pkg/httpx"
)

// RestaurantHandler serves /v1/eats/restaurants and /v1/restaurant/*.
type RestaurantHandler struct {
	svc *service.RestaurantService
}

// New returns a handler.
func New(svc *service.RestaurantService) *RestaurantHandler { return &RestaurantHandler{svc: svc} }

// Register mounts routes.
func (h *RestaurantHandler) Register(mux httpx.Router, signer *auth.Signer) {
	rider := signer.Middleware(auth.RoleRider)
	mux.Handle("GET /v1/eats/restaurants", rider(http.HandlerFunc(h.browse)))
	mux.Handle("GET /v1/eats/restaurants/{id}", rider(http.HandlerFunc(h.detail)))
}

func (h *RestaurantHandler) browse(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	lat, err1 := strconv.ParseFloat(q.Get("lat"), 64)
	lng, err2 := strconv.ParseFloat(q.Get("lng"), 64)
	p := geo.Point{Lat: lat, Lng: lng}
	if err1 != nil || err2 != nil || !p.Valid() {
		httpx.Error(w, r, errs.Invalid("restaurant.browse", "lat and lng are required"))
		return
	}
	list, err := h.svc.Browse(r.Context(), p, q.Get("cuisine"))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"restaurants": list})
}

func (h *RestaurantHandler) detail(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathInt64(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	rest, err := h.svc.Get(r.Context(), id)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	menu, err := h.svc.Menu(r.Context(), id)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"restaurant": rest, "menu": menu})
}
