package marketing

import (
	"html/template"
	"net/http"
	"time"

	"gatehouse.events/platform/internal/platform/auth"
	"gatehouse.events/platform/internal/platform/httpx"
)

// Handler serves newsletter routes.
type Handler struct {
	svc  *Service
	auth *auth.Signer
}

// NewHandler builds the handler.
func NewHandler(s *Service, a *auth.Signer) *Handler { return &Handler{svc: s, auth: a} }

// Register implements httpx.Registrar.
func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /newsletter/unsubscribe", h.unsubscribe)
	mux.HandleFunc("POST /v1/admin/campaigns/{id}/schedule", h.auth.Require(h.schedule, auth.RoleStaff))
}

var unsubPage = template.Must(template.New("u").Parse(`<!doctype html><title>Unsubscribed</title><p>{{.}} will no longer receive Gatehouse newsletters.</p>`))

func (h *Handler) unsubscribe(w http.ResponseWriter, r *http.Request) {
	email := r.URL.Query().Get("email")
	if err := h.svc.Unsubscribe(r.Context(), email, r.URL.Query().Get("token")); err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_ = unsubPage.Execute(w, email)
}

func (h *Handler) schedule(w http.ResponseWriter, r *http.Request) {
	var in struct {
		At time.Time `json:"at"`
	}
	if err := httpx.Decode(r, &in); err != nil {
		httpx.Error(w, r, err)
		return
	}
	if err := h.svc.Schedule(r.Context(), r.PathValue("id"), in.At); err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
