// Package portal is the customer-facing REST API (api.roadrunner.nl/portal):
// customers book shipments, follow them, and download invoices, using an
// API key.
package portal

import (
	"context"
	"net/http"

	"gitlab.com/roadrunner/fleet/lib/errs"
	"gitlab.com/roadrunner/fleet/lib/httpx"
	"gitlab.com/roadrunner/fleet/services/billing/invoicing"
	"gitlab.com/roadrunner/fleet/services/customers/account"
	"gitlab.com/roadrunner/fleet/services/customers/shipments"
	"gitlab.com/roadrunner/fleet/web/middleware"
)

// Portal holds the services the portal exposes.
type Portal struct {
	Accounts  *account.Service
	Shipments *shipments.Service
	Invoices  *invoicing.Service
}

// Handler returns the portal with API key auth applied.
func (p *Portal) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("POST /portal/shipments", httpx.Handle(p.submit))
	mux.Handle("GET /portal/shipments/{id}", httpx.Handle(p.track))
	mux.Handle("GET /portal/invoices", httpx.Handle(p.invoices))
	mux.Handle("GET /portal/invoices/{id}", httpx.Handle(p.invoice))
	return middleware.APIKey(p.resolve)(mux)
}

func (p *Portal) resolve(ctx context.Context, key string) (middleware.Principal, error) {
	c, err := p.Accounts.ByAPIKey(ctx, key)
	return middleware.Principal{Subject: c.ID, Scopes: []string{"shipments", "invoices"}}, err
}

func customerID(r *http.Request) string {
	pr, _ := middleware.PrincipalFrom(r.Context())
	return pr.Subject
}

func (p *Portal) submit(w http.ResponseWriter, r *http.Request) error {
	var req shipments.Request
	if err := httpx.Decode(r, &req); err != nil {
		return err
	}
	out, err := p.Shipments.Submit(r.Context(), customerID(r), req)
	if err != nil {
		return err
	}
	status := http.StatusCreated
	if out.Status == shipments.Rejected {
		status = http.StatusUnprocessableEntity
	}
	httpx.JSON(w, status, out)
	return nil
}

func (p *Portal) track(w http.ResponseWriter, r *http.Request) error {
	req, stops, err := p.Shipments.Track(r.Context(), customerID(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	httpx.OK(w, map[string]any{"shipment": req, "eta": stops})
	return nil
}

func (p *Portal) invoices(w http.ResponseWriter, r *http.Request) error {
	hs, err := p.Invoices.ForCustomer(r.Context(), customerID(r))
	if err != nil {
		return err
	}
	httpx.OK(w, hs)
	return nil
}

func (p *Portal) invoice(w http.ResponseWriter, r *http.Request) error {
	inv, err := p.Invoices.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	if inv.Customer.ID != customerID(r) || inv.Number == "" {
		return errs.NotFound("portal.invoice", "invoice", r.PathValue("id"))
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, err = w.Write([]byte(invoicing.Render(inv)))
	return err
}
