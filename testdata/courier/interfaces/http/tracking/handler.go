// Package tracking is the public (unauthenticated) tracking API.
package tracking

import (
	"net/http"

	apptracking "parcelgo.com/platform/application/tracking"
	"parcelgo.com/platform/interfaces/http/httpx"
	"parcelgo.com/platform/shared/errs"
	"parcelgo.com/platform/shared/ids"
)

type Handler struct{ svc *apptracking.Service }

func NewHandler(svc *apptracking.Service) *Handler { return &Handler{svc: svc} }

func (h *Handler) RegisterPublic(mux *http.ServeMux) {
	mux.HandleFunc("GET /v1/track/{tn}", h.track)
}

func (h *Handler) track(w http.ResponseWriter, r *http.Request) {
	tn := r.PathValue("tn")
	if !ids.ValidTrackingNumber(tn) {
		httpx.Error(w, r, errs.Invalid("not a ParcelGo tracking number"))
		return
	}
	v, err := h.svc.Track(r.Context(), tn)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "public, max-age=60")
	httpx.JSON(w, http.StatusOK, v)
}
