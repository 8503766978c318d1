// Package handler serves rider account endpoints.
package handler

import (
	"net/http"

	"github.com/zipcab/backend/app/rider/repository"
	"github.com/zipcab/backend/app/rider/service"
	triprepo "github.com/zipcab/backend/app/trip/repository"
	"github.com/zipcab/backend/pkg/auth"
	"github.com/zipcab/backend/pkg/db"
	"github.com/zipcab/backend/pkg/httpx"
)

// RiderHandler serves /v1/riders and /v1/me.
type RiderHandler struct {
	svc      *service.RiderService
	repo     *repository.RiderRepository
	trips    *triprepo.TripRepository
	currency string
}

// New returns a handler.
func New(svc *service.RiderService, repo *repository.RiderRepository, trips *triprepo.TripRepository, currency string) *RiderHandler {
	return &RiderHandler{svc: svc, repo: repo, trips: trips, currency: currency}
}

// Register mounts routes.
func (h *RiderHandler) Register(mux httpx.Router, signer *auth.Signer) {
	rider := signer.Middleware(auth.RoleRider)
	mux.HandleFunc("POST /v1/riders/login/start", h.startLogin)
	mux.HandleFunc("POST /v1/riders/login", h.login)
	mux.HandleFunc("POST /v1/riders", h.signup)
	mux.Handle("GET /v1/me", rider(http.HandlerFunc(h.me)))
	mux.Handle("GET /v1/me/trips", rider(http.HandlerFunc(h.trips_)))
}

func (h *RiderHandler) startLogin(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Phone string `json:"phone"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	if err := h.svc.StartLogin(r.Context(), req.Phone); err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusAccepted)
}

func (h *RiderHandler) login(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Phone string `json:"phone"`
		Code  string `json:"code"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	tok, isNew, err := h.svc.Login(r.Context(), req.Phone, req.Code)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"token": tok, "needs_signup": isNew})
}

func (h *RiderHandler) signup(w http.ResponseWriter, r *http.Request) {
	var in service.SignupInput
	if err := httpx.Decode(r, &in); err != nil {
		httpx.Error(w, r, err)
		return
	}
	rider, tok, err := h.svc.Signup(r.Context(), in)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, map[string]any{"rider": rider, "token": tok})
}

func (h *RiderHandler) me(w http.ResponseWriter, r *http.Request) {
	p, _ := auth.FromContext(r.Context())
	prof, err := h.svc.Profile(r.Context(), p.UserID, h.currency)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, prof)
}

// trips_ lists ride history straight from the trips table (the "Your trips" screen).
func (h *RiderHandler) trips_(w http.ResponseWriter, r *http.Request) {
	p, _ := auth.FromContext(r.Context())
	page := db.Page{Limit: httpx.QueryInt(r, "limit", 20), Offset: httpx.QueryInt(r, "offset", 0)}
	ts, err := h.trips.ListByRider(r.Context(), p.UserID, page)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"trips": ts})
}
