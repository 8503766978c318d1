// Package billinghttp: back-office endpoints for rate cards, contracts and
// invoices.
package billinghttp

import (
	"net/http"
	"time"

	"gitlab.com/roadrunner/fleet/lib/clock"
	"gitlab.com/roadrunner/fleet/lib/errs"
	"gitlab.com/roadrunner/fleet/lib/httpx"
	"gitlab.com/roadrunner/fleet/services/billing/contracts"
	"gitlab.com/roadrunner/fleet/services/billing/invoicing"
)

// Handlers serves the billing back office.
type Handlers struct {
	Contracts *contracts.Service
	Invoices  *invoicing.Service
}

// Routes returns pattern -> handler, for httpx.Mount.
func (h *Handlers) Routes() map[string]http.Handler {
	return map[string]http.Handler{
		"PUT /v1/billing/ratecards/{id}":       httpx.Handle(h.putRateCard),
		"POST /v1/billing/contracts":           httpx.Handle(h.createContract),
		"POST /v1/billing/invoices/draft":      httpx.Handle(h.draft),
		"GET /v1/billing/invoices/{id}":        httpx.Handle(h.getInvoice),
		"POST /v1/billing/invoices/{id}/issue": httpx.Handle(h.issue),
	}
}

func (h *Handlers) putRateCard(w http.ResponseWriter, r *http.Request) error {
	var rc contracts.RateCard
	if err := httpx.Decode(r, &rc); err != nil {
		return err
	}
	rc.ID = r.PathValue("id")
	if err := h.Contracts.SaveRateCard(r.Context(), rc); err != nil {
		return err
	}
	httpx.OK(w, rc)
	return nil
}

func (h *Handlers) createContract(w http.ResponseWriter, r *http.Request) error {
	var c contracts.Contract
	if err := httpx.Decode(r, &c); err != nil {
		return err
	}
	out, err := h.Contracts.Create(r.Context(), c)
	if err != nil {
		return err
	}
	httpx.Created(w, out)
	return nil
}

func (h *Handlers) draft(w http.ResponseWriter, r *http.Request) error {
	var body struct {
		CustomerID string `json:"customer_id"`
		Month      string `json:"month"` // 2006-01
	}
	if err := httpx.Decode(r, &body); err != nil {
		return err
	}
	m, err := time.ParseInLocation("2006-01", body.Month, clock.Local)
	if err != nil {
		return errs.Invalid("billinghttp.draft", "month must look like 2024-03")
	}
	inv, err := h.Invoices.Draft(r.Context(), body.CustomerID, clock.Month(m, clock.Local))
	if err != nil {
		return err
	}
	httpx.Created(w, inv)
	return nil
}

func (h *Handlers) getInvoice(w http.ResponseWriter, r *http.Request) error {
	inv, err := h.Invoices.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	if r.URL.Query().Get("format") == "text" {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, err := w.Write([]byte(invoicing.Render(inv)))
		return err
	}
	httpx.OK(w, inv)
	return nil
}

func (h *Handlers) issue(w http.ResponseWriter, r *http.Request) error {
	inv, err := h.Invoices.Issue(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	httpx.OK(w, inv)
	return nil
}
