// Package policyapi exposes /v1/policies.
package policyapi

import (
	"net/http"

	"harbormutual.com/core/api/middleware"
	"harbormutual.com/core/platform/httpx"
	"harbormutual.com/core/policy"
	"harbormutual.com/core/policy/cancel"
	"harbormutual.com/core/policy/endorse"
)

type Handler struct {
	policies  *policy.Service
	endorser  *endorse.Endorser
	canceller *cancel.Canceller
}

func New(policies *policy.Service, endorser *endorse.Endorser, canceller *cancel.Canceller) *Handler {
	return &Handler{policies: policies, endorser: endorser, canceller: canceller}
}

func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /v1/policies", httpx.Handle(h.issue))
	mux.HandleFunc("GET /v1/policies/{id}", httpx.Handle(h.get))
	mux.HandleFunc("GET /v1/policies/lookup", httpx.Handle(h.lookup))
	mux.HandleFunc("POST /v1/policies/{id}/endorsements", httpx.Handle(h.endorse))
	mux.HandleFunc("POST /v1/policies/{id}/cancel", httpx.Handle(h.cancel))
}

func (h *Handler) issue(w http.ResponseWriter, r *http.Request) error {
	var req policy.IssueRequest
	if err := httpx.Decode(r, &req); err != nil {
		return err
	}
	p, err := h.policies.Issue(r.Context(), req)
	if err != nil {
		return err
	}
	return httpx.Created(w, httpx.Locf("/v1/policies/%d", p.ID), p)
}

func (h *Handler) get(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	p, err := h.policies.Get(r.Context(), id)
	if err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusOK, p)
}

func (h *Handler) lookup(w http.ResponseWriter, r *http.Request) error {
	p, err := h.policies.Find(r.Context(), r.URL.Query().Get("number"))
	if err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusOK, p)
}

func (h *Handler) endorse(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	var c endorse.Change
	if err := httpx.Decode(r, &c); err != nil {
		return err
	}
	res, err := h.endorser.Endorse(r.Context(), id, c, middleware.Actor(r.Context()))
	if err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusOK, res)
}

func (h *Handler) cancel(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	var req cancel.Request
	if err := httpx.Decode(r, &req); err != nil {
		return err
	}
	req.PolicyID = id
	out, err := h.canceller.Cancel(r.Context(), req)
	if err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusOK, out)
}
