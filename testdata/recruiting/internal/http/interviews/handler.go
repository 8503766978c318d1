// Package interviews exposes scheduling and scorecard endpoints.
package interviews

import (
	"net/http"
	"slices"

	appinterviews "github.com/hirebase/ats/internal/app/interviews"
	apppipeline "github.com/hirebase/ats/internal/app/pipeline"
	"github.com/hirebase/ats/internal/calendarsync"
	dbrequisitions "github.com/hirebase/ats/internal/db/requisitions"
	"github.com/hirebase/ats/internal/models"
	"github.com/hirebase/ats/internal/platform/errs"
	"github.com/hirebase/ats/internal/platform/httpx"
)

type Handler struct {
	svc      *appinterviews.Service
	pipeline *apppipeline.Service
	reqs     *dbrequisitions.Store
	cal      *calendarsync.Client
}

func New(svc *appinterviews.Service, pipeline *apppipeline.Service, reqs *dbrequisitions.Store, cal *calendarsync.Client) *Handler {
	return &Handler{svc: svc, pipeline: pipeline, reqs: reqs, cal: cal}
}

func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /api/interviews", httpx.RequireRole(models.RoleRecruiter, h.schedule))
	mux.HandleFunc("POST /api/interviews/{id}/scorecard", h.submitScorecard)
	mux.HandleFunc("GET /api/applications/{id}/interviews", h.forApplication)
	mux.HandleFunc("GET /api/applications/{id}/debrief", h.debrief)
	mux.HandleFunc("POST /api/calendar/connect", h.connectCalendar)
}

func (h *Handler) schedule(w http.ResponseWriter, r *http.Request) {
	var in appinterviews.ScheduleInput
	if err := httpx.Decode(r, &in); err != nil {
		httpx.Error(w, r, err)
		return
	}
	p := httpx.MustPrincipal(r)
	iv, err := h.svc.Schedule(r.Context(), p.TenantID, p.UserID, in)
	httpx.Reply(w, r, http.StatusCreated, iv, err)
}

func (h *Handler) submitScorecard(w http.ResponseWriter, r *http.Request) {
	var sc models.Scorecard
	if err := httpx.Decode(r, &sc); err != nil {
		httpx.Error(w, r, err)
		return
	}
	p := httpx.MustPrincipal(r)
	out, err := h.svc.SubmitScorecard(r.Context(), p.TenantID, p.UserID, r.PathValue("id"), sc)
	httpx.Reply(w, r, http.StatusCreated, out, err)
}

func (h *Handler) forApplication(w http.ResponseWriter, r *http.Request) {
	ivs, err := h.svc.ForApplication(r.Context(), httpx.MustPrincipal(r).TenantID, r.PathValue("id"))
	httpx.Reply(w, r, http.StatusOK, ivs, err)
}

// debrief is visible to recruiters and the requisition's hiring team.
func (h *Handler) debrief(w http.ResponseWriter, r *http.Request) {
	p := httpx.MustPrincipal(r)
	app, err := h.pipeline.Get(r.Context(), p.TenantID, r.PathValue("id"))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	allowed := p.HasRole(models.RoleRecruiter)
	if !allowed {
		team, err := h.reqs.HiringTeam(r.Context(), app.RequisitionID)
		if err != nil {
			httpx.Error(w, r, err)
			return
		}
		allowed = slices.Contains(team, p.UserID)
	}
	if !allowed {
		httpx.Error(w, r, errs.Forbidden("only the hiring team can see the debrief"))
		return
	}
	sum, err := h.svc.Summarize(r.Context(), p.TenantID, app.ID, p.UserID)
	httpx.Reply(w, r, http.StatusOK, sum, err)
}

func (h *Handler) connectCalendar(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Provider     string `json:"provider"`
		RefreshToken string `json:"refresh_token"`
	}
	if err := httpx.Decode(r, &body); err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.Reply(w, r, http.StatusNoContent, nil, h.cal.Connect(r.Context(), httpx.MustPrincipal(r).UserID, body.Provider, body.RefreshToken))
}
