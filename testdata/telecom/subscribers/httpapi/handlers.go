// Package httpapi exposes subscriber onboarding and self-care endpoints.
package httpapi

import (
	"net/http"

	billingstore "mvno.telco/core/billing/store"
	"mvno.telco/core/platform/httpx"
	"mvno.telco/core/rating"
	"mvno.telco/core/subscribers"
	"mvno.telco/core/subscribers/kyc"
)

type Handlers struct {
	svc      *subscribers.Service
	rating   *rating.Service
	invoices *billingstore.Store
	currency string
}

func New(svc *subscribers.Service, r *rating.Service, invoices *billingstore.Store, currency string) *Handlers {
	return &Handlers{svc: svc, rating: r, invoices: invoices, currency: currency}
}

func (h *Handlers) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /v1/subscribers", h.register)
	mux.HandleFunc("GET /v1/subscribers", h.search)
	mux.HandleFunc("GET /v1/subscribers/{id}", h.get)
	mux.HandleFunc("GET /v1/subscribers/{id}/account", h.account)
	mux.HandleFunc("POST /v1/subscribers/{id}/kyc", h.kyc)
	mux.HandleFunc("POST /v1/subscribers/{id}/activate", h.activate)
	mux.HandleFunc("PUT /v1/subscribers/{id}/plan", h.changePlan)
	mux.HandleFunc("POST /v1/subscribers/{id}/addons", h.buyAddOn)
	mux.HandleFunc("POST /v1/subscribers/{id}/resume", h.resume)
	mux.HandleFunc("DELETE /v1/subscribers/{id}", h.terminate)
}

func (h *Handlers) register(w http.ResponseWriter, r *http.Request) {
	var req subscribers.RegisterRequest
	if err := httpx.Decode(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	sub, err := h.svc.Register(r.Context(), req)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusCreated, sub)
}

func (h *Handlers) search(w http.ResponseWriter, r *http.Request) {
	p := httpx.ParsePage(r)
	subs, err := h.svc.Search(r.Context(), r.URL.Query().Get("q"), p.Limit, p.Offset)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"subscribers": subs})
}

func (h *Handlers) get(w http.ResponseWriter, r *http.Request) {
	sub, err := h.svc.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, sub)
}

// account is the self-care app's home screen: credit, bundles and amount due.
func (h *Handlers) account(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	sub, err := h.svc.Get(r.Context(), id)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	bal, err := h.rating.Balance(r.Context(), id)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	due, err := h.invoices.Outstanding(r.Context(), id, h.currency)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"subscriber": sub, "balance": bal, "amount_due": due})
}

func (h *Handlers) kyc(w http.ResponseWriter, r *http.Request) {
	var doc kyc.Document
	if err := httpx.Decode(r, &doc); err != nil {
		httpx.Error(w, r, err)
		return
	}
	chk, err := h.svc.VerifyIdentity(r.Context(), r.PathValue("id"), doc)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, chk)
}

func (h *Handlers) activate(w http.ResponseWriter, r *http.Request) {
	var req subscribers.ActivateRequest
	if err := httpx.Decode(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	sub, err := h.svc.Activate(r.Context(), r.PathValue("id"), req)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, sub)
}

func (h *Handlers) changePlan(w http.ResponseWriter, r *http.Request) {
	var req struct {
		PlanCode string `json:"plan_code"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	if err := h.svc.ChangePlan(r.Context(), r.PathValue("id"), req.PlanCode); err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *Handlers) buyAddOn(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Code string `json:"code"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	a, err := h.svc.BuyAddOn(r.Context(), r.PathValue("id"), req.Code)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusCreated, a)
}

func (h *Handlers) resume(w http.ResponseWriter, r *http.Request) {
	if err := h.svc.Resume(r.Context(), r.PathValue("id")); err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *Handlers) terminate(w http.ResponseWriter, r *http.Request) {
	reason := r.URL.Query().Get("reason")
	if reason == "" {
		reason = "customer_request"
	}
	if err := h.svc.Terminate(r.Context(), r.PathValue("id"), reason, true); err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
