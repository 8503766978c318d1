// Package http exposes the membership API (join flow, reception desk, member app).
package http

import (
	"net/http"

	"github.com/pulsefit/clubs/internal/membership/domain"
	"github.com/pulsefit/clubs/internal/membership/freeze"
	"github.com/pulsefit/clubs/internal/membership/plans"
	"github.com/pulsefit/clubs/internal/membership/service"
	"github.com/pulsefit/clubs/internal/membership/store"
	"github.com/pulsefit/clubs/internal/models"
	"github.com/pulsefit/clubs/pkg/httpx"
)

type Handlers struct {
	Svc    *service.Service
	Freeze *freeze.Service
	Plans  *plans.Catalogue
	Store  *store.Store
}

func (h *Handlers) Register(mux *http.ServeMux) {
	mux.Handle("GET /clubs/{club}/plans", httpx.Handler(h.listPlans))
	mux.Handle("POST /join", httpx.Handler(h.join))
	mux.Handle("GET /members/{id}", httpx.Handler(h.get))
	mux.Handle("GET /members/{id}/membership", httpx.Handler(h.current))
	mux.Handle("POST /members/{id}/cancel", httpx.Handler(h.cancel))
	mux.Handle("POST /members/{id}/freeze", httpx.Handler(h.freeze))
	mux.Handle("GET /clubs/{club}/members", httpx.StaffOnly(httpx.Handler(h.search)))
	mux.Handle("POST /members/{id}/notes", httpx.StaffOnly(httpx.Handler(h.note)))
}

func (h *Handlers) listPlans(w http.ResponseWriter, r *http.Request) error {
	ps, err := h.Plans.ForClub(r.Context(), r.PathValue("club"))
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, ps)
	return nil
}

func (h *Handlers) join(w http.ResponseWriter, r *http.Request) error {
	var req domain.JoinRequest
	if err := httpx.Decode(r, &req); err != nil {
		return err
	}
	m, err := h.Svc.Join(r.Context(), req)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusCreated, m)
	return nil
}

func (h *Handlers) get(w http.ResponseWriter, r *http.Request) error {
	m, err := h.Svc.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, m)
	return nil
}

func (h *Handlers) current(w http.ResponseWriter, r *http.Request) error {
	ms, err := h.Svc.Current(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, ms)
	return nil
}

func (h *Handlers) cancel(w http.ResponseWriter, r *http.Request) error {
	var body struct {
		Reason string `json:"reason"`
	}
	if err := httpx.Decode(r, &body); err != nil {
		return err
	}
	end, err := h.Svc.Cancel(r.Context(), r.PathValue("id"), body.Reason)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, map[string]string{"ends_on": end.Format("2006-01-02")})
	return nil
}

func (h *Handlers) freeze(w http.ResponseWriter, r *http.Request) error {
	var req freeze.Request
	if err := httpx.Decode(r, &req); err != nil {
		return err
	}
	req.MemberID = r.PathValue("id")
	if err := h.Freeze.Freeze(r.Context(), req); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (h *Handlers) search(w http.ResponseWriter, r *http.Request) error {
	limit, offset := httpx.QueryInt(r, "limit", 50), httpx.QueryInt(r, "offset", 0)
	ms, err := h.Store.SearchMembers(r.Context(), r.PathValue("club"), r.URL.Query().Get("q"), limit, offset)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, models.Page[models.Member]{Items: ms, Limit: limit, Offset: offset})
	return nil
}

func (h *Handlers) note(w http.ResponseWriter, r *http.Request) error {
	var body struct {
		Body string `json:"body"`
	}
	if err := httpx.Decode(r, &body); err != nil {
		return err
	}
	if err := h.Store.AddNote(r.Context(), r.PathValue("id"), r.Header.Get("X-Staff-Id"), body.Body); err != nil {
		return err
	}
	w.WriteHeader(http.StatusCreated)
	return nil
}
