// Package messages exposes tenant/staff message threads.
package messages

import (
	"net/http"

	"github.com/keystoneprop/platform/internal/auth"
	"github.com/keystoneprop/platform/internal/httpx"
	"github.com/keystoneprop/platform/internal/messaging"
	"github.com/keystoneprop/platform/internal/models"
)

type Handler struct{ Messaging *messaging.Service }

func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /v1/threads", httpx.H(h.list))
	mux.HandleFunc("POST /v1/threads", httpx.H(h.open))
	mux.HandleFunc("GET /v1/threads/{id}/messages", httpx.H(h.messages))
	mux.HandleFunc("POST /v1/threads/{id}/messages", httpx.H(h.post))
	mux.HandleFunc("POST /v1/threads/{id}/close", httpx.H(h.close))
}

func (h *Handler) list(r *http.Request) (int, any, error) {
	c, err := auth.Require(r.Context(), auth.RoleTenant)
	if err != nil {
		return 0, nil, err
	}
	ts, err := h.Messaging.ThreadsForTenant(r.Context(), c.TenantID)
	return http.StatusOK, ts, err
}

func (h *Handler) open(r *http.Request) (int, any, error) {
	c, err := auth.Require(r.Context(), auth.RoleTenant, auth.RoleStaff)
	if err != nil {
		return 0, nil, err
	}
	var body struct {
		Subject string `json:"subject"`
		LeaseID string `json:"lease_id"`
		Body    string `json:"body"`
	}
	if err := httpx.Decode(r, &body); err != nil {
		return 0, nil, err
	}
	t, err := h.Messaging.OpenThread(r.Context(), models.Thread{Subject: body.Subject, LeaseID: body.LeaseID, OpenedBy: c.UserID}, body.Body)
	return http.StatusCreated, t, err
}

func (h *Handler) messages(r *http.Request) (int, any, error) {
	c, err := auth.Require(r.Context(), auth.RoleTenant, auth.RoleStaff)
	if err != nil {
		return 0, nil, err
	}
	ms, err := h.Messaging.Messages(r.Context(), r.PathValue("id"), auth.IsStaff(c))
	return http.StatusOK, ms, err
}

func (h *Handler) post(r *http.Request) (int, any, error) {
	c, err := auth.Require(r.Context(), auth.RoleTenant, auth.RoleStaff)
	if err != nil {
		return 0, nil, err
	}
	var body struct {
		Body     string `json:"body"`
		Internal bool   `json:"internal"`
	}
	if err := httpx.Decode(r, &body); err != nil {
		return 0, nil, err
	}
	m, err := h.Messaging.Post(r.Context(), models.Message{ThreadID: r.PathValue("id"), AuthorID: c.UserID, Body: body.Body,
		Internal: body.Internal && auth.IsStaff(c)})
	return http.StatusCreated, m, err
}

func (h *Handler) close(r *http.Request) (int, any, error) {
	if _, err := auth.Require(r.Context(), auth.RoleStaff); err != nil {
		return 0, nil, err
	}
	return http.StatusNoContent, nil, h.Messaging.Close(r.Context(), r.PathValue("id"))
}
