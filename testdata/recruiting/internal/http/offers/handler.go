// Package offers exposes offer management and the public respond endpoint.
package offers

import (
	"net/http"

	appoffers "github.com/hirebase/ats/internal/app/offers"
	"github.com/hirebase/ats/internal/models"
	"github.com/hirebase/ats/internal/platform/httpx"
)

type Handler struct{ svc *appoffers.Service }

func New(svc *appoffers.Service) *Handler { return &Handler{svc: svc} }

func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /api/offers", httpx.RequireRole(models.RoleRecruiter, h.draft))
	mux.HandleFunc("GET /api/offers/{id}", h.get)
	mux.HandleFunc("POST /api/offers/{id}/submit", httpx.RequireRole(models.RoleRecruiter, h.submit))
	mux.HandleFunc("POST /api/offers/{id}/decision", httpx.RequireRole(models.RoleFinance, h.decide))
	mux.HandleFunc("POST /api/offers/{id}/send", httpx.RequireRole(models.RoleRecruiter, h.send))
	mux.HandleFunc("POST /offers/respond/{token}", h.respond)
}

func (h *Handler) draft(w http.ResponseWriter, r *http.Request) {
	var in appoffers.DraftInput
	if err := httpx.Decode(r, &in); err != nil {
		httpx.Error(w, r, err)
		return
	}
	p := httpx.MustPrincipal(r)
	o, err := h.svc.Draft(r.Context(), p.TenantID, p.UserID, in)
	httpx.Reply(w, r, http.StatusCreated, o, err)
}

func (h *Handler) get(w http.ResponseWriter, r *http.Request) {
	o, err := h.svc.Get(r.Context(), httpx.MustPrincipal(r).TenantID, r.PathValue("id"))
	httpx.Reply(w, r, http.StatusOK, o, err)
}

func (h *Handler) submit(w http.ResponseWriter, r *http.Request) {
	o, err := h.svc.Submit(r.Context(), httpx.MustPrincipal(r).TenantID, r.PathValue("id"))
	httpx.Reply(w, r, http.StatusOK, o, err)
}

func (h *Handler) decide(w http.ResponseWriter, r *http.Request) {
	var body struct{ Approve bool }
	if err := httpx.Decode(r, &body); err != nil {
		httpx.Error(w, r, err)
		return
	}
	p := httpx.MustPrincipal(r)
	o, err := h.svc.Decide(r.Context(), p.TenantID, r.PathValue("id"), body.Approve)
	httpx.Reply(w, r, http.StatusOK, o, err)
}

func (h *Handler) send(w http.ResponseWriter, r *http.Request) {
	p := httpx.MustPrincipal(r)
	o, err := h.svc.Send(r.Context(), p.TenantID, p.UserID, r.PathValue("id"))
	httpx.Reply(w, r, http.StatusOK, o, err)
}

func (h *Handler) respond(w http.ResponseWriter, r *http.Request) {
	var body struct{ Accept bool }
	if err := httpx.Decode(r, &body); err != nil {
		httpx.Error(w, r, err)
		return
	}
	o, err := h.svc.Respond(r.Context(), r.PathValue("token"), body.Accept)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"status": o.Status, "start_date": o.StartDate})
}
