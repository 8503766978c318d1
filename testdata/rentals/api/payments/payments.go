// Package payments exposes rent payment, payment-method, ledger and autopay endpoints.
package payments

import (
	"net/http"
	"time"

	"github.com/keystoneprop/platform/internal/auth"
	"github.com/keystoneprop/platform/internal/errs"
	"github.com/keystoneprop/platform/internal/httpx"
	"github.com/keystoneprop/platform/internal/leases"
	"github.com/keystoneprop/platform/internal/ledger"
	"github.com/keystoneprop/platform/internal/money"
	"github.com/keystoneprop/platform/internal/payments"
	"github.com/keystoneprop/platform/internal/payments/autopay"
)

type Handler struct {
	Payments *payments.Service
	Autopay  *autopay.Service
	Ledger   *ledger.Service
	Leases   *leases.Service
}

func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /v1/leases/{id}/payments", httpx.H(h.pay))
	mux.HandleFunc("GET /v1/leases/{id}/payments", httpx.H(h.list))
	mux.HandleFunc("GET /v1/leases/{id}/ledger", httpx.H(h.ledger))
	mux.HandleFunc("POST /v1/leases/{id}/credits", httpx.H(h.credit))
	mux.HandleFunc("PUT /v1/leases/{id}/autopay", httpx.H(h.enroll))
	mux.HandleFunc("DELETE /v1/leases/{id}/autopay", httpx.H(h.unenroll))
	mux.HandleFunc("GET /v1/me/payment-methods", httpx.H(h.methods))
	mux.HandleFunc("POST /v1/me/payment-methods", httpx.H(h.addMethod))
}

// leaseFor loads the lease and checks that a tenant caller is on it.
func (h *Handler) leaseFor(r *http.Request) (string, string, auth.Claims, error) {
	c, err := auth.Require(r.Context(), auth.RoleStaff, auth.RoleTenant)
	if err != nil {
		return "", "", c, err
	}
	l, err := h.Leases.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		return "", "", c, err
	}
	if !auth.IsStaff(c) {
		ok := false
		for _, t := range l.TenantIDs {
			ok = ok || t == c.TenantID
		}
		if !ok {
			return "", "", c, errs.E(errs.NotFound, "lease not found")
		}
	}
	return l.ID, l.PropertyID, c, nil
}

func (h *Handler) pay(r *http.Request) (int, any, error) {
	leaseID, propID, c, err := h.leaseFor(r)
	if err != nil {
		return 0, nil, err
	}
	var body struct {
		MethodID string `json:"method_id"`
		Amount   string `json:"amount"`
	}
	if err := httpx.Decode(r, &body); err != nil {
		return 0, nil, err
	}
	amt, err := money.Parse(body.Amount)
	if err != nil {
		return 0, nil, errs.Wrap(err, errs.Invalid, "amount")
	}
	p, err := h.Payments.Pay(r.Context(), payments.PayRequest{LeaseID: leaseID, PropertyID: propID, TenantID: c.TenantID, MethodID: body.MethodID, Amount: amt})
	return http.StatusAccepted, p, err
}

func (h *Handler) list(r *http.Request) (int, any, error) {
	leaseID, _, _, err := h.leaseFor(r)
	if err != nil {
		return 0, nil, err
	}
	limit, offset := httpx.Page(r)
	ps, err := h.Payments.ListForLease(r.Context(), leaseID, limit, offset)
	return http.StatusOK, ps, err
}

func (h *Handler) ledger(r *http.Request) (int, any, error) {
	leaseID, _, _, err := h.leaseFor(r)
	if err != nil {
		return 0, nil, err
	}
	to := time.Now().AddDate(0, 0, 1)
	es, err := h.Ledger.Entries(r.Context(), leaseID, to.AddDate(-1, 0, 0), to)
	if err != nil {
		return 0, nil, err
	}
	bal, _ := h.Ledger.Balance(r.Context(), leaseID)
	return http.StatusOK, map[string]any{"entries": es, "balance": bal}, nil
}

func (h *Handler) credit(r *http.Request) (int, any, error) {
	leaseID, propID, c, err := h.leaseFor(r)
	if err == nil && !auth.IsStaff(c) {
		err = errs.E(errs.Forbidden, "staff only")
	}
	if err != nil {
		return 0, nil, err
	}
	var body struct {
		Amount string `json:"amount"`
		Memo   string `json:"memo"`
	}
	if err := httpx.Decode(r, &body); err != nil {
		return 0, nil, err
	}
	amt, _ := money.Parse(body.Amount)
	e, err := h.Ledger.Credit(r.Context(), leaseID, propID, amt, body.Memo+" (by "+c.UserID+")")
	return http.StatusCreated, e, err
}

func (h *Handler) enroll(r *http.Request) (int, any, error) {
	leaseID, propID, c, err := h.leaseFor(r)
	if err != nil {
		return 0, nil, err
	}
	var e autopay.Enrollment
	if err := httpx.Decode(r, &e); err != nil {
		return 0, nil, err
	}
	e.LeaseID, e.PropertyID, e.TenantID = leaseID, propID, c.TenantID
	return http.StatusNoContent, nil, h.Autopay.Enroll(r.Context(), e)
}

func (h *Handler) unenroll(r *http.Request) (int, any, error) {
	leaseID, _, c, err := h.leaseFor(r)
	if err == nil {
		err = h.Autopay.Cancel(r.Context(), leaseID, c.TenantID)
	}
	return http.StatusNoContent, nil, err
}

func (h *Handler) methods(r *http.Request) (int, any, error) {
	c, err := auth.Require(r.Context(), auth.RoleTenant)
	if err != nil {
		return 0, nil, err
	}
	ms, err := h.Payments.Methods(r.Context(), c.TenantID)
	return http.StatusOK, ms, err
}

func (h *Handler) addMethod(r *http.Request) (int, any, error) {
	c, err := auth.Require(r.Context(), auth.RoleTenant)
	if err != nil {
		return 0, nil, err
	}
	var body struct {
		Routing string `json:"routing"`
		Account string `json:"account"`
		Holder  string `json:"holder"`
	}
	if err := httpx.Decode(r, &body); err != nil {
		return 0, nil, err
	}
	m, err := h.Payments.AddMethod(r.Context(), c.TenantID, body.Routing, body.Account, body.Holder)
	return http.StatusCreated, m, err
}
