// Package api exposes programs and room booking over HTTP.
package api

import (
	"net/http"
	"strconv"
	"time"

	"citylib.org/ils/httputil"
	"citylib.org/ils/internal/events/service"
	"citylib.org/ils/internal/events/store"
)

type API struct {
	svc *service.Service
}

func New(s *service.Service) *API { return &API{svc: s} }

func (a *API) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /events", a.list)
	mux.HandleFunc("POST /events", a.create)
	mux.HandleFunc("POST /events/{id}/cancel", a.cancel)
	mux.HandleFunc("POST /events/{id}/registrations", a.register)
	mux.HandleFunc("DELETE /events/{id}/registrations/{member}", a.unregister)
	mux.HandleFunc("POST /rooms/{id}/bookings", a.book)
}

func (a *API) list(w http.ResponseWriter, r *http.Request) {
	branch, _ := strconv.ParseInt(r.URL.Query().Get("branch"), 10, 64)
	ps, err := a.svc.Upcoming(r.Context(), branch, r.URL.Query().Get("audience"))
	if err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	httputil.WriteJSON(w, http.StatusOK, ps)
}

func (a *API) create(w http.ResponseWriter, r *http.Request) {
	var p store.Program
	if err := httputil.DecodeJSON(r, &p); err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	if err := a.svc.Schedule(r.Context(), &p); err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	httputil.WriteJSON(w, http.StatusCreated, p)
}

func (a *API) cancel(w http.ResponseWriter, r *http.Request) {
	id, err := httputil.PathID(r, "id")
	if err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	if err := a.svc.Cancel(r.Context(), id); err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (a *API) register(w http.ResponseWriter, r *http.Request) {
	id, err := httputil.PathID(r, "id")
	if err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	var body struct {
		MemberID int64 `json:"member_id"`
	}
	if err := httputil.DecodeJSON(r, &body); err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	reg, err := a.svc.Register(r.Context(), id, body.MemberID)
	if err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	httputil.WriteJSON(w, http.StatusCreated, reg)
}

func (a *API) unregister(w http.ResponseWriter, r *http.Request) {
	id, err := httputil.PathID(r, "id")
	if err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	member, err := httputil.PathID(r, "member")
	if err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	if err := a.svc.Unregister(r.Context(), id, member); err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (a *API) book(w http.ResponseWriter, r *http.Request) {
	id, err := httputil.PathID(r, "id")
	if err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	var body struct {
		MemberID int64     `json:"member_id"`
		Purpose  string    `json:"purpose"`
		StartsAt time.Time `json:"starts_at"`
		EndsAt   time.Time `json:"ends_at"`
	}
	if err := httputil.DecodeJSON(r, &body); err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	b, err := a.svc.BookRoom(r.Context(), id, body.MemberID, body.Purpose, body.StartsAt, body.EndsAt)
	if err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	httputil.WriteJSON(w, http.StatusCreated, b)
}
