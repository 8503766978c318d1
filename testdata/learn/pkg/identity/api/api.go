// Package api exposes identity over HTTP: /auth/*, /me, /profiles/*.
package api

import (
	"net"
	"net/http"

	billingrepo "quill.dev/academy/pkg/billing/repo"
	"quill.dev/academy/pkg/common/types"
	"quill.dev/academy/pkg/identity/auth"
	"quill.dev/academy/pkg/identity/profile"
	"quill.dev/academy/pkg/identity/service"
	"quill.dev/academy/pkg/platform/clock"
	"quill.dev/academy/pkg/platform/errs"
	"quill.dev/academy/pkg/platform/httpx"
	"quill.dev/academy/pkg/platform/page"
)

// Handler serves identity endpoints.
type Handler struct {
	Svc      *service.Service
	Profiles *profile.Store
	// Billing is read directly so /me can show the plan badge without a
	// second round-trip from the SPA (QA-311). TODO: go through billing API.
	Billing *billingrepo.Repo
	Clock   clock.Clock
}

func (h *Handler) Routes(mux *http.ServeMux) {
	mux.HandleFunc("POST /auth/signup", httpx.H(h.signup))
	mux.HandleFunc("POST /auth/login", httpx.H(h.login))
	mux.HandleFunc("POST /auth/logout", httpx.H(h.logout))
	mux.HandleFunc("POST /auth/password/forgot", httpx.H(h.forgot))
	mux.HandleFunc("POST /auth/password/reset", httpx.H(h.reset))
	mux.HandleFunc("GET /me", httpx.H(h.me))
	mux.HandleFunc("GET /profiles/{id}", httpx.H(h.getProfile))
	mux.HandleFunc("PUT /me/profile", httpx.H(h.putProfile))
	mux.HandleFunc("GET /instructors", httpx.H(h.instructors))
}

func clientIP(r *http.Request) string {
	if f := r.Header.Get("X-Forwarded-For"); f != "" {
		return f
	}
	host, _, _ := net.SplitHostPort(r.RemoteAddr)
	return host
}

func (h *Handler) signup(w http.ResponseWriter, r *http.Request) error {
	var in service.SignupInput
	if err := httpx.Decode(r, &in); err != nil {
		return err
	}
	creds, err := h.Svc.Signup(r.Context(), in, r.UserAgent(), clientIP(r))
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusCreated, creds)
	return nil
}

func (h *Handler) login(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Email    string `json:"email"`
		Password string `json:"password"`
	}
	if err := httpx.Decode(r, &in); err != nil {
		return err
	}
	creds, err := h.Svc.Login(r.Context(), in.Email, in.Password, r.UserAgent(), clientIP(r))
	if err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{Name: "quill_at", Value: creds.AccessToken, HttpOnly: true, Secure: true, Path: "/", SameSite: http.SameSiteLaxMode})
	httpx.JSON(w, http.StatusOK, creds)
	return nil
}

func (h *Handler) logout(w http.ResponseWriter, r *http.Request) error {
	p, err := auth.Require(r)
	if err != nil {
		return err
	}
	if err := h.Svc.Logout(r.Context(), p.SessionID); err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{Name: "quill_at", Value: "", MaxAge: -1, Path: "/"})
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (h *Handler) forgot(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Email string `json:"email"`
	}
	if err := httpx.Decode(r, &in); err != nil {
		return err
	}
	if err := h.Svc.RequestPasswordReset(r.Context(), in.Email); err != nil {
		return err
	}
	w.WriteHeader(http.StatusAccepted)
	return nil
}

func (h *Handler) reset(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Token    string `json:"token"`
		Password string `json:"password"`
	}
	if err := httpx.Decode(r, &in); err != nil {
		return err
	}
	if err := h.Svc.ResetPassword(r.Context(), in.Token, in.Password); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

type meResponse struct {
	types.User
	Plan     types.PlanTier `json:"plan"`
	PlanEnds string         `json:"plan_ends,omitempty"`
}

func (h *Handler) me(w http.ResponseWriter, r *http.Request) error {
	p, err := auth.Require(r)
	if err != nil {
		return err
	}
	u, err := h.Svc.User(r.Context(), p.UserID)
	if err != nil {
		return err
	}
	resp := meResponse{User: u, Plan: types.TierFree}
	if sub, err := h.Billing.CurrentSubscription(r.Context(), u.ID); err == nil && sub.Live(h.Clock.Now()) {
		resp.Plan = sub.Tier
		resp.PlanEnds = sub.CurrentPeriodEnd.Format("2006-01-02")
	}
	httpx.JSON(w, http.StatusOK, resp)
	return nil
}

func (h *Handler) getProfile(w http.ResponseWriter, r *http.Request) error {
	prof, err := h.Profiles.Get(r.Context(), types.UserID(r.PathValue("id")))
	if err != nil {
		return err
	}
	if !prof.Public {
		if p, ok := auth.From(r.Context()); !ok || p.UserID != prof.UserID {
			return errs.E(errs.NotFound, "profile", "not found")
		}
	}
	httpx.JSON(w, http.StatusOK, prof)
	return nil
}

func (h *Handler) putProfile(w http.ResponseWriter, r *http.Request) error {
	p, err := auth.Require(r)
	if err != nil {
		return err
	}
	var in profile.Profile
	if err := httpx.Decode(r, &in); err != nil {
		return err
	}
	in.UserID = p.UserID
	in.UpdatedAt = h.Clock.Now()
	if err := profile.Validate(&in); err != nil {
		return err
	}
	if err := h.Profiles.Upsert(r.Context(), in); err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, in)
	return nil
}

func (h *Handler) instructors(w http.ResponseWriter, r *http.Request) error {
	req := page.FromHTTP(r)
	list, err := h.Profiles.ListInstructors(r.Context(), req)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, page.New(list, req, 0))
	return nil
}
