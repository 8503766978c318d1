package accounts

import (
	"net/http"
	"time"

	"github.com/dailyherald/newsroom/pkg/errs"
	"github.com/dailyherald/newsroom/pkg/httpx"
	"github.com/dailyherald/newsroom/pkg/httpx/middleware"
)

type Handlers struct{ S *Service }

func (h Handlers) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /v1/accounts", h.register)
	mux.HandleFunc("POST /v1/sessions", h.login)
	mux.HandleFunc("GET /v1/me", h.me)
}

func (h Handlers) register(w http.ResponseWriter, r *http.Request) {
	var in RegisterInput
	if err := httpx.ReadJSON(r, &in); err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	reader, err := h.S.Register(r.Context(), in)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusCreated, reader)
}

func (h Handlers) login(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Email    string `json:"email"`
		Password string `json:"password"`
	}
	if err := httpx.ReadJSON(r, &in); err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	token, reader, err := h.S.Login(r.Context(), in.Email, in.Password)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	http.SetCookie(w, &http.Cookie{
		Name: "dh_session", Value: token, Path: "/", HttpOnly: true, Secure: true,
		SameSite: http.SameSiteLaxMode, Expires: time.Now().Add(sessionTTL),
	})
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"token": token, "reader": reader})
}

func (h Handlers) me(w http.ResponseWriter, r *http.Request) {
	p, ok := middleware.PrincipalFrom(r.Context())
	if !ok || p.Staff {
		httpx.WriteError(w, r, errs.E(errs.Unauthorized, "reader session required"))
		return
	}
	reader, err := h.S.Reader(r.Context(), p.ID)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, reader)
}
