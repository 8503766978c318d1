// Package http exposes clubs, areas and maintenance tickets.
package http

import (
	"net/http"
	"strconv"

	"github.com/pulsefit/clubs/internal/facilities/clubs"
	"github.com/pulsefit/clubs/internal/facilities/maintenance"
	"github.com/pulsefit/clubs/internal/legacy/lockers"
	"github.com/pulsefit/clubs/pkg/errs"
	"github.com/pulsefit/clubs/pkg/httpx"
)

type Handlers struct {
	Clubs       *clubs.Directory
	Maintenance *maintenance.Service
	Lockers     *lockers.Module
}

func (h *Handlers) Register(mux *http.ServeMux) {
	mux.Handle("GET /clubs", httpx.Handler(h.list))
	mux.Handle("GET /clubs/{club}", httpx.Handler(h.get))
	mux.Handle("GET /clubs/{club}/areas", httpx.Handler(h.areas))
	mux.Handle("GET /clubs/{club}/tickets", httpx.StaffOnly(httpx.Handler(h.tickets)))
	mux.Handle("POST /clubs/{club}/tickets", httpx.StaffOnly(httpx.Handler(h.open)))
	mux.Handle("POST /tickets/{id}/resolve", httpx.StaffOnly(httpx.Handler(h.resolve)))
	mux.Handle("/legacy/lockers", httpx.StaffOnly(h.Lockers))
}

func (h *Handlers) list(w http.ResponseWriter, r *http.Request) error {
	cs, err := h.Clubs.List(r.Context())
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, cs)
	return nil
}

func (h *Handlers) get(w http.ResponseWriter, r *http.Request) error {
	c, err := h.Clubs.Get(r.Context(), r.PathValue("club"))
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, c)
	return nil
}

func (h *Handlers) areas(w http.ResponseWriter, r *http.Request) error {
	as, err := h.Clubs.Areas(r.Context(), r.PathValue("club"))
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, as)
	return nil
}

func (h *Handlers) tickets(w http.ResponseWriter, r *http.Request) error {
	ts, err := h.Maintenance.OpenTickets(r.Context(), r.PathValue("club"))
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, ts)
	return nil
}

func (h *Handlers) open(w http.ResponseWriter, r *http.Request) error {
	var t maintenance.Ticket
	if err := httpx.Decode(r, &t); err != nil {
		return err
	}
	t.ClubID = r.PathValue("club")
	t, err := h.Maintenance.Open(r.Context(), t)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusCreated, t)
	return nil
}

func (h *Handlers) resolve(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return errs.Invalid("bad ticket id")
	}
	if err := h.Maintenance.Resolve(r.Context(), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
