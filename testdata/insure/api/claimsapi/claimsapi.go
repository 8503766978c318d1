// Package claimsapi exposes /v1/claims.
package claimsapi

import (
	"net/http"

	"harbormutual.com/core/api/middleware"
	"harbormutual.com/core/claims"
	"harbormutual.com/core/claims/fnol"
	"harbormutual.com/core/platform/errs"
	"harbormutual.com/core/platform/httpx"
)

type Handler struct {
	intake *fnol.Intake
	svc    *claims.Service
}

func New(intake *fnol.Intake, svc *claims.Service) *Handler {
	return &Handler{intake: intake, svc: svc}
}

func (h *Handler) Register(mux *http.ServeMux) {
	staff := middleware.RequireRole("staff")
	mux.HandleFunc("POST /v1/claims", httpx.Handle(h.file))
	mux.HandleFunc("GET /v1/claims/{id}", httpx.Handle(h.get))
	mux.HandleFunc("GET /v1/policies/{id}/claims", httpx.Handle(h.byPolicy))
	mux.Handle("POST /v1/claims/{id}/approve", staff(httpx.Handle(h.approve)))
	mux.Handle("POST /v1/claims/{id}/deny", staff(httpx.Handle(h.deny)))
	mux.Handle("POST /v1/claims/{id}/payments", staff(httpx.Handle(h.pay)))
}

func (h *Handler) file(w http.ResponseWriter, r *http.Request) error {
	var rep fnol.Report
	if err := httpx.Decode(r, &rep); err != nil {
		return err
	}
	if rep.ReportedBy == "" {
		rep.ReportedBy = middleware.Actor(r.Context())
	}
	c, err := h.intake.File(r.Context(), rep)
	if err != nil {
		return err
	}
	return httpx.Created(w, httpx.Locf("/v1/claims/%d", c.ID), c)
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

func (h *Handler) byPolicy(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	cs, err := h.svc.ListByPolicy(r.Context(), id)
	if err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusOK, map[string]any{"claims": cs})
}

func (h *Handler) action(w http.ResponseWriter, r *http.Request, fn func(id int64) error) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	if err := fn(id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (h *Handler) approve(w http.ResponseWriter, r *http.Request) error {
	return h.action(w, r, func(id int64) error { return h.svc.Approve(r.Context(), id, middleware.Actor(r.Context())) })
}

type textBody struct {
	Text string `json:"text"`
}

func (h *Handler) deny(w http.ResponseWriter, r *http.Request) error {
	var b textBody
	if err := httpx.Decode(r, &b); err != nil {
		return err
	}
	if b.Text == "" {
		return errs.Invalidf("claimsapi.deny", "denial reason required")
	}
	return h.action(w, r, func(id int64) error { return h.svc.Deny(r.Context(), id, middleware.Actor(r.Context()), b.Text) })
}

func (h *Handler) pay(w http.ResponseWriter, r *http.Request) error {
	var req claims.PaymentRequest
	if err := httpx.Decode(r, &req); err != nil {
		return err
	}
	return h.action(w, r, func(id int64) error { return h.svc.Pay(r.Context(), id, req, middleware.Actor(r.Context())) })
}
