// Package api exposes borrower onboarding over HTTP.
package api

import (
	"net/http"

	"lendwise.io/platform/internal/borrowers"
	"lendwise.io/platform/internal/platform/auth"
	"lendwise.io/platform/internal/platform/httpx"
)

type Handler struct {
	svc *borrowers.Service
}

func New(svc *borrowers.Service) *Handler { return &Handler{svc: svc} }

func (h *Handler) Routes(mux *http.ServeMux) {
	mux.HandleFunc("POST /v1/borrowers", h.register)
	mux.HandleFunc("GET /v1/borrowers/{id}", h.get)
	mux.HandleFunc("POST /v1/borrowers/{id}/verify", h.verify)
	mux.HandleFunc("POST /v1/borrowers/{id}/bank-accounts", h.linkBank)
}

func (h *Handler) register(w http.ResponseWriter, r *http.Request) {
	var in borrowers.RegisterInput
	if err := httpx.Decode(r, &in); err != nil {
		httpx.Error(w, r, err)
		return
	}
	b, err := h.svc.Register(r.Context(), in)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, b)
}

func (h *Handler) get(w http.ResponseWriter, r *http.Request) {
	if err := selfOrStaff(r); err != nil {
		httpx.Error(w, r, err)
		return
	}
	b, err := h.svc.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, b)
}

func (h *Handler) verify(w http.ResponseWriter, r *http.Request) {
	if err := selfOrStaff(r); err != nil {
		httpx.Error(w, r, err)
		return
	}
	b, err := h.svc.Verify(r.Context(), r.PathValue("id"))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"id": b.ID, "kyc_status": b.KYCStatus})
}

func (h *Handler) linkBank(w http.ResponseWriter, r *http.Request) {
	if err := selfOrStaff(r); err != nil {
		httpx.Error(w, r, err)
		return
	}
	var in struct {
		Routing string `json:"routing_number"`
		Account string `json:"account_number"`
		Kind    string `json:"kind"`
	}
	if err := httpx.Decode(r, &in); err != nil {
		httpx.Error(w, r, err)
		return
	}
	a, err := h.svc.LinkBankAccount(r.Context(), r.PathValue("id"), in.Routing, in.Account, in.Kind)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, a)
}

func selfOrStaff(r *http.Request) error {
	p, err := auth.Require(r.Context(), auth.RoleBorrower, auth.RoleAgent, auth.RoleUnderwrite)
	if err != nil {
		return err
	}
	if p.Role == auth.RoleBorrower && p.Subject != r.PathValue("id") {
		_, err = auth.Require(r.Context())
	}
	return err
}
