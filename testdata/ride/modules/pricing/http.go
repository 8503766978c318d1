package pricing

import (
	"net/http"

	"github.com/zipcab/backend/app/common/entity"
	"github.com/zipcab/backend/modules/pricing/surge"
	"github.com/zipcab/backend/pkg/auth"
	"github.com/zipcab/backend/pkg/geo"
	"github.com/zipcab/backend/pkg/httpx"
)

// Handler exposes fare estimates and the surge heatmap.
type Handler struct {
	svc   *Service
	surge *surge.Store
}

// NewHandler returns a handler.
func NewHandler(svc *Service, s *surge.Store) *Handler { return &Handler{svc: svc, surge: s} }

// Register mounts routes.
func (h *Handler) Register(mux httpx.Router, signer *auth.Signer) {
	mux.Handle("POST /v1/fares/estimate", signer.Middleware(auth.RoleRider)(http.HandlerFunc(h.estimate)))
}

type estimateReq struct {
	Pickup    geo.Point         `json:"pickup"`
	Dropoff   geo.Point         `json:"dropoff"`
	RideTypes []entity.RideType `json:"ride_types"`
}

func (h *Handler) estimate(w http.ResponseWriter, r *http.Request) {
	p, _ := auth.FromContext(r.Context())
	var req estimateReq
	if err := httpx.Decode(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	if len(req.RideTypes) == 0 {
		req.RideTypes = []entity.RideType{entity.RideStandard, entity.RideComfort, entity.RideXL}
	}
	quotes := make([]Quote, 0, len(req.RideTypes))
	for _, rt := range req.RideTypes {
		q, err := h.svc.Estimate(r.Context(), p.UserID, req.Pickup, req.Dropoff, rt)
		if err != nil {
			httpx.Error(w, r, err)
			return
		}
		quotes = append(quotes, q)
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"quotes": quotes})
}
