// Package frontdesk exposes the front-desk console API.
package frontdesk

import (
	"net/http"
	"time"

	"github.com/staybright/platform/internal/pkg/auth"
	"github.com/staybright/platform/internal/pkg/clock"
	"github.com/staybright/platform/internal/pkg/errs"
	"github.com/staybright/platform/internal/pkg/httpx"
	"github.com/staybright/platform/internal/service/booking"
	"github.com/staybright/platform/internal/service/frontdesk"
)

// Handler serves /v1/staff front-desk routes.
type Handler struct {
	desk    *frontdesk.Service
	booking *booking.Service
	auth    auth.Verifier
}

// New builds the handler.
func New(d *frontdesk.Service, b *booking.Service, v auth.Verifier) *Handler {
	return &Handler{desk: d, booking: b, auth: v}
}

// Register mounts the routes.
func (h *Handler) Register(mux *http.ServeMux) {
	fd := func(f http.HandlerFunc) http.HandlerFunc { return auth.Require(h.auth, auth.RoleFrontDesk, f) }
	mux.HandleFunc("GET /v1/staff/hotels/{id}/arrivals", fd(h.arrivals))
	mux.HandleFunc("GET /v1/staff/hotels/{id}/in-house", fd(h.inHouse))
	mux.HandleFunc("POST /v1/staff/reservations/{id}/check-in", fd(h.checkIn))
	mux.HandleFunc("POST /v1/staff/reservations/{id}/check-out", fd(h.checkOut))
	mux.HandleFunc("POST /v1/staff/reservations/{id}/cancel", auth.Require(h.auth, auth.RoleManager, h.cancel))
}

func (h *Handler) hotel(w http.ResponseWriter, r *http.Request) (int64, bool) {
	id, err := httpx.PathInt64(r, "id")
	if err == nil {
		err = auth.CheckHotel(r.Context(), id)
	}
	if err != nil {
		httpx.Error(w, r, err)
		return 0, false
	}
	return id, true
}

func (h *Handler) arrivals(w http.ResponseWriter, r *http.Request) {
	id, ok := h.hotel(w, r)
	if !ok {
		return
	}
	var day time.Time
	if s := r.URL.Query().Get("date"); s != "" {
		d, err := clock.ParseDate(s)
		if err != nil {
			httpx.Error(w, r, errs.Wrapf(errs.Invalid, err, "frontdesk.arrivals", "invalid date"))
			return
		}
		day = d
	}
	list, err := h.desk.Arrivals(r.Context(), id, day)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"arrivals": list})
}

func (h *Handler) inHouse(w http.ResponseWriter, r *http.Request) {
	id, ok := h.hotel(w, r)
	if !ok {
		return
	}
	list, err := h.desk.InHouse(r.Context(), id)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"in_house": list})
}

type checkInBody struct {
	RoomID int64 `json:"room_id"`
}

func (h *Handler) checkIn(w http.ResponseWriter, r *http.Request) {
	var b checkInBody
	if err := httpx.Decode(r, &b); err != nil {
		httpx.Error(w, r, err)
		return
	}
	res, err := h.desk.CheckIn(r.Context(), r.PathValue("id"), b.RoomID)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, res)
}

func (h *Handler) checkOut(w http.ResponseWriter, r *http.Request) {
	res, err := h.desk.CheckOut(r.Context(), r.PathValue("id"))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, res)
}

type cancelBody struct {
	Reason    string `json:"reason"`
	WaiveFees bool   `json:"waive_fees"`
}

func (h *Handler) cancel(w http.ResponseWriter, r *http.Request) {
	var b cancelBody
	if err := httpx.Decode(r, &b); err != nil {
		httpx.Error(w, r, err)
		return
	}
	waivedBy := ""
	if b.WaiveFees {
		p, _ := auth.FromContext(r.Context())
		waivedBy = p.StaffID
	}
	d, err := h.booking.Cancel(r.Context(), r.PathValue("id"), b.Reason, waivedBy)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, d)
}
