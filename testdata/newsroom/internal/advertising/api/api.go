// Package api has the ad-ops admin endpoints and the public ad decision endpoints.
package api

import (
	"net/http"

	"github.com/dailyherald/newsroom/internal/advertising/campaign"
	"github.com/dailyherald/newsroom/internal/advertising/delivery"
	"github.com/dailyherald/newsroom/internal/advertising/reporting"
	"github.com/dailyherald/newsroom/internal/advertising/slot"
	"github.com/dailyherald/newsroom/internal/models"
	"github.com/dailyherald/newsroom/pkg/httpx"
	"github.com/dailyherald/newsroom/pkg/httpx/middleware"
)

type Admin struct {
	Campaigns *campaign.Service
	Slots     *slot.Service
	Reports   *reporting.Service
}

func (h Admin) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /v1/ads/campaigns", middleware.RequireStaff("adops", h.listCampaigns))
	mux.HandleFunc("POST /v1/ads/campaigns", middleware.RequireStaff("adops", h.createCampaign))
	mux.HandleFunc("POST /v1/ads/campaigns/{id}/creatives", middleware.RequireStaff("adops", h.addCreative))
	mux.HandleFunc("POST /v1/ads/creatives/{id}/approve", middleware.RequireStaff("adops_lead", h.approveCreative))
	mux.HandleFunc("PUT /v1/ads/campaigns/{id}/slots", middleware.RequireStaff("adops", h.bookSlots))
	mux.HandleFunc("POST /v1/ads/campaigns/{id}/activate", middleware.RequireStaff("adops", h.activate))
	mux.HandleFunc("GET /v1/ads/campaigns/{id}/delivery", middleware.RequireStaff("adops", h.delivery))
	mux.HandleFunc("GET /v1/ads/forecast/{section}", middleware.RequireStaff("sales", h.forecast))
}

func (h Admin) listCampaigns(w http.ResponseWriter, r *http.Request) {
	list, err := h.Campaigns.List(r.Context(), r.URL.Query().Get("status"))
	respond(w, r, http.StatusOK, list, err)
}

func (h Admin) createCampaign(w http.ResponseWriter, r *http.Request) {
	var in models.Campaign
	if err := httpx.ReadJSON(r, &in); err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	c, err := h.Campaigns.Create(r.Context(), in)
	respond(w, r, http.StatusCreated, c, err)
}

func (h Admin) addCreative(w http.ResponseWriter, r *http.Request) {
	var in models.Creative
	if err := httpx.ReadJSON(r, &in); err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	in.CampaignID = r.PathValue("id")
	c, err := h.Campaigns.AddCreative(r.Context(), in)
	respond(w, r, http.StatusCreated, c, err)
}

func (h Admin) approveCreative(w http.ResponseWriter, r *http.Request) {
	p, _ := middleware.PrincipalFrom(r.Context())
	respond(w, r, http.StatusNoContent, nil, h.Campaigns.ApproveCreative(r.Context(), r.PathValue("id"), p.ID))
}

func (h Admin) bookSlots(w http.ResponseWriter, r *http.Request) {
	var in struct {
		SlotIDs []string `json:"slot_ids"`
	}
	if err := httpx.ReadJSON(r, &in); err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	respond(w, r, http.StatusNoContent, nil, h.Campaigns.BookSlots(r.Context(), r.PathValue("id"), in.SlotIDs))
}

func (h Admin) activate(w http.ResponseWriter, r *http.Request) {
	respond(w, r, http.StatusNoContent, nil, h.Campaigns.Activate(r.Context(), r.PathValue("id")))
}

func (h Admin) delivery(w http.ResponseWriter, r *http.Request) {
	d, err := h.Reports.CampaignDelivery(r.Context(), r.PathValue("id"))
	respond(w, r, http.StatusOK, d, err)
}

func (h Admin) forecast(w http.ResponseWriter, r *http.Request) {
	f, err := h.Reports.InventoryForecast(r.Context(), r.PathValue("section"), httpx.QueryInt(r, "days", 30), httpx.QueryInt(r, "slots", 3))
	respond(w, r, http.StatusOK, f, err)
}

func respond(w http.ResponseWriter, r *http.Request, status int, v any, err error) {
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	if status == http.StatusNoContent {
		w.WriteHeader(status)
		return
	}
	httpx.WriteJSON(w, status, v)
}

// Serving is mounted by the adserver binary.
type Serving struct{ Decider *delivery.Decider }

func (h Serving) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /ads/decide", h.decide)
	mux.HandleFunc("GET /ads/click/{impression}", h.click)
}

func (h Serving) decide(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	req := delivery.Request{SlotCode: q.Get("slot"), SectionID: q.Get("section"), ArticleID: q.Get("article"), DeviceID: q.Get("device")}
	if p, ok := middleware.PrincipalFrom(r.Context()); ok && !p.Staff {
		req.ReaderID = p.ID
	}
	ad, err := h.Decider.Decide(r.Context(), req)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	if ad == nil {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, ad)
}

func (h Serving) click(w http.ResponseWriter, r *http.Request) {
	url, err := h.Decider.Click(r.Context(), r.PathValue("impression"))
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	http.Redirect(w, r, url, http.StatusFound)
}
