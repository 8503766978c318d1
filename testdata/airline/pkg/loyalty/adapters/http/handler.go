// Package http is the member-facing loyalty API.
package http

import (
	"net/http"

	"skyhop.aero/backend/pkg/loyalty"
	"skyhop.aero/backend/pkg/platform/httpx"
)

type Handler struct{ Svc *loyalty.Service }

func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /loyalty/members", h.enroll)
	mux.HandleFunc("GET /loyalty/members/{number}", h.get)
	mux.HandleFunc("GET /loyalty/members/{number}/transactions", h.transactions)
}

func (h *Handler) enroll(w http.ResponseWriter, r *http.Request) {
	var req struct {
		FirstName string `json:"first_name"`
		LastName  string `json:"last_name"`
		Email     string `json:"email"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	m, err := h.Svc.Enroll(r.Context(), req.FirstName, req.LastName, req.Email)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, m)
}

func (h *Handler) get(w http.ResponseWriter, r *http.Request) {
	m, err := h.Svc.Summary(r.Context(), r.PathValue("number"))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, m)
}

func (h *Handler) transactions(w http.ResponseWriter, r *http.Request) {
	ts, err := h.Svc.Transactions(r.Context(), r.PathValue("number"))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, ts)
}
