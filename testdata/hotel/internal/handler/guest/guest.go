// Package guest exposes guest profiles and loyalty over HTTP.
package guest

import (
	"net/http"

	"github.com/staybright/platform/internal/loyalty/points"
	"github.com/staybright/platform/internal/pkg/auth"
	"github.com/staybright/platform/internal/pkg/httpx"
	"github.com/staybright/platform/internal/service/guest"
	"github.com/staybright/platform/internal/store/reservation"
)

// Handler serves /v1/guests.
type Handler struct {
	guests       *guest.Service
	loyalty      *points.Service
	reservations *reservation.Store
	auth         auth.Verifier
}

// New builds the handler.
func New(g *guest.Service, l *points.Service, rs *reservation.Store, v auth.Verifier) *Handler {
	return &Handler{guests: g, loyalty: l, reservations: rs, auth: v}
}

// Register mounts the routes. Guest-facing routes sit behind the web BFF which
// authenticates the guest; staff routes use staff tokens.
func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /v1/guests/{id}", h.get)
	mux.HandleFunc("GET /v1/guests/{id}/stays", h.stays)
	mux.HandleFunc("GET /v1/guests/{id}/loyalty", h.loyaltySummary)
	mux.HandleFunc("POST /v1/guests/{id}/loyalty", h.enroll)
	mux.HandleFunc("POST /v1/staff/guests/{id}/loyalty/reconcile", auth.Require(h.auth, auth.RoleManager, h.reconcile))
	mux.HandleFunc("DELETE /v1/staff/guests/{id}", auth.Require(h.auth, auth.RoleAdmin, h.erase))
}

func (h *Handler) get(w http.ResponseWriter, r *http.Request) {
	g, err := h.guests.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, g)
}

// stays lists the guest's reservations for the "My trips" page.
func (h *Handler) stays(w http.ResponseWriter, r *http.Request) {
	page := httpx.PageFrom(r)
	list, err := h.reservations.ListByGuest(r.Context(), r.PathValue("id"), page.Limit)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"reservations": list})
}

func (h *Handler) loyaltySummary(w http.ResponseWriter, r *http.Request) {
	s, err := h.loyalty.Balance(r.Context(), r.PathValue("id"))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, s)
}

func (h *Handler) enroll(w http.ResponseWriter, r *http.Request) {
	a, err := h.loyalty.Enroll(r.Context(), r.PathValue("id"))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, a)
}

func (h *Handler) reconcile(w http.ResponseWriter, r *http.Request) {
	n, err := h.loyalty.ReconcileStays(r.Context(), r.PathValue("id"))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, map[string]int{"stays_checked": n})
}

func (h *Handler) erase(w http.ResponseWriter, r *http.Request) {
	if err := h.guests.Erase(r.Context(), r.PathValue("id")); err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
