// Package api exposes audience reports to the newsroom dashboard.
package api

import (
	"net/http"
	"time"

	"github.com/dailyherald/newsroom/internal/analytics/ingest"
	"github.com/dailyherald/newsroom/internal/analytics/report"
	"github.com/dailyherald/newsroom/pkg/httpx"
	"github.com/dailyherald/newsroom/pkg/httpx/middleware"
)

type Handlers struct {
	Reports   *report.Service
	Collector *ingest.Collector
}

func (h Handlers) Register(mux *http.ServeMux) {
	mux.Handle("POST /collect", h.Collector)
	mux.HandleFunc("GET /v1/analytics/most-read", middleware.RequireStaff("reporter", h.mostRead))
	mux.HandleFunc("GET /v1/analytics/referrers", middleware.RequireStaff("editor", h.referrers))
	mux.HandleFunc("GET /v1/analytics/paywall-conversion", middleware.RequireStaff("commercial", h.conversion))
}

func since(r *http.Request) time.Time {
	days := httpx.QueryInt(r, "days", 7)
	if days < 1 || days > 90 {
		days = 7
	}
	return time.Now().UTC().AddDate(0, 0, -days)
}

func (h Handlers) mostRead(w http.ResponseWriter, r *http.Request) {
	list, err := h.Reports.MostRead(r.Context(), since(r), r.URL.Query().Get("section"), httpx.QueryInt(r, "limit", 20))
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, list)
}

func (h Handlers) referrers(w http.ResponseWriter, r *http.Request) {
	list, err := h.Reports.Referrers(r.Context(), since(r))
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, list)
}

func (h Handlers) conversion(w http.ResponseWriter, r *http.Request) {
	hits, conv, err := h.Reports.PaywallConversion(r.Context(), since(r))
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	rate := 0.0
	if hits > 0 {
		rate = float64(conv) / float64(hits)
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"paywall_devices": hits, "conversions": conv, "rate": rate})
}
