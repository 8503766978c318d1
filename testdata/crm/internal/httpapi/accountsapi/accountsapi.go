// Package accountsapi serves signup, sessions, users and teams.
package accountsapi

import (
	"net/http"

	"pipelinelabs.io/crm/internal/accounts"
	"pipelinelabs.io/crm/internal/accounts/permissions"
	"pipelinelabs.io/crm/internal/accounts/signup"
	"pipelinelabs.io/crm/internal/core"
	"pipelinelabs.io/crm/internal/platform/httpx"
	"pipelinelabs.io/crm/internal/platform/pagination"
	"pipelinelabs.io/crm/internal/platform/tenancy"
)

// Handler serves /v1/signup, /v1/sessions, /v1/me, /v1/users, /v1/teams.
type Handler struct {
	Accounts *accounts.Service
	Signup   *signup.Service
	Teams    *permissions.Teams
}

func (h *Handler) Register(r httpx.Registrar) {
	r.Public("POST /v1/signup", h.signup)
	r.Public("POST /v1/sessions", h.login)
	r.Private("GET /v1/me", h.me)
	r.Private("GET /v1/users", h.users)
	r.Private("POST /v1/users", h.invite)
	r.Private("DELETE /v1/users/{id}", h.deactivate)
	r.Private("GET /v1/teams", h.teams)
	r.Private("POST /v1/teams", h.createTeam)
	r.Private("POST /v1/teams/{id}/members", h.addMember)
}

func (h *Handler) signup(w http.ResponseWriter, r *http.Request) error {
	var req signup.Request
	if err := httpx.Decode(r, &req); err != nil {
		return err
	}
	res, err := h.Signup.Signup(r.Context(), req)
	return httpx.Reply(w, http.StatusCreated, res, err)
}

func (h *Handler) login(w http.ResponseWriter, r *http.Request) error {
	var in struct{ Workspace, Email, Password string }
	if err := httpx.Decode(r, &in); err != nil {
		return err
	}
	tok, u, err := h.Accounts.Login(r.Context(), in.Workspace, in.Email, in.Password)
	return httpx.Reply(w, http.StatusCreated, map[string]any{"token": tok, "user": u}, err)
}

func (h *Handler) me(w http.ResponseWriter, r *http.Request) error {
	u, t, err := h.Accounts.Me(r.Context())
	return httpx.Reply(w, http.StatusOK, map[string]any{"user": u, "tenant": t}, err)
}

func (h *Handler) users(w http.ResponseWriter, r *http.Request) error {
	page, err := h.Accounts.ListUsers(r.Context(), r.URL.Query().Get("include_inactive") == "true", pagination.FromRequest(r))
	return httpx.Reply(w, http.StatusOK, page, err)
}

func (h *Handler) invite(w http.ResponseWriter, r *http.Request) error {
	var in accounts.InviteInput
	if err := httpx.Decode(r, &in); err != nil {
		return err
	}
	u, err := h.Accounts.Invite(r.Context(), in)
	return httpx.Reply(w, http.StatusCreated, u, err)
}

func (h *Handler) deactivate(w http.ResponseWriter, r *http.Request) error {
	return httpx.Reply(w, http.StatusNoContent, nil, h.Accounts.Deactivate(r.Context(), httpx.PathID(r, "id")))
}

func (h *Handler) teams(w http.ResponseWriter, r *http.Request) error {
	ts, err := h.Teams.List(r.Context(), tenancy.TenantID(r.Context()))
	return httpx.Reply(w, http.StatusOK, ts, err)
}

func (h *Handler) createTeam(w http.ResponseWriter, r *http.Request) error {
	p, err := permissions.Require(r.Context(), permissions.UsersManage)
	if err != nil {
		return err
	}
	var in struct {
		Name      string  `json:"name"`
		ManagerID core.ID `json:"manager_id"`
	}
	if err := httpx.Decode(r, &in); err != nil {
		return err
	}
	t, err := h.Teams.Create(r.Context(), p.TenantID, in.Name, in.ManagerID)
	return httpx.Reply(w, http.StatusCreated, t, err)
}

func (h *Handler) addMember(w http.ResponseWriter, r *http.Request) error {
	p, err := permissions.Require(r.Context(), permissions.UsersManage)
	if err != nil {
		return err
	}
	var in struct {
		UserID core.ID `json:"user_id"`
	}
	if err := httpx.Decode(r, &in); err != nil {
		return err
	}
	return httpx.Reply(w, http.StatusNoContent, nil, h.Teams.AddMember(r.Context(), p.TenantID, httpx.PathID(r, "id"), in.UserID))
}
