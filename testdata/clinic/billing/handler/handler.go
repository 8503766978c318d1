// Package handler is the billing HTTP API used by the front desk and
// the billing office.
package handler

import (
	"net/http"
	"time"

	"github.com/acme/clinic/billing"
	"github.com/acme/clinic/billing/insurance"
	"github.com/acme/clinic/pkg/domain"
	"github.com/acme/clinic/pkg/web"
)

type BillingHandler struct {
	svc *billing.Service
}

func NewBillingHandler(svc *billing.Service) *BillingHandler { return &BillingHandler{svc: svc} }

func (h *BillingHandler) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /billing/appointments/{id}/invoice", h.invoiceAppointment)
	mux.HandleFunc("GET /billing/invoices/{id}", h.getInvoice)
	mux.HandleFunc("POST /billing/invoices/{id}/payments", h.pay)
	mux.HandleFunc("POST /billing/invoices/{id}/claim", h.claim)
}

type lineJSON struct {
	Code        string `json:"code"`
	Description string `json:"description"`
	Quantity    int    `json:"quantity"`
	Unit        string `json:"unit"`
	Total       string `json:"total"`
}

type invoiceJSON struct {
	ID        string     `json:"id"`
	PatientID string     `json:"patient_id"`
	Status    string     `json:"status"`
	Lines     []lineJSON `json:"lines,omitempty"`
	Subtotal  string     `json:"subtotal"`
	Tax       string     `json:"tax"`
	Insurance string     `json:"insurance"`
	Paid      string     `json:"paid"`
	Balance   string     `json:"balance"`
	DueAt     time.Time  `json:"due_at"`
}

func invoiceOut(inv domain.Invoice) invoiceJSON {
	out := invoiceJSON{
		ID: string(inv.ID), PatientID: string(inv.PatientID), Status: string(inv.Status),
		Subtotal: domain.FormatCents(inv.SubtotalCents), Tax: domain.FormatCents(inv.TaxCents),
		Insurance: domain.FormatCents(inv.InsuranceCents), Paid: domain.FormatCents(inv.PaidCents),
		Balance: domain.FormatCents(inv.BalanceCents()), DueAt: inv.DueAt,
	}
	for _, l := range inv.Lines {
		out.Lines = append(out.Lines, lineJSON{l.Code, l.Description, l.Quantity, domain.FormatCents(l.UnitCents), domain.FormatCents(l.TotalCents())})
	}
	return out
}

func (h *BillingHandler) invoiceAppointment(w http.ResponseWriter, r *http.Request) {
	inv, est, err := h.svc.InvoiceAppointment(r.Context(), domain.AppointmentID(r.PathValue("id")))
	if err != nil {
		web.Error(w, r, err)
		return
	}
	web.JSON(w, http.StatusCreated, map[string]any{"invoice": invoiceOut(inv), "estimate": estimateOut(est)})
}

func estimateOut(e insurance.Estimate) map[string]string {
	return map[string]string{"plan_pays": domain.FormatCents(e.PlanPaysCents), "patient_pays": domain.FormatCents(e.PatientPaysCents)}
}

func (h *BillingHandler) getInvoice(w http.ResponseWriter, r *http.Request) {
	inv, err := h.svc.Get(r.Context(), domain.InvoiceID(r.PathValue("id")))
	if err != nil {
		web.Error(w, r, err)
		return
	}
	web.JSON(w, http.StatusOK, invoiceOut(inv))
}

func (h *BillingHandler) pay(w http.ResponseWriter, r *http.Request) {
	var req struct {
		AmountCents int64  `json:"amount_cents"`
		Method      string `json:"method"`
		Reference   string `json:"reference"`
	}
	if err := web.Decode(r, &req); err != nil {
		web.Error(w, r, err)
		return
	}
	inv, err := h.svc.RecordPayment(r.Context(), domain.InvoiceID(r.PathValue("id")), req.AmountCents, req.Method, req.Reference)
	if err != nil {
		web.Error(w, r, err)
		return
	}
	web.JSON(w, http.StatusOK, invoiceOut(inv))
}

func (h *BillingHandler) claim(w http.ResponseWriter, r *http.Request) {
	c, err := h.svc.SubmitClaim(r.Context(), domain.InvoiceID(r.PathValue("id")))
	if err != nil {
		web.Error(w, r, err)
		return
	}
	web.JSON(w, http.StatusAccepted, map[string]string{
		"claim_id": c.ID, "status": string(c.Status), "reference": c.ExternalRef, "amount": domain.FormatCents(c.AmountCents),
	})
}
