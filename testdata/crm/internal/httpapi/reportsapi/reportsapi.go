// Package reportsapi serves standard reports and custom dashboards.
package reportsapi

import (
	"net/http"

	"pipelinelabs.io/crm/internal/accounts/permissions"
	"pipelinelabs.io/crm/internal/billing/plans"
	"pipelinelabs.io/crm/internal/platform/errs"
	"pipelinelabs.io/crm/internal/platform/httpx"
	"pipelinelabs.io/crm/internal/reporting"
	"pipelinelabs.io/crm/internal/reporting/dashboards"
)

// Handler serves the reporting area.
type Handler struct {
	Metrics    *reporting.Metrics
	Dashboards *dashboards.Service
	Teams      *permissions.Teams
}

func (h *Handler) Register(r httpx.Registrar) {
	r.Private("GET /v1/reports/pipeline", h.pipeline)
	r.Private("GET /v1/reports/win-rate", h.winRate)
	r.Private("GET /v1/reports/activity", h.activity)
	r.Private("GET /v1/reports/usage", h.usage)
	r.Private("POST /v1/dashboards", h.saveDashboard)
	r.Private("GET /v1/dashboards/{id}", h.dashboard)
}

func (h *Handler) pipeline(w http.ResponseWriter, r *http.Request) error {
	p, err := permissions.Require(r.Context(), permissions.ReportsView)
	if err != nil {
		return err
	}
	owners, err := h.Teams.VisibleOwners(r.Context(), p)
	if err != nil {
		return err
	}
	st, err := h.Metrics.PipelineByStage(r.Context(), p.TenantID, owners)
	return httpx.Reply(w, http.StatusOK, st, err)
}

func (h *Handler) winRate(w http.ResponseWriter, r *http.Request) error {
	p, err := permissions.Require(r.Context(), permissions.ReportsView)
	if err != nil {
		return err
	}
	now := h.Metrics.Clock.Now()
	from, err := httpx.QueryTime(r, "from", now.AddDate(0, -3, 0))
	if err != nil {
		return err
	}
	wr, err := h.Metrics.WinRateBetween(r.Context(), p.TenantID, from, now)
	return httpx.Reply(w, http.StatusOK, wr, err)
}

func (h *Handler) activity(w http.ResponseWriter, r *http.Request) error {
	p, err := permissions.Require(r.Context(), permissions.ReportsView)
	if err != nil {
		return err
	}
	now := h.Metrics.Clock.Now()
	from, err := httpx.QueryTime(r, "from", now.AddDate(0, 0, -30))
	if err != nil {
		return err
	}
	ra, err := h.Metrics.ActivityByRep(r.Context(), p.TenantID, from, now)
	return httpx.Reply(w, http.StatusOK, ra, err)
}

func (h *Handler) usage(w http.ResponseWriter, r *http.Request) error {
	p, err := permissions.Require(r.Context(), permissions.BillingManage)
	if err != nil {
		return err
	}
	u, err := h.Metrics.UsageFor(r.Context(), p.TenantID)
	return httpx.Reply(w, http.StatusOK, u, err)
}

func (h *Handler) saveDashboard(w http.ResponseWriter, r *http.Request) error {
	p, err := permissions.Require(r.Context(), permissions.ReportsView)
	if err != nil {
		return err
	}
	if !plans.Allows(p.Plan, plans.FeatureDashboards) {
		return errs.Limit("custom dashboards require the Growth plan")
	}
	var d dashboards.Dashboard
	if err := httpx.Decode(r, &d); err != nil {
		return err
	}
	d.OwnerID = p.UserID
	d, err = h.Dashboards.Save(r.Context(), p.TenantID, d)
	return httpx.Reply(w, http.StatusCreated, d, err)
}

func (h *Handler) dashboard(w http.ResponseWriter, r *http.Request) error {
	p, err := permissions.Require(r.Context(), permissions.ReportsView)
	if err != nil {
		return err
	}
	d, err := h.Dashboards.Get(r.Context(), p.TenantID, p.UserID, httpx.PathID(r, "id"))
	if err != nil {
		return err
	}
	owners, err := h.Teams.VisibleOwners(r.Context(), p)
	if err != nil {
		return err
	}
	return httpx.OK(w, map[string]any{"dashboard": d, "widgets": h.Dashboards.Render(r.Context(), p.TenantID, d, owners)})
}
