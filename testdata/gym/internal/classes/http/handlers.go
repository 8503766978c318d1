// Package http exposes the timetable and booking API.
package http

import (
	"net/http"
	"time"

	"github.com/pulsefit/clubs/internal/classes/booking"
	"github.com/pulsefit/clubs/internal/classes/store"
	"github.com/pulsefit/clubs/internal/classes/timetable"
	"github.com/pulsefit/clubs/internal/classes/waitlist"
	"github.com/pulsefit/clubs/pkg/httpx"
)

type Handlers struct {
	Store     *store.Store
	Bookings  *booking.Service
	Waitlist  *waitlist.Service
	Timetable *timetable.Planner
}

func (h *Handlers) Register(mux *http.ServeMux) {
	mux.Handle("GET /clubs/{club}/timetable", httpx.Handler(h.timetable))
	mux.Handle("POST /classes/{session}/bookings", httpx.Handler(h.book))
	mux.Handle("DELETE /classes/{session}/bookings/{member}", httpx.Handler(h.cancel))
	mux.Handle("POST /classes/{session}/waitlist", httpx.Handler(h.wait))
	mux.Handle("GET /classes/{session}/register", httpx.StaffOnly(httpx.Handler(h.register)))
	mux.Handle("POST /classes/{session}/attended/{member}", httpx.StaffOnly(httpx.Handler(h.attended)))
	mux.Handle("POST /classes/{session}/cancel", httpx.StaffOnly(httpx.Handler(h.cancelSession)))
}

func (h *Handlers) timetable(w http.ResponseWriter, r *http.Request) error {
	from, err := httpx.QueryDate(r, "from", time.Now().UTC().Truncate(24*time.Hour))
	if err != nil {
		return err
	}
	days := httpx.QueryInt(r, "days", 7)
	out, err := h.Store.Timetable(r.Context(), r.PathValue("club"), from, from.AddDate(0, 0, days))
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, out)
	return nil
}

type memberBody struct {
	MemberID string `json:"member_id"`
}

func (h *Handlers) book(w http.ResponseWriter, r *http.Request) error {
	var body memberBody
	if err := httpx.Decode(r, &body); err != nil {
		return err
	}
	b, err := h.Bookings.Book(r.Context(), r.PathValue("session"), body.MemberID)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusCreated, b)
	return nil
}

func (h *Handlers) cancel(w http.ResponseWriter, r *http.Request) error {
	if err := h.Bookings.Cancel(r.Context(), r.PathValue("session"), r.PathValue("member")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (h *Handlers) wait(w http.ResponseWriter, r *http.Request) error {
	var body memberBody
	if err := httpx.Decode(r, &body); err != nil {
		return err
	}
	pos, err := h.Waitlist.Join(r.Context(), r.PathValue("session"), body.MemberID)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusCreated, map[string]int{"position": pos})
	return nil
}

func (h *Handlers) register(w http.ResponseWriter, r *http.Request) error {
	bs, err := h.Store.BookingsForSession(r.Context(), r.PathValue("session"))
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, bs)
	return nil
}

func (h *Handlers) attended(w http.ResponseWriter, r *http.Request) error {
	if err := h.Bookings.CheckInToClass(r.Context(), r.PathValue("session"), r.PathValue("member")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (h *Handlers) cancelSession(w http.ResponseWriter, r *http.Request) error {
	if err := h.Timetable.Cancel(r.Context(), r.PathValue("session")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
