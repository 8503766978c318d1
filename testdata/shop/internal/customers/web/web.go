// Package web exposes the customers context over HTTP.
package web

import (
	"net/http"

	"example.com/shop/internal/customers/accounts"
	"example.com/shop/internal/customers/addresses"
	"example.com/shop/internal/customers/auth"
	"example.com/shop/internal/models"
	"example.com/shop/internal/platform/errs"
	"example.com/shop/internal/platform/httpx"
	"example.com/shop/internal/platform/log"
)

// Handler serves account, session and address endpoints.
type Handler struct {
	accounts  *accounts.Service
	addresses *addresses.Service
	auth      *auth.Authenticator
	log       *log.Logger
}

// New returns the customers handler.
func New(acc *accounts.Service, addr *addresses.Service, a *auth.Authenticator, logger *log.Logger) *Handler {
	return &Handler{accounts: acc, addresses: addr, auth: a, log: logger.Named("customers.web")}
}

// Register mounts the routes.
func (h *Handler) Register(mux *http.ServeMux) {
	mux.Handle("POST /customers", httpx.Handle(h.log, h.register))
	mux.Handle("POST /sessions", httpx.Handle(h.log, h.login))
	mux.Handle("DELETE /sessions", httpx.Handle(h.log, h.logout))
	me := func(f httpx.HandlerFunc) http.Handler { return h.auth.Require(httpx.Handle(h.log, f)) }
	mux.Handle("GET /me", me(h.profile))
	mux.Handle("PATCH /me", me(h.updateProfile))
	mux.Handle("PUT /me/password", me(h.changePassword))
	mux.Handle("DELETE /me", me(h.closeAccount))
	mux.Handle("GET /me/addresses", me(h.listAddresses))
	mux.Handle("POST /me/addresses", me(h.addAddress))
	mux.Handle("DELETE /me/addresses/{id}", me(h.removeAddress))
	mux.Handle("PUT /me/addresses/{id}/default", me(h.setDefault))
}

func customer(r *http.Request) (string, error) {
	id, ok := auth.CustomerID(r.Context())
	if !ok {
		return "", errs.Unauthorized("customers.web", "sign in first")
	}
	return id, nil
}

func (h *Handler) register(w http.ResponseWriter, r *http.Request) error {
	var req struct {
		Email     string `json:"email"`
		Name      string `json:"name"`
		Password  string `json:"password"`
		Marketing bool   `json:"marketing"`
	}
	if err := httpx.Decode(w, r, &req); err != nil {
		return err
	}
	c, err := h.accounts.Register(r.Context(), accounts.Registration{
		Email: req.Email, Name: req.Name, Password: req.Password, Marketing: req.Marketing,
	})
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusCreated, c)
	return nil
}

func (h *Handler) login(w http.ResponseWriter, r *http.Request) error {
	var req struct {
		Email    string `json:"email"`
		Password string `json:"password"`
	}
	if err := httpx.Decode(w, r, &req); err != nil {
		return err
	}
	sess, err := h.auth.Login(r.Context(), req.Email, req.Password, r.UserAgent())
	if err != nil {
		return err
	}
	auth.SetCookie(w, sess)
	httpx.JSON(w, http.StatusCreated, map[string]any{"token": sess.Token, "expires_at": sess.ExpiresAt})
	return nil
}

func (h *Handler) logout(w http.ResponseWriter, r *http.Request) error {
	if tok := auth.Token(r); tok != "" {
		if err := h.auth.Logout(r.Context(), tok); err != nil {
			return err
		}
	}
	httpx.NoContent(w)
	return nil
}

func (h *Handler) profile(w http.ResponseWriter, r *http.Request) error {
	id, err := customer(r)
	if err != nil {
		return err
	}
	c, err := h.accounts.Get(r.Context(), id)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, c)
	return nil
}

func (h *Handler) updateProfile(w http.ResponseWriter, r *http.Request) error {
	id, err := customer(r)
	if err != nil {
		return err
	}
	var req struct {
		Name      string `json:"name"`
		Marketing bool   `json:"marketing"`
	}
	if err := httpx.Decode(w, r, &req); err != nil {
		return err
	}
	if err := h.accounts.UpdateProfile(r.Context(), id, req.Name, req.Marketing); err != nil {
		return err
	}
	httpx.NoContent(w)
	return nil
}

func (h *Handler) changePassword(w http.ResponseWriter, r *http.Request) error {
	id, err := customer(r)
	if err != nil {
		return err
	}
	var req struct {
		Current string `json:"current"`
		New     string `json:"new"`
	}
	if err := httpx.Decode(w, r, &req); err != nil {
		return err
	}
	if err := h.accounts.ChangePassword(r.Context(), id, req.Current, req.New); err != nil {
		return err
	}
	httpx.NoContent(w)
	return nil
}

func (h *Handler) closeAccount(w http.ResponseWriter, r *http.Request) error {
	id, err := customer(r)
	if err != nil {
		return err
	}
	if err := h.accounts.Close(r.Context(), id); err != nil {
		return err
	}
	httpx.NoContent(w)
	return nil
}

func (h *Handler) listAddresses(w http.ResponseWriter, r *http.Request) error {
	id, err := customer(r)
	if err != nil {
		return err
	}
	list, err := h.addresses.List(r.Context(), id)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"items": list})
	return nil
}

func (h *Handler) addAddress(w http.ResponseWriter, r *http.Request) error {
	id, err := customer(r)
	if err != nil {
		return err
	}
	var a models.Address
	if err := httpx.Decode(w, r, &a); err != nil {
		return err
	}
	created, err := h.addresses.Add(r.Context(), id, a)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusCreated, created)
	return nil
}

func (h *Handler) removeAddress(w http.ResponseWriter, r *http.Request) error {
	id, err := customer(r)
	if err != nil {
		return err
	}
	if err := h.addresses.Remove(r.Context(), id, r.PathValue("id")); err != nil {
		return err
	}
	httpx.NoContent(w)
	return nil
}

func (h *Handler) setDefault(w http.ResponseWriter, r *http.Request) error {
	id, err := customer(r)
	if err != nil {
		return err
	}
	if err := h.addresses.SetDefault(r.Context(), id, r.PathValue("id")); err != nil {
		return err
	}
	httpx.NoContent(w)
	return nil
}
