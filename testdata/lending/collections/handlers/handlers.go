// Package handlers is the collections agent console API.
package handlers

import (
	"net/http"
	"time"

	"lendwise.io/platform/collections"
	"lendwise.io/platform/internal/platform/auth"
	"lendwise.io/platform/internal/platform/errs"
	"lendwise.io/platform/internal/platform/httpx"
	"lendwise.io/platform/internal/platform/money"
)

type Handlers struct {
	svc *collections.Service
}

func Register(mux *http.ServeMux, svc *collections.Service) {
	h := &Handlers{svc: svc}
	mux.HandleFunc("GET /v1/collections/queue", h.queue)
	mux.HandleFunc("POST /v1/collections/cases/{id}/actions", h.action)
	mux.HandleFunc("POST /v1/collections/cases/{id}/promises", h.promise)
	mux.HandleFunc("POST /v1/collections/cases/{id}/assign", h.assign)
}

func (h *Handlers) queue(w http.ResponseWriter, r *http.Request) {
	if _, err := auth.Require(r.Context(), auth.RoleAgent); err != nil {
		httpx.Error(w, r, err)
		return
	}
	cases, err := h.svc.Queue(r.Context(), r.URL.Query().Get("bucket"), httpx.QueryInt(r, "limit", 100))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"items": cases})
}

func (h *Handlers) action(w http.ResponseWriter, r *http.Request) {
	p, err := auth.Require(r.Context(), auth.RoleAgent)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	var in struct {
		Kind    string `json:"kind"`
		Outcome string `json:"outcome"`
		Note    string `json:"note"`
	}
	if err := httpx.Decode(r, &in); err != nil {
		httpx.Error(w, r, err)
		return
	}
	if err := h.svc.LogAction(r.Context(), r.PathValue("id"), in.Kind, in.Outcome, in.Note, p.Subject); err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *Handlers) promise(w http.ResponseWriter, r *http.Request) {
	p, err := auth.Require(r.Context(), auth.RoleAgent)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	var in struct {
		Amount  string `json:"amount"`
		DueDate string `json:"due_date"`
	}
	if err := httpx.Decode(r, &in); err != nil {
		httpx.Error(w, r, err)
		return
	}
	amt, err := money.Parse(in.Amount)
	if err != nil {
		httpx.Error(w, r, errs.Invalid("amount: %v", err))
		return
	}
	due, err := time.Parse("2006-01-02", in.DueDate)
	if err != nil {
		httpx.Error(w, r, errs.Invalid("due_date must be YYYY-MM-DD"))
		return
	}
	ptp, err := h.svc.Promise(r.Context(), r.PathValue("id"), amt, due, p.Subject)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, ptp)
}

func (h *Handlers) assign(w http.ResponseWriter, r *http.Request) {
	if _, err := auth.Require(r.Context(), auth.RoleAgent); err != nil {
		httpx.Error(w, r, err)
		return
	}
	var in struct {
		Agent string `json:"agent"`
	}
	if err := httpx.Decode(r, &in); err != nil {
		httpx.Error(w, r, err)
		return
	}
	if err := h.svc.Assign(r.Context(), r.PathValue("id"), in.Agent); err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
