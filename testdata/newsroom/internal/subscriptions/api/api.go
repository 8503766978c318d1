// Package api exposes plans, the reader's subscription and paywall checks.
package api

import (
	"net/http"

	"github.com/dailyherald/newsroom/internal/subscriptions/entitlement"
	"github.com/dailyherald/newsroom/internal/subscriptions/paywall"
	"github.com/dailyherald/newsroom/internal/subscriptions/plan"
	"github.com/dailyherald/newsroom/internal/subscriptions/subscription"
	"github.com/dailyherald/newsroom/pkg/errs"
	"github.com/dailyherald/newsroom/pkg/httpx"
	"github.com/dailyherald/newsroom/pkg/httpx/middleware"
)

type Handlers struct {
	Plans         *plan.Service
	Subscriptions *subscription.Service
	Entitlements  *entitlement.Service
	Paywall       *paywall.Service
}

func (h Handlers) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /v1/plans", h.plans)
	mux.HandleFunc("GET /v1/me/subscription", h.current)
	mux.HandleFunc("POST /v1/me/subscription", h.start)
	mux.HandleFunc("DELETE /v1/me/subscription", h.cancel)
	mux.HandleFunc("PUT /v1/me/subscription/plan", h.changePlan)
	mux.HandleFunc("GET /v1/me/entitlements", h.entitlements)
	mux.HandleFunc("GET /v1/read/{articleID}", h.read)
}

func readerID(r *http.Request) string {
	p, ok := middleware.PrincipalFrom(r.Context())
	if !ok || p.Staff {
		return ""
	}
	return p.ID
}

func requireReader(w http.ResponseWriter, r *http.Request) (string, bool) {
	id := readerID(r)
	if id == "" {
		httpx.WriteError(w, r, errs.E(errs.Unauthorized, "reader session required"))
		return "", false
	}
	return id, true
}

func (h Handlers) plans(w http.ResponseWriter, r *http.Request) {
	list, err := h.Plans.ListActive(r.Context())
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, list)
}

func (h Handlers) current(w http.ResponseWriter, r *http.Request) {
	id, ok := requireReader(w, r)
	if !ok {
		return
	}
	sub, err := h.Subscriptions.Current(r.Context(), id)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, sub)
}

func (h Handlers) start(w http.ResponseWriter, r *http.Request) {
	id, ok := requireReader(w, r)
	if !ok {
		return
	}
	var in subscription.StartInput
	if err := httpx.ReadJSON(r, &in); err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	sub, err := h.Subscriptions.Start(r.Context(), id, in)
	h.Entitlements.Invalidate(id)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusCreated, sub)
}

func (h Handlers) cancel(w http.ResponseWriter, r *http.Request) {
	id, ok := requireReader(w, r)
	if !ok {
		return
	}
	sub, err := h.Subscriptions.Cancel(r.Context(), id)
	h.Entitlements.Invalidate(id)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, sub)
}

func (h Handlers) changePlan(w http.ResponseWriter, r *http.Request) {
	id, ok := requireReader(w, r)
	if !ok {
		return
	}
	var in struct {
		PlanCode string `json:"plan_code"`
	}
	if err := httpx.ReadJSON(r, &in); err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	sub, err := h.Subscriptions.ChangePlan(r.Context(), id, in.PlanCode)
	h.Entitlements.Invalidate(id)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, sub)
}

func (h Handlers) entitlements(w http.ResponseWriter, r *http.Request) {
	e, err := h.Entitlements.For(r.Context(), readerID(r))
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, e)
}

func (h Handlers) read(w http.ResponseWriter, r *http.Request) {
	a, d, err := h.Paywall.Read(r.Context(), r.PathValue("articleID"), readerID(r))
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	if !d.Allowed {
		httpx.WriteJSON(w, http.StatusPaymentRequired, map[string]any{"decision": d})
		return
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"decision": d, "article": a})
}
