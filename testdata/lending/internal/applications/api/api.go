// Package api exposes applications and the underwriter review queue over HTTP.
package api

import (
	"net/http"

	"lendwise.io/platform/internal/applications"
	borrowerstore "lendwise.io/platform/internal/borrowers/store"
	"lendwise.io/platform/internal/platform/auth"
	"lendwise.io/platform/internal/platform/httpx"
	"lendwise.io/platform/internal/underwriting"
)

type Handler struct {
	apps      *applications.Service
	engine    *underwriting.Engine
	borrowers *borrowerstore.Store
}

func New(apps *applications.Service, engine *underwriting.Engine, bs *borrowerstore.Store) *Handler {
	return &Handler{apps: apps, engine: engine, borrowers: bs}
}

func (h *Handler) Routes(mux *http.ServeMux) {
	mux.HandleFunc("POST /v1/applications", h.submit)
	mux.HandleFunc("GET /v1/applications/{id}", h.get)
	mux.HandleFunc("POST /v1/applications/{id}/withdraw", h.withdraw)
	mux.HandleFunc("GET /v1/underwriting/reviews", h.queue)
	mux.HandleFunc("POST /v1/underwriting/reviews/{id}", h.resolve)
}

func (h *Handler) submit(w http.ResponseWriter, r *http.Request) {
	p, err := auth.Require(r.Context(), auth.RoleBorrower)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	var in applications.SubmitInput
	if err := httpx.Decode(r, &in); err != nil {
		httpx.Error(w, r, err)
		return
	}
	in.BorrowerID = p.Subject
	app, dec, err := h.apps.Submit(r.Context(), in)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, map[string]any{"application": app, "decision": dec})
}

// get returns the application with a borrower summary for the agent console.
func (h *Handler) get(w http.ResponseWriter, r *http.Request) {
	if _, err := auth.Require(r.Context(), auth.RoleAgent, auth.RoleUnderwrite); err != nil {
		httpx.Error(w, r, err)
		return
	}
	app, err := h.apps.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	b, err := h.borrowers.Get(r.Context(), app.BorrowerID)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, map[string]any{
		"application": app,
		"borrower":    map[string]any{"id": b.ID, "name": b.FullName(), "state": b.Address.State, "kyc_status": b.KYCStatus},
	})
}

func (h *Handler) withdraw(w http.ResponseWriter, r *http.Request) {
	p, err := auth.Require(r.Context(), auth.RoleBorrower, auth.RoleAgent)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	owner := ""
	if p.Role == auth.RoleBorrower {
		owner = p.Subject
	}
	if err := h.apps.Withdraw(r.Context(), r.PathValue("id"), owner); err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *Handler) queue(w http.ResponseWriter, r *http.Request) {
	if _, err := auth.Require(r.Context(), auth.RoleUnderwrite); err != nil {
		httpx.Error(w, r, err)
		return
	}
	items, err := h.engine.ReviewQueue(r.Context(), httpx.QueryInt(r, "limit", 50))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"items": items})
}

func (h *Handler) resolve(w http.ResponseWriter, r *http.Request) {
	p, err := auth.Require(r.Context(), auth.RoleUnderwrite)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	var in struct {
		Approve bool   `json:"approve"`
		Note    string `json:"note"`
	}
	if err := httpx.Decode(r, &in); err != nil {
		httpx.Error(w, r, err)
		return
	}
	app, err := h.apps.ResolveReview(r.Context(), r.PathValue("id"), p.Subject, in.Note, in.Approve)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, app)
}
