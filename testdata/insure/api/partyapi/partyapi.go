// Package partyapi exposes /v1/customers.
package partyapi

import (
	"net/http"

	"harbormutual.com/core/api/middleware"
	"harbormutual.com/core/domain"
	"harbormutual.com/core/party"
	"harbormutual.com/core/platform/errs"
	"harbormutual.com/core/platform/httpx"
	"harbormutual.com/core/policy/policydb"
)

type Handler struct {
	svc      *party.Service
	policies *policydb.Repo
}

func New(svc *party.Service, policies *policydb.Repo) *Handler {
	return &Handler{svc: svc, policies: policies}
}

func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /v1/customers", httpx.Handle(h.search))
	mux.HandleFunc("POST /v1/customers", httpx.Handle(h.create))
	mux.HandleFunc("GET /v1/customers/{id}", httpx.Handle(h.get))
	mux.HandleFunc("PUT /v1/customers/{id}", httpx.Handle(h.update))
	mux.Handle("DELETE /v1/customers/{id}", middleware.RequireRole("staff")(httpx.Handle(h.delete)))
	mux.HandleFunc("GET /v1/customers/{id}/policies", httpx.Handle(h.policiesOf))
}

func (h *Handler) search(w http.ResponseWriter, r *http.Request) error {
	cs, err := h.svc.Search(r.Context(), r.URL.Query().Get("name"))
	if err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusOK, map[string]any{"customers": cs})
}

func (h *Handler) create(w http.ResponseWriter, r *http.Request) error {
	var c domain.Customer
	if err := httpx.Decode(r, &c); err != nil {
		return err
	}
	c.ID = 0
	c.UpdatedBy = middleware.Actor(r.Context())
	if err := h.svc.Create(r.Context(), &c); err != nil {
		return err
	}
	return httpx.Created(w, httpx.Locf("/v1/customers/%d", c.ID), c)
}

func (h *Handler) get(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	c, err := h.svc.Get(r.Context(), id)
	if err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusOK, c)
}

func (h *Handler) update(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	var c domain.Customer
	if err := httpx.Decode(r, &c); err != nil {
		return err
	}
	if c.ID != 0 && c.ID != id {
		return errs.Invalidf("partyapi.update", "id mismatch")
	}
	c.ID = id
	c.UpdatedBy = middleware.Actor(r.Context())
	if err := h.svc.Update(r.Context(), &c); err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusOK, c)
}

func (h *Handler) delete(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	if err := h.svc.Delete(r.Context(), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// policiesOf is the "customer 360" view used by the call centre.
func (h *Handler) policiesOf(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	ps, err := h.policies.ListByCustomer(r.Context(), id)
	if err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusOK, map[string]any{"policies": ps})
}
