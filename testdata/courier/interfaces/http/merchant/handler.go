// Package merchant exposes the back-office merchant administration API.
package merchant

import (
	"net/http"
	"time"

	appmerchant "parcelgo.com/platform/application/merchant"
	dm "parcelgo.com/platform/domain/merchant"
	"parcelgo.com/platform/domain/model"
	"parcelgo.com/platform/interfaces/http/httpx"
)

type Handler struct{ svc *appmerchant.Service }

func NewHandler(svc *appmerchant.Service) *Handler { return &Handler{svc: svc} }

// Register mounts admin routes; the caller wraps mux with AdminAuth.
func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /v1/admin/merchants", h.onboard)
	mux.HandleFunc("POST /v1/admin/merchants/{id}/contracts", h.signContract)
}

func (h *Handler) onboard(w http.ResponseWriter, r *http.Request) {
	var cmd appmerchant.OnboardCommand
	if err := httpx.Decode(r, &cmd); err != nil {
		httpx.Error(w, r, err)
		return
	}
	m, key, err := h.svc.Onboard(r.Context(), cmd)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, map[string]any{"merchant": m, "api_key": key})
}

type contractRequest struct {
	RateCardID       string               `json:"rate_card_id"`
	ValidFrom        time.Time            `json:"valid_from"`
	ValidTo          *time.Time           `json:"valid_to"`
	PaymentTermsDays int                  `json:"payment_terms_days"`
	DiscountBps      int                  `json:"discount_bps"`
	MonthlyCommit    int                  `json:"monthly_commit"`
	ServiceLevels    []model.ServiceLevel `json:"service_levels"`
	ReturnsIncluded  bool                 `json:"returns_included"`
}

func (h *Handler) signContract(w http.ResponseWriter, r *http.Request) {
	var req contractRequest
	if err := httpx.Decode(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	c, err := h.svc.SignContract(r.Context(), dm.Contract{
		MerchantID: r.PathValue("id"), RateCardID: req.RateCardID, ValidFrom: req.ValidFrom, ValidTo: req.ValidTo,
		PaymentTermsDays: req.PaymentTermsDays, DiscountBps: req.DiscountBps, MonthlyCommit: req.MonthlyCommit,
		ServiceLevels: req.ServiceLevels, ReturnsIncluded: req.ReturnsIncluded,
	})
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, c)
}
