// Package pricing exposes quotes and rate management over HTTP.
package pricing

import (
	"net/http"

	"github.com/staybright/platform/internal/model"
	"github.com/staybright/platform/internal/pkg/auth"
	"github.com/staybright/platform/internal/pkg/clock"
	"github.com/staybright/platform/internal/pkg/errs"
	"github.com/staybright/platform/internal/pkg/httpx"
	"github.com/staybright/platform/internal/pkg/money"
	"github.com/staybright/platform/internal/service/pricing"
)

// Handler serves quote and revenue-management routes.
type Handler struct {
	svc  *pricing.Service
	auth auth.Verifier
}

// New builds the handler.
func New(svc *pricing.Service, v auth.Verifier) *Handler { return &Handler{svc: svc, auth: v} }

// Register mounts the routes.
func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /v1/hotels/{id}/quotes", h.quotes)
	mux.HandleFunc("GET /v1/admin/hotels/{id}/rate-plans", auth.Require(h.auth, auth.RoleRevenue, h.listPlans))
	mux.HandleFunc("POST /v1/admin/hotels/{id}/rate-plans", auth.Require(h.auth, auth.RoleRevenue, h.createPlan))
	mux.HandleFunc("PUT /v1/admin/hotels/{id}/rates", auth.Require(h.auth, auth.RoleRevenue, h.setRates))
}

func (h *Handler) quotes(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathInt64(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	q := r.URL.Query()
	from, err1 := clock.ParseDate(q.Get("check_in"))
	to, err2 := clock.ParseDate(q.Get("check_out"))
	if err1 != nil || err2 != nil {
		httpx.Error(w, r, errs.E(errs.Invalid, "pricing.quotes", "check_in/check_out must be YYYY-MM-DD"))
		return
	}
	stay, err := clock.NewRange(from, to)
	if err != nil {
		httpx.Error(w, r, errs.Wrapf(errs.Invalid, err, "pricing.quotes", "invalid stay"))
		return
	}
	rt := int64(httpx.QueryInt(r, "room_type_id", 0))
	quotes, err := h.svc.QuoteAll(r.Context(), pricing.QuoteRequest{
		HotelID: id, RoomTypeID: rt, Stay: stay,
		Tier: model.LoyaltyTier(q.Get("tier")), PromoCode: q.Get("promo"),
	})
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"quotes": quotes})
}

func (h *Handler) listPlans(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathInt64(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	plans, err := h.svc.Plans(r.Context(), id)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"rate_plans": plans})
}

func (h *Handler) createPlan(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathInt64(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	if err := auth.CheckHotel(r.Context(), id); err != nil {
		httpx.Error(w, r, err)
		return
	}
	var p model.RatePlan
	if err := httpx.Decode(r, &p); err != nil {
		httpx.Error(w, r, err)
		return
	}
	p.HotelID = id
	if err := h.svc.CreatePlan(r.Context(), &p); err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, p)
}

type setRatesRequest struct {
	RoomTypeID int64  `json:"room_type_id"`
	RatePlanID int64  `json:"rate_plan_id"`
	From       string `json:"from"`
	To         string `json:"to"`
	Amount     string `json:"amount"`
	Currency   string `json:"currency"`
}

func (h *Handler) setRates(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathInt64(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	if err := auth.CheckHotel(r.Context(), id); err != nil {
		httpx.Error(w, r, err)
		return
	}
	var in setRatesRequest
	if err := httpx.Decode(r, &in); err != nil {
		httpx.Error(w, r, err)
		return
	}
	from, err1 := clock.ParseDate(in.From)
	to, err2 := clock.ParseDate(in.To)
	amount, err3 := money.Parse(in.Amount, in.Currency)
	if err1 != nil || err2 != nil || err3 != nil {
		httpx.Error(w, r, errs.E(errs.Invalid, "pricing.setRates", "invalid dates or amount"))
		return
	}
	rg, err := clock.NewRange(from, to)
	if err != nil {
		httpx.Error(w, r, errs.Wrapf(errs.Invalid, err, "pricing.setRates", "invalid range"))
		return
	}
	if err := h.svc.SetRates(r.Context(), id, in.RoomTypeID, in.RatePlanID, rg, amount); err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
