// Package agentapi exposes the agency portal endpoints: agent profiles,
// onboarding and commission statements.
package agentapi

import (
	"net/http"

	"harbormutual.com/core/agents"
	"harbormutual.com/core/agents/commission"
	"harbormutual.com/core/api/middleware"
	"harbormutual.com/core/domain"
	"harbormutual.com/core/platform/errs"
	"harbormutual.com/core/platform/httpx"
)

type Handler struct {
	agents     *agents.Service
	commission *commission.Service
}

func New(ag *agents.Service, cs *commission.Service) *Handler {
	return &Handler{agents: ag, commission: cs}
}

func (h *Handler) Register(mux *http.ServeMux) {
	staff := middleware.RequireRole("staff")
	mux.HandleFunc("GET /v1/agents/me", httpx.Handle(h.me))
	mux.HandleFunc("GET /v1/agents/me/statements", httpx.Handle(h.statements))
	mux.Handle("GET /v1/agents", staff(httpx.Handle(h.list)))
	mux.Handle("POST /v1/agents", staff(httpx.Handle(h.onboard)))
	mux.Handle("POST /v1/agents/{id}/terminate", staff(httpx.Handle(h.terminate)))
}

func agentID(r *http.Request) (int64, error) {
	p, ok := middleware.PrincipalFrom(r.Context())
	if !ok || p.AgentID == 0 {
		return 0, errs.E("agentapi", errs.Forbidden, "agent credentials required")
	}
	return p.AgentID, nil
}

func (h *Handler) me(w http.ResponseWriter, r *http.Request) error {
	id, err := agentID(r)
	if err != nil {
		return err
	}
	a, err := h.agents.Get(r.Context(), id)
	if err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusOK, a)
}

func (h *Handler) statements(w http.ResponseWriter, r *http.Request) error {
	id, err := agentID(r)
	if err != nil {
		return err
	}
	sts, err := h.commission.Statements(r.Context(), id)
	if err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusOK, map[string]any{"statements": sts})
}

func (h *Handler) list(w http.ResponseWriter, r *http.Request) error {
	as, err := h.agents.ListActive(r.Context())
	if err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusOK, map[string]any{"agents": as})
}

func (h *Handler) onboard(w http.ResponseWriter, r *http.Request) error {
	var a domain.Agent
	if err := httpx.Decode(r, &a); err != nil {
		return err
	}
	if err := h.agents.Onboard(r.Context(), &a); err != nil {
		return err
	}
	return httpx.Created(w, httpx.Locf("/v1/agents/%d", a.ID), a)
}

func (h *Handler) terminate(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	if err := h.agents.Terminate(r.Context(), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
