// Package activitiesapi serves activities, tasks and contact timelines.
package activitiesapi

import (
	"net/http"

	"pipelinelabs.io/crm/internal/accounts/permissions"
	"pipelinelabs.io/crm/internal/activities"
	"pipelinelabs.io/crm/internal/activities/tasks"
	"pipelinelabs.io/crm/internal/activities/timeline"
	"pipelinelabs.io/crm/internal/core"
	"pipelinelabs.io/crm/internal/platform/httpx"
	"pipelinelabs.io/crm/internal/platform/tenancy"
)

// Handler serves the activities area.
type Handler struct {
	Activities *activities.Service
	Tasks      *tasks.Service
	Timeline   *timeline.Builder
}

func (h *Handler) Register(r httpx.Registrar) {
	r.Private("POST /v1/activities", h.log)
	r.Private("GET /v1/activities", h.list)
	r.Private("GET /v1/tasks", h.myTasks)
	r.Private("POST /v1/tasks", h.createTask)
	r.Private("POST /v1/tasks/{id}/complete", h.complete)
	r.Private("GET /v1/contacts/{id}/timeline", h.timeline)
}

func (h *Handler) log(w http.ResponseWriter, r *http.Request) error {
	var a core.Activity
	if err := httpx.Decode(r, &a); err != nil {
		return err
	}
	a, err := h.Activities.Log(r.Context(), a)
	return httpx.Reply(w, http.StatusCreated, a, err)
}

func (h *Handler) list(w http.ResponseWriter, r *http.Request) error {
	p, err := permissions.Require(r.Context(), permissions.ContactsRead)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	as, err := h.Activities.List(r.Context(), p.TenantID, core.ID(q.Get("contact_id")), core.ID(q.Get("deal_id")), httpx.QueryInt(r, "limit", 50))
	return httpx.Reply(w, http.StatusOK, as, err)
}

func (h *Handler) myTasks(w http.ResponseWriter, r *http.Request) error {
	p, _ := tenancy.From(r.Context())
	ts, err := h.Tasks.Open(r.Context(), p.TenantID, p.UserID)
	return httpx.Reply(w, http.StatusOK, ts, err)
}

func (h *Handler) createTask(w http.ResponseWriter, r *http.Request) error {
	var t core.Task
	if err := httpx.Decode(r, &t); err != nil {
		return err
	}
	t, err := h.Tasks.Create(r.Context(), t)
	return httpx.Reply(w, http.StatusCreated, t, err)
}

func (h *Handler) complete(w http.ResponseWriter, r *http.Request) error {
	return httpx.Reply(w, http.StatusNoContent, nil, h.Tasks.Complete(r.Context(), httpx.PathID(r, "id")))
}

func (h *Handler) timeline(w http.ResponseWriter, r *http.Request) error {
	p, err := permissions.Require(r.Context(), permissions.ContactsRead)
	if err != nil {
		return err
	}
	es, err := h.Timeline.ForContact(r.Context(), p.TenantID, httpx.PathID(r, "id"), httpx.QueryInt(r, "limit", 100))
	return httpx.Reply(w, http.StatusOK, es, err)
}
