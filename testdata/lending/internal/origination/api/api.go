// Package api exposes offers, acceptance and e-signature over HTTP.
package api

import (
	"net"
	"net/http"

	"lendwise.io/platform/internal/origination"
	"lendwise.io/platform/internal/platform/auth"
	"lendwise.io/platform/internal/platform/httpx"
)

type Handler struct {
	svc *origination.Service
}

func New(svc *origination.Service) *Handler { return &Handler{svc: svc} }

func (h *Handler) Routes(mux *http.ServeMux) {
	mux.HandleFunc("POST /v1/applications/{id}/offers", h.offers)
	mux.HandleFunc("POST /v1/offers/{id}/accept", h.accept)
	mux.HandleFunc("GET /v1/agreements/{id}/documents", h.documents)
	mux.HandleFunc("POST /v1/agreements/{id}/sign", h.sign)
}

func (h *Handler) offers(w http.ResponseWriter, r *http.Request) {
	if _, err := auth.Require(r.Context(), auth.RoleBorrower, auth.RoleAgent); err != nil {
		httpx.Error(w, r, err)
		return
	}
	offers, err := h.svc.PresentOffers(r.Context(), r.PathValue("id"))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, map[string]any{"offers": offers})
}

func (h *Handler) accept(w http.ResponseWriter, r *http.Request) {
	p, err := auth.Require(r.Context(), auth.RoleBorrower)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	a, docs, err := h.svc.Accept(r.Context(), r.PathValue("id"), p.Subject)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, map[string]any{"agreement": a, "documents": docs})
}

func (h *Handler) documents(w http.ResponseWriter, r *http.Request) {
	p, err := auth.Require(r.Context(), auth.RoleBorrower, auth.RoleAgent)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	owner := ""
	if p.Role == auth.RoleBorrower {
		owner = p.Subject
	}
	docs, err := h.svc.Documents(r.Context(), r.PathValue("id"), owner)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"documents": docs})
}

func (h *Handler) sign(w http.ResponseWriter, r *http.Request) {
	p, err := auth.Require(r.Context(), auth.RoleBorrower)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	ip, _, _ := net.SplitHostPort(r.RemoteAddr)
	if fwd := r.Header.Get("X-Forwarded-For"); fwd != "" {
		ip = fwd
	}
	loan, err := h.svc.Sign(r.Context(), r.PathValue("id"), p.Subject, ip)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, loan)
}
