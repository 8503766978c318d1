// Package billingapi exposes billing statements, payments and payment methods.
package billingapi

import (
	"net/http"

	"harbormutual.com/core/billing"
	"harbormutual.com/core/billing/billingdb"
	"harbormutual.com/core/platform/errs"
	"harbormutual.com/core/platform/httpx"
	"harbormutual.com/core/util"
)

type Handler struct {
	svc *billing.Service
}

func New(svc *billing.Service) *Handler {
	return &Handler{svc: svc}
}

func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /v1/policies/{id}/billing", httpx.Handle(h.statement))
	mux.HandleFunc("POST /v1/invoices/{id}/pay", httpx.Handle(h.pay))
	mux.HandleFunc("POST /v1/customers/{id}/payment-methods", httpx.Handle(h.addMethod))
}

func (h *Handler) statement(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	st, err := h.svc.Statement(r.Context(), id)
	if err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusOK, st)
}

type payBody struct {
	Token string `json:"token,omitempty"` // one-off card; otherwise default method
	Kind  string `json:"kind,omitempty"`
}

func (h *Handler) pay(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	var b payBody
	if err := httpx.Decode(r, &b); err != nil {
		return err
	}
	var m *billingdb.Method
	if b.Token != "" {
		m = &billingdb.Method{Kind: util.Coalesce(b.Kind, "CARD"), Token: b.Token}
	}
	pay, err := h.svc.Pay(r.Context(), id, m)
	if err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusOK, pay)
}

type methodBody struct {
	Kind      string `json:"kind"`
	Token     string `json:"token"`
	PAN       string `json:"pan_hint"`
	IsDefault bool   `json:"is_default"`
}

func (h *Handler) addMethod(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	var b methodBody
	if err := httpx.Decode(r, &b); err != nil {
		return err
	}
	if b.Token == "" {
		return errs.Invalidf("billingapi.addMethod", "token required")
	}
	masked := util.MaskCard(b.PAN)
	m := &billingdb.Method{CustomerID: id, Kind: util.Coalesce(b.Kind, "CARD"), Token: b.Token,
		Last4: masked[len(masked)-4:], IsDefault: b.IsDefault}
	if err := h.svc.Repo().SaveMethod(r.Context(), m); err != nil {
		return err
	}
	return httpx.Created(w, httpx.Locf("/v1/customers/%d/payment-methods/%d", id, m.ID), map[string]any{"id": m.ID, "last4": m.Last4})
}
