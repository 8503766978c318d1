// Package http exposes sign-up, login and the fan's own profile.
package http

import (
	"net/http"

	"gatehouse.events/platform/internal/accounts/app"
	"gatehouse.events/platform/internal/platform/auth"
	"gatehouse.events/platform/internal/platform/httpx"
)

// Handler serves account routes.
type Handler struct {
	svc  *app.Service
	auth *auth.Signer
}

// NewHandler builds the handler.
func NewHandler(s *app.Service, a *auth.Signer) *Handler { return &Handler{svc: s, auth: a} }

// Register implements httpx.Registrar.
func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /v1/fans", h.register)
	mux.HandleFunc("POST /v1/sessions", h.login)
	mux.HandleFunc("GET /v1/verify", h.verify)
	mux.HandleFunc("GET /v1/me", h.auth.Require(h.me, auth.RoleFan))
}

func (h *Handler) register(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Email       string `json:"email"`
		Password    string `json:"password"`
		DisplayName string `json:"display_name"`
		Country     string `json:"country"`
		MarketingOK bool   `json:"marketing_ok"`
	}
	if err := httpx.Decode(r, &in); err != nil {
		httpx.Error(w, r, err)
		return
	}
	f, err := h.svc.Register(r.Context(), app.RegisterInput(in))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, f.Profile())
}

func (h *Handler) login(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Email    string `json:"email"`
		Password string `json:"password"`
	}
	if err := httpx.Decode(r, &in); err != nil {
		httpx.Error(w, r, err)
		return
	}
	tok, err := h.svc.Login(r.Context(), in.Email, in.Password)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, map[string]string{"token": tok})
}

func (h *Handler) verify(w http.ResponseWriter, r *http.Request) {
	if err := h.svc.Verify(r.Context(), r.URL.Query().Get("token")); err != nil {
		httpx.Error(w, r, err)
		return
	}
	http.Redirect(w, r, "/account?verified=1", http.StatusSeeOther)
}

func (h *Handler) me(w http.ResponseWriter, r *http.Request) {
	p, _ := auth.FromContext(r.Context())
	prof, err := h.svc.Profile(r.Context(), p.Subject)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, prof)
}
