// Package booking exposes the public reservation API used by the website and apps.
package booking

import (
	"net/http"
	"strings"

	"github.com/staybright/platform/internal/model"
	"github.com/staybright/platform/internal/pkg/errs"
	"github.com/staybright/platform/internal/pkg/httpx"
	"github.com/staybright/platform/internal/service/booking"
	"github.com/staybright/platform/internal/service/guest"
)

// Handler serves /v1/reservations.
type Handler struct {
	svc    *booking.Service
	guests *guest.Service
}

// New builds the handler.
func New(svc *booking.Service, g *guest.Service) *Handler { return &Handler{svc: svc, guests: g} }

// Register mounts the routes.
func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /v1/reservations", h.create)
	mux.HandleFunc("GET /v1/reservations/{code}", h.get)
	mux.HandleFunc("POST /v1/reservations/{code}/cancel", h.cancel)
}

func (h *Handler) create(w http.ResponseWriter, r *http.Request) {
	var req booking.CreateRequest
	if err := httpx.Decode(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	res, err := h.svc.Create(r.Context(), req)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, res)
}

// lookup finds a reservation by code and checks the guest's last name, which
// is how the "Manage my booking" page authenticates anonymous guests.
func (h *Handler) lookup(r *http.Request) (*model.Reservation, error) {
	res, err := h.svc.GetByCode(r.Context(), strings.ToUpper(r.PathValue("code")))
	if err != nil {
		return nil, err
	}
	g, err := h.guests.Get(r.Context(), res.GuestID)
	if err != nil {
		return nil, err
	}
	if !strings.EqualFold(g.LastName, strings.TrimSpace(r.URL.Query().Get("last_name"))) {
		return nil, errs.E(errs.NotFound, "booking.lookup", "reservation not found")
	}
	return res, nil
}

func (h *Handler) get(w http.ResponseWriter, r *http.Request) {
	res, err := h.lookup(r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, res)
}

func (h *Handler) cancel(w http.ResponseWriter, r *http.Request) {
	res, err := h.lookup(r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	d, err := h.svc.Cancel(r.Context(), res.ID, "cancelled by guest", "")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, d)
}
