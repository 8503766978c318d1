// Package dealsapi serves deals, pipelines and forecasts.
package dealsapi

import (
	"net/http"

	"pipelinelabs.io/crm/internal/accounts/permissions"
	"pipelinelabs.io/crm/internal/billing/plans"
	"pipelinelabs.io/crm/internal/core"
	"pipelinelabs.io/crm/internal/deals"
	"pipelinelabs.io/crm/internal/deals/forecast"
	"pipelinelabs.io/crm/internal/deals/stages"
	"pipelinelabs.io/crm/internal/platform/errs"
	"pipelinelabs.io/crm/internal/platform/httpx"
	"pipelinelabs.io/crm/internal/platform/pagination"
)

// Handler serves the deals area.
type Handler struct {
	Deals    *deals.Service
	Stages   *stages.Store
	Forecast *forecast.Service
}

func (h *Handler) Register(r httpx.Registrar) {
	r.Private("GET /v1/deals", h.list)
	r.Private("POST /v1/deals", h.create)
	r.Private("GET /v1/deals/{id}", h.get)
	r.Private("PATCH /v1/deals/{id}", h.update)
	r.Private("DELETE /v1/deals/{id}", h.delete)
	r.Private("POST /v1/deals/{id}/stage", h.move)
	r.Private("POST /v1/deals/{id}/close", h.close)
	r.Private("GET /v1/pipelines", h.pipelines)
	r.Private("POST /v1/pipelines", h.createPipeline)
	r.Private("GET /v1/forecast", h.forecast)
	r.Private("PUT /v1/stages/{id}/sequence", h.stageSequence)
}

func (h *Handler) list(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f := deals.Filter{PipelineID: core.ID(q.Get("pipeline_id")), StageID: core.ID(q.Get("stage_id")),
		Status: core.DealStatus(q.Get("status")), CompanyID: core.ID(q.Get("company_id")), OwnerIDs: httpx.QueryIDs(r, "owner_id")}
	page, err := h.Deals.List(r.Context(), f, pagination.FromRequest(r))
	return httpx.Reply(w, http.StatusOK, page, err)
}

func (h *Handler) create(w http.ResponseWriter, r *http.Request) error {
	var in deals.Input
	if err := httpx.Decode(r, &in); err != nil {
		return err
	}
	d, err := h.Deals.Create(r.Context(), in)
	return httpx.Reply(w, http.StatusCreated, d, err)
}

func (h *Handler) get(w http.ResponseWriter, r *http.Request) error {
	d, err := h.Deals.Get(r.Context(), httpx.PathID(r, "id"))
	return httpx.Reply(w, http.StatusOK, d, err)
}

func (h *Handler) update(w http.ResponseWriter, r *http.Request) error {
	var in deals.Input
	if err := httpx.Decode(r, &in); err != nil {
		return err
	}
	d, err := h.Deals.Update(r.Context(), httpx.PathID(r, "id"), in)
	return httpx.Reply(w, http.StatusOK, d, err)
}

func (h *Handler) delete(w http.ResponseWriter, r *http.Request) error {
	return httpx.Reply(w, http.StatusNoContent, nil, h.Deals.Delete(r.Context(), httpx.PathID(r, "id")))
}

func (h *Handler) move(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		StageID core.ID `json:"stage_id"`
	}
	if err := httpx.Decode(r, &in); err != nil {
		return err
	}
	d, err := h.Deals.MoveStage(r.Context(), httpx.PathID(r, "id"), in.StageID)
	return httpx.Reply(w, http.StatusOK, d, err)
}

func (h *Handler) close(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Status core.DealStatus `json:"status"`
		Reason string          `json:"reason"`
	}
	if err := httpx.Decode(r, &in); err != nil {
		return err
	}
	d, err := h.Deals.Close(r.Context(), httpx.PathID(r, "id"), in.Status, in.Reason)
	return httpx.Reply(w, http.StatusOK, d, err)
}

func (h *Handler) pipelines(w http.ResponseWriter, r *http.Request) error {
	p, err := permissions.Require(r.Context(), permissions.DealsRead)
	if err != nil {
		return err
	}
	ps, err := h.Stages.Pipelines(r.Context(), p.TenantID)
	return httpx.Reply(w, http.StatusOK, ps, err)
}

func (h *Handler) createPipeline(w http.ResponseWriter, r *http.Request) error {
	p, err := permissions.Require(r.Context(), permissions.PipelinesManage)
	if err != nil {
		return err
	}
	if !plans.Allows(p.Plan, plans.FeatureMultiPipe) {
		return errs.Limit("multiple pipelines require the Growth plan")
	}
	var in struct {
		Name    string       `json:"name"`
		Default bool         `json:"default"`
		Stages  []core.Stage `json:"stages"`
	}
	if err := httpx.Decode(r, &in); err != nil {
		return err
	}
	pl, err := h.Stages.CreatePipeline(r.Context(), p.TenantID, in.Name, in.Default, in.Stages)
	return httpx.Reply(w, http.StatusCreated, pl, err)
}

func (h *Handler) forecast(w http.ResponseWriter, r *http.Request) error {
	p, err := permissions.Require(r.Context(), permissions.ReportsView)
	if err != nil {
		return err
	}
	if !plans.Allows(p.Plan, plans.FeatureForecast) {
		return errs.Limit("forecasting requires the Growth plan")
	}
	from, err := httpx.QueryTime(r, "from", h.Forecast.Clock.Now())
	if err != nil {
		return err
	}
	f, err := h.Forecast.Build(r.Context(), p.TenantID, from, httpx.QueryInt(r, "months", 3), httpx.QueryIDs(r, "owner_id"))
	return httpx.Reply(w, http.StatusOK, f, err)
}

// stageSequence configures the sequence contacts are enrolled in when a
// deal enters the stage ("stage playbooks").
func (h *Handler) stageSequence(w http.ResponseWriter, r *http.Request) error {
	p, err := permissions.Require(r.Context(), permissions.PipelinesManage)
	if err != nil {
		return err
	}
	var in struct {
		SequenceID core.ID `json:"sequence_id"`
	}
	if err := httpx.Decode(r, &in); err != nil {
		return err
	}
	return httpx.Reply(w, http.StatusNoContent, nil, h.Stages.SetAutoSequence(r.Context(), p.TenantID, httpx.PathID(r, "id"), in.SequenceID))
}
