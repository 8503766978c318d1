// Package leases exposes lease lifecycle and renewal endpoints.
package leases

import (
	"net/http"
	"time"

	"github.com/keystoneprop/platform/internal/auth"
	"github.com/keystoneprop/platform/internal/errs"
	"github.com/keystoneprop/platform/internal/httpx"
	"github.com/keystoneprop/platform/internal/leases"
	"github.com/keystoneprop/platform/internal/leases/renewals"
	"github.com/keystoneprop/platform/internal/ledger"
	"github.com/keystoneprop/platform/internal/models"
)

type Handler struct {
	Leases   *leases.Service
	Renewals *renewals.Service
	Ledger   *ledger.Service
}

func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /v1/leases/{id}", httpx.H(h.get))
	mux.HandleFunc("POST /v1/leases/{id}/send", httpx.H(h.send))
	mux.HandleFunc("POST /v1/leases/{id}/notice", httpx.H(h.notice))
	mux.HandleFunc("POST /v1/leases/{id}/end", httpx.H(h.end))
	mux.HandleFunc("POST /v1/renewals/{id}/accept", httpx.H(h.acceptRenewal))
	mux.HandleFunc("POST /v1/renewals/{id}/decline", httpx.H(h.declineRenewal))
}

// canSee lets staff see everything and tenants only their own leases.
func canSee(c auth.Claims, l models.Lease) bool {
	if auth.IsStaff(c) {
		return true
	}
	for _, t := range l.TenantIDs {
		if t == c.TenantID {
			return true
		}
	}
	return false
}

func (h *Handler) get(r *http.Request) (int, any, error) {
	c, err := auth.Require(r.Context(), auth.RoleStaff, auth.RoleTenant)
	if err != nil {
		return 0, nil, err
	}
	l, err := h.Leases.Get(r.Context(), r.PathValue("id"))
	if err == nil && !canSee(c, l) {
		err = errs.E(errs.NotFound, "lease not found")
	}
	if err != nil {
		return 0, nil, err
	}
	bal, err := h.Ledger.Balance(r.Context(), l.ID)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, map[string]any{"lease": l, "balance": bal}, nil
}

func (h *Handler) send(r *http.Request) (int, any, error) {
	if _, err := auth.Require(r.Context(), auth.RoleStaff); err != nil {
		return 0, nil, err
	}
	url, err := h.Leases.SendForSignature(r.Context(), r.PathValue("id"))
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, map[string]string{"signing_url": url}, nil
}

func (h *Handler) notice(r *http.Request) (int, any, error) {
	c, err := auth.Require(r.Context(), auth.RoleStaff, auth.RoleTenant)
	if err != nil {
		return 0, nil, err
	}
	var body struct {
		MoveOut time.Time `json:"move_out"`
	}
	if err := httpx.Decode(r, &body); err != nil {
		return 0, nil, err
	}
	l, err := h.Leases.Get(r.Context(), r.PathValue("id"))
	if err == nil && !canSee(c, l) {
		err = errs.E(errs.NotFound, "lease not found")
	}
	if err != nil {
		return 0, nil, err
	}
	end, err := h.Leases.GiveNotice(r.Context(), l.ID, body.MoveOut)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, map[string]time.Time{"lease_end": end}, nil
}

func (h *Handler) end(r *http.Request) (int, any, error) {
	if _, err := auth.Require(r.Context(), auth.RoleStaff); err != nil {
		return 0, nil, err
	}
	return http.StatusNoContent, nil, h.Leases.End(r.Context(), r.PathValue("id"), r.URL.Query().Get("reason"))
}

func (h *Handler) acceptRenewal(r *http.Request) (int, any, error) {
	if _, err := auth.Require(r.Context(), auth.RoleStaff, auth.RoleTenant); err != nil {
		return 0, nil, err
	}
	return http.StatusNoContent, nil, h.Renewals.Accept(r.Context(), r.PathValue("id"))
}

func (h *Handler) declineRenewal(r *http.Request) (int, any, error) {
	if _, err := auth.Require(r.Context(), auth.RoleStaff, auth.RoleTenant); err != nil {
		return 0, nil, err
	}
	return http.StatusNoContent, nil, h.Renewals.Decline(r.Context(), r.PathValue("id"))
}
