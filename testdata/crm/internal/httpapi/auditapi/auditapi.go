// Package auditapi serves the admin audit log.
package auditapi

import (
	"net/http"
	"time"

	"pipelinelabs.io/crm/internal/accounts/permissions"
	"pipelinelabs.io/crm/internal/audit"
	"pipelinelabs.io/crm/internal/billing/plans"
	"pipelinelabs.io/crm/internal/core"
	"pipelinelabs.io/crm/internal/platform/httpx"
	"pipelinelabs.io/crm/internal/platform/pagination"
)

// Handler serves GET /v1/audit.
type Handler struct {
	Audit *audit.Recorder
}

func (h *Handler) Register(r httpx.Registrar) {
	r.Private("GET /v1/audit", h.list)
}

func (h *Handler) list(w http.ResponseWriter, r *http.Request) error {
	p, err := permissions.Require(r.Context(), permissions.AuditView)
	if err != nil {
		return err
	}
	retention := time.Duration(plans.MustGet(p.Plan).AuditRetention) * 24 * time.Hour
	since, err := httpx.QueryTime(r, "since", h.Audit.Clock.Now().Add(-retention))
	if err != nil {
		return err
	}
	q := r.URL.Query()
	pg := pagination.FromRequest(r)
	es, err := h.Audit.List(r.Context(), p.TenantID, audit.Filter{ActorID: core.ID(q.Get("actor_id")), TargetType: q.Get("target_type"), Since: since}, pg)
	return httpx.Reply(w, http.StatusOK, pagination.NewPage(es, pg), err)
}
