// Package quoteapi exposes /v1/quotes and the indicative rating endpoint.
package quoteapi

import (
	"net/http"

	"harbormutual.com/core/api/middleware"
	"harbormutual.com/core/platform/errs"
	"harbormutual.com/core/platform/httpx"
	"harbormutual.com/core/quote"
	"harbormutual.com/core/rating"
	"harbormutual.com/core/underwriting"
)

type Handler struct {
	quotes *quote.Service
	engine *rating.Engine
	uw     *underwriting.Service
}

func New(quotes *quote.Service, engine *rating.Engine, uw *underwriting.Service) *Handler {
	return &Handler{quotes: quotes, engine: engine, uw: uw}
}

func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /v1/quotes", httpx.Handle(h.create))
	mux.HandleFunc("GET /v1/quotes/{id}", httpx.Handle(h.get))
	mux.HandleFunc("POST /v1/quotes/{id}/accept", httpx.Handle(h.accept))
	mux.HandleFunc("POST /v1/rating/indicative", httpx.Handle(h.indicative))
	h.registerReferrals(mux)
}

func (h *Handler) create(w http.ResponseWriter, r *http.Request) error {
	var req quote.Request
	if err := httpx.Decode(r, &req); err != nil {
		return err
	}
	if p, ok := middleware.PrincipalFrom(r.Context()); ok && p.Role == "agent" {
		req.AgentID = p.AgentID // agents can only quote for themselves
	}
	q, err := h.quotes.Create(r.Context(), req)
	if err != nil {
		return err
	}
	return httpx.Created(w, httpx.Locf("/v1/quotes/%d", q.ID), q)
}

func (h *Handler) get(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	q, err := h.quotes.Get(r.Context(), id)
	if err != nil {
		return err
	}
	if p, ok := middleware.PrincipalFrom(r.Context()); ok && p.Role == "agent" && q.AgentID != p.AgentID {
		return errs.NotFoundf("quoteapi.get", "quote %d", id)
	}
	return httpx.JSON(w, http.StatusOK, q)
}

func (h *Handler) accept(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	q, err := h.quotes.Accept(r.Context(), id)
	if err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusOK, q)
}

// indicative rates without saving or underwriting ("ballpark" on the website).
func (h *Handler) indicative(w http.ResponseWriter, r *http.Request) error {
	var in rating.Input
	if err := httpx.Decode(r, &in); err != nil {
		return err
	}
	in.Customer = nil // no credit or loss history on anonymous ballparks
	res, err := h.engine.Rate(r.Context(), in)
	if err != nil {
		return err
	}
	res.Worksheet = nil
	return httpx.JSON(w, http.StatusOK, res)
}
