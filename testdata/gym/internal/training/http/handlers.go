// Package http exposes personal-training endpoints.
package http

import (
	"net/http"
	"time"

	"github.com/pulsefit/clubs/internal/training/sessions"
	"github.com/pulsefit/clubs/internal/training/trainers"
	"github.com/pulsefit/clubs/pkg/httpx"
)

type Handlers struct {
	Trainers *trainers.Store
	Sessions *sessions.Service
}

func (h *Handlers) Register(mux *http.ServeMux) {
	mux.Handle("GET /clubs/{club}/trainers", httpx.Handler(h.list))
	mux.Handle("GET /trainers/{id}/availability", httpx.Handler(h.availability))
	mux.Handle("POST /trainers/{id}/availability", httpx.StaffOnly(httpx.Handler(h.addAvailability)))
	mux.Handle("GET /trainers/{id}/diary", httpx.StaffOnly(httpx.Handler(h.diary)))
	mux.Handle("POST /pt-sessions", httpx.Handler(h.book))
	mux.Handle("POST /pt-sessions/{id}/cancel", httpx.Handler(h.cancel))
	mux.Handle("POST /pt-sessions/{id}/complete", httpx.StaffOnly(httpx.Handler(h.complete)))
}

func (h *Handlers) list(w http.ResponseWriter, r *http.Request) error {
	ts, err := h.Trainers.ForClub(r.Context(), r.PathValue("club"))
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, ts)
	return nil
}

func (h *Handlers) availability(w http.ResponseWriter, r *http.Request) error {
	from, err := httpx.QueryDate(r, "from", time.Now().UTC())
	if err != nil {
		return err
	}
	out, err := h.Trainers.Availability(r.Context(), r.PathValue("id"), from, from.AddDate(0, 0, 14))
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, out)
	return nil
}

func (h *Handlers) addAvailability(w http.ResponseWriter, r *http.Request) error {
	var sl trainers.Slot
	if err := httpx.Decode(r, &sl); err != nil {
		return err
	}
	if err := h.Trainers.AddAvailability(r.Context(), r.PathValue("id"), sl); err != nil {
		return err
	}
	w.WriteHeader(http.StatusCreated)
	return nil
}

func (h *Handlers) diary(w http.ResponseWriter, r *http.Request) error {
	day, err := httpx.QueryDate(r, "day", time.Now().UTC().Truncate(24*time.Hour))
	if err != nil {
		return err
	}
	out, err := h.Sessions.Diary(r.Context(), r.PathValue("id"), day)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, out)
	return nil
}

func (h *Handlers) book(w http.ResponseWriter, r *http.Request) error {
	var req sessions.BookRequest
	if err := httpx.Decode(r, &req); err != nil {
		return err
	}
	pt, err := h.Sessions.Book(r.Context(), req)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusCreated, pt)
	return nil
}

func (h *Handlers) cancel(w http.ResponseWriter, r *http.Request) error {
	if err := h.Sessions.Cancel(r.Context(), r.PathValue("id")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (h *Handlers) complete(w http.ResponseWriter, r *http.Request) error {
	var body struct {
		Notes string `json:"notes"`
	}
	if err := httpx.Decode(r, &body); err != nil {
		return err
	}
	if err := h.Sessions.Complete(r.Context(), r.PathValue("id"), body.Notes); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
