// Package http exposes the fan's ticket wallet.
package http

import (
	"net/http"

	"gatehouse.events/platform/internal/platform/auth"
	"gatehouse.events/platform/internal/platform/httpx"
	"gatehouse.events/platform/internal/shared/model"
	"gatehouse.events/platform/internal/ticketing/app"
)

// Handler serves ticket routes.
type Handler struct {
	svc  *app.Service
	auth *auth.Signer
}

// NewHandler builds the handler.
func NewHandler(s *app.Service, a *auth.Signer) *Handler { return &Handler{svc: s, auth: a} }

// Register implements httpx.Registrar.
func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /v1/me/tickets", h.auth.Require(h.list, auth.RoleFan))
	mux.HandleFunc("GET /v1/me/tickets/{id}", h.auth.Require(h.get, auth.RoleFan))
	mux.HandleFunc("POST /v1/me/tickets/{id}/transfer", h.auth.Require(h.transfer, auth.RoleFan))
}

func (h *Handler) list(w http.ResponseWriter, r *http.Request) {
	p, _ := auth.FromContext(r.Context())
	ts, err := h.svc.MyTickets(r.Context(), p.Subject)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, model.Page[model.TicketView]{Items: ts})
}

func (h *Handler) get(w http.ResponseWriter, r *http.Request) {
	p, _ := auth.FromContext(r.Context())
	t, err := h.svc.Get(r.Context(), p.Subject, r.PathValue("id"))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, t)
}

func (h *Handler) transfer(w http.ResponseWriter, r *http.Request) {
	p, _ := auth.FromContext(r.Context())
	var in struct {
		ToEmail string `json:"to_email"`
	}
	if err := httpx.Decode(r, &in); err != nil {
		httpx.Error(w, r, err)
		return
	}
	t, err := h.svc.Transfer(r.Context(), p.Subject, r.PathValue("id"), in.ToEmail)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	t.Barcode = "" // the recipient gets the new code by email
	httpx.JSON(w, http.StatusOK, t)
}
