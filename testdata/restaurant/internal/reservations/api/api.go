// Package api serves reservations, the floor plan and the waitlist.
package api

import (
	"net/http"
	"time"

	"tablecraft.io/ops/internal/platform/httpx"
	"tablecraft.io/ops/internal/reservations/booking"
	"tablecraft.io/ops/internal/reservations/store"
	"tablecraft.io/ops/internal/reservations/waitlist"
	"tablecraft.io/ops/internal/staff/schedule"
	"tablecraft.io/ops/models"
)

// Handler serves /reservations, /floor and /waitlist routes.
type Handler struct {
	Booking  *booking.Service
	Waitlist *waitlist.Service
	Store    *store.Store
	Schedule *schedule.Service
}

// Routes registers the handlers.
func (h *Handler) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /locations/{loc}/availability", httpx.Func(http.StatusOK, func(r *http.Request) (any, error) {
		loc, err := httpx.PathID(r, "loc")
		if err != nil {
			return nil, err
		}
		date, err := httpx.QueryDate(r, "date")
		if err != nil {
			return nil, err
		}
		party, err := httpx.QueryID(r, "party")
		if err != nil {
			return nil, err
		}
		return h.Booking.Availability(r.Context(), loc, date, int(party))
	}))
	mux.HandleFunc("POST /reservations", httpx.Func(http.StatusCreated, func(r *http.Request) (any, error) {
		var res models.Reservation
		if err := httpx.Decode(r, &res); err != nil {
			return nil, err
		}
		return &res, h.Booking.Book(r.Context(), &res)
	}))
	mux.HandleFunc("DELETE /reservations/{id}", httpx.Func(http.StatusOK, func(r *http.Request) (any, error) {
		id, err := httpx.PathID(r, "id")
		if err != nil {
			return nil, err
		}
		return nil, h.Booking.Cancel(r.Context(), id)
	}))
	mux.HandleFunc("POST /reservations/{id}/seat", httpx.Func(http.StatusOK, h.seat))
	mux.HandleFunc("GET /locations/{loc}/floor", httpx.Func(http.StatusOK, func(r *http.Request) (any, error) {
		loc, err := httpx.PathID(r, "loc")
		if err != nil {
			return nil, err
		}
		return h.Store.Tables(r.Context(), loc)
	}))
	mux.HandleFunc("GET /locations/{loc}/waitlist", httpx.Func(http.StatusOK, func(r *http.Request) (any, error) {
		loc, err := httpx.PathID(r, "loc")
		if err != nil {
			return nil, err
		}
		return h.Waitlist.List(r.Context(), loc)
	}))
	mux.HandleFunc("POST /waitlist", httpx.Func(http.StatusCreated, func(r *http.Request) (any, error) {
		var e models.WaitlistEntry
		if err := httpx.Decode(r, &e); err != nil {
			return nil, err
		}
		return &e, h.Waitlist.Add(r.Context(), &e)
	}))
	mux.HandleFunc("POST /waitlist/{id}/notify", httpx.Func(http.StatusOK, func(r *http.Request) (any, error) {
		id, err := httpx.PathID(r, "id")
		if err != nil {
			return nil, err
		}
		return nil, h.Waitlist.Notify(r.Context(), id)
	}))
}

// seat seats a reservation and suggests the on-shift server with the
// fewest seated tables in that section.
func (h *Handler) seat(r *http.Request) (any, error) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return nil, err
	}
	var b struct {
		TableID int64 `json:"table_id"`
	}
	if err := httpx.Decode(r, &b); err != nil {
		return nil, err
	}
	if err := h.Booking.Seat(r.Context(), id, b.TableID); err != nil {
		return nil, err
	}
	res, err := h.Store.Get(r.Context(), id)
	if err != nil {
		return nil, err
	}
	servers, err := h.Schedule.OnShift(r.Context(), res.LocationID, time.Now(), models.RoleServer)
	if err != nil {
		return nil, err
	}
	var suggested int64
	if len(servers) > 0 {
		suggested = servers[int(res.TableID)%len(servers)].EmployeeID
	}
	return map[string]any{"reservation": res, "suggested_server_id": suggested}, nil
}
