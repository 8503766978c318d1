// Package http exposes billing endpoints for the member app and finance staff.
package http

import (
	"bufio"
	"net/http"
	"strings"

	"github.com/pulsefit/clubs/internal/billing/directdebit"
	"github.com/pulsefit/clubs/internal/billing/service"
	"github.com/pulsefit/clubs/internal/billing/store"
	"github.com/pulsefit/clubs/internal/models"
	"github.com/pulsefit/clubs/pkg/errs"
	"github.com/pulsefit/clubs/pkg/httpx"
)

type Handlers struct {
	Store    *store.Store
	Billing  *service.Service
	Mandates *directdebit.Mandates
}

func (h *Handlers) Register(mux *http.ServeMux) {
	mux.Handle("GET /members/{id}/invoices", httpx.Handler(h.listInvoices))
	mux.Handle("GET /invoices/{id}", httpx.Handler(h.getInvoice))
	mux.Handle("GET /members/{id}/balance", httpx.Handler(h.balance))
	mux.Handle("GET /members/{id}/mandate", httpx.Handler(h.mandate))
	mux.Handle("POST /finance/arudd", httpx.StaffOnly(httpx.Handler(h.arudd)))
}

func (h *Handlers) listInvoices(w http.ResponseWriter, r *http.Request) error {
	limit := httpx.QueryInt(r, "limit", 24)
	out, err := h.Store.ListForMember(r.Context(), r.PathValue("id"), limit)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, models.Page[models.Invoice]{Items: out, Limit: limit})
	return nil
}

func (h *Handlers) getInvoice(w http.ResponseWriter, r *http.Request) error {
	inv, err := h.Store.GetInvoice(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, inv)
	return nil
}

func (h *Handlers) balance(w http.ResponseWriter, r *http.Request) error {
	b, err := h.Billing.Balance(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"balance": b})
	return nil
}

func (h *Handlers) mandate(w http.ResponseWriter, r *http.Request) error {
	md, err := h.Mandates.Active(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, md)
	return nil
}

// arudd accepts the bank's returns report as CSV: reference,invoice_id,code.
func (h *Handlers) arudd(w http.ResponseWriter, r *http.Request) error {
	sc := bufio.NewScanner(r.Body)
	n := 0
	for sc.Scan() {
		parts := strings.Split(strings.TrimSpace(sc.Text()), ",")
		if len(parts) != 3 {
			return errs.Invalid("line %d: expected 3 fields", n+1)
		}
		if err := h.Billing.HandleReturn(r.Context(), directdebit.ARUDDReturn{Reference: parts[0], InvoiceID: parts[1], Code: parts[2]}); err != nil {
			return err
		}
		n++
	}
	if err := sc.Err(); err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, map[string]int{"processed": n})
	return nil
}
