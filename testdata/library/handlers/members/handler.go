// Package members serves registration and member administration.
package members

import (
	"net/http"

	"citylib.org/ils/httputil"
	"citylib.org/ils/models"
	svc "citylib.org/ils/services/members"
)

type Handler struct {
	svc *svc.Service
}

func New(s *svc.Service) *Handler { return &Handler{svc: s} }

func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /members", h.register)
	mux.HandleFunc("GET /members/{id}", h.get)
	mux.HandleFunc("POST /members/{id}/card/replace", h.replaceCard)
	mux.HandleFunc("POST /members/{id}/suspend", h.suspend)
	mux.HandleFunc("POST /members/{id}/renew", h.renew)
}

func (h *Handler) register(w http.ResponseWriter, r *http.Request) {
	var req models.RegisterMemberRequest
	if err := httputil.DecodeJSON(r, &req); err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	m, err := h.svc.Register(r.Context(), req)
	if err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	httputil.WriteJSON(w, http.StatusCreated, m)
}

func (h *Handler) get(w http.ResponseWriter, r *http.Request) {
	id, err := httputil.PathID(r, "id")
	if err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	m, err := h.svc.Get(r.Context(), id)
	if err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	blocks, err := h.svc.Standing(r.Context(), m)
	if err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	httputil.WriteJSON(w, http.StatusOK, map[string]any{"member": m, "blocks": blocks})
}

func (h *Handler) replaceCard(w http.ResponseWriter, r *http.Request) {
	id, err := httputil.PathID(r, "id")
	if err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	m, err := h.svc.ReplaceCard(r.Context(), id)
	if err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	httputil.WriteJSON(w, http.StatusOK, m)
}

func (h *Handler) suspend(w http.ResponseWriter, r *http.Request) {
	id, err := httputil.PathID(r, "id")
	if err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	var body struct {
		Reason string `json:"reason"`
	}
	if err := httputil.DecodeJSON(r, &body); err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	if err := h.svc.Suspend(r.Context(), id, body.Reason); err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *Handler) renew(w http.ResponseWriter, r *http.Request) {
	id, err := httputil.PathID(r, "id")
	if err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	m, err := h.svc.Renew(r.Context(), id)
	if err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	httputil.WriteJSON(w, http.StatusOK, m)
}
