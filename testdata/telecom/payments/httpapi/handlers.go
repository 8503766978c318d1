// Package httpapi exposes payments, payment methods and top-ups.
package httpapi

import (
	"net/http"

	"mvno.telco/core/models"
	"mvno.telco/core/payments"
	"mvno.telco/core/payments/topup"
	"mvno.telco/core/platform/httpx"
	"mvno.telco/core/platform/money"
	"mvno.telco/core/subscribers"
)

type Handlers struct {
	svc         *payments.Service
	topups      *topup.Service
	subscribers *subscribers.Service
	currency    string
}

func New(svc *payments.Service, t *topup.Service, subs *subscribers.Service, currency string) *Handlers {
	return &Handlers{svc: svc, topups: t, subscribers: subs, currency: currency}
}

func (h *Handlers) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /v1/subscribers/{id}/payment-methods", h.addMethod)
	mux.HandleFunc("GET /v1/subscribers/{id}/payments", h.history)
	mux.HandleFunc("POST /v1/invoices/{id}/pay", h.payInvoice)
	mux.HandleFunc("POST /v1/subscribers/{id}/topups", h.topUp)
}

func (h *Handlers) addMethod(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Token    string `json:"token"`
		Brand    string `json:"brand"`
		Last4    string `json:"last4"`
		ExpMonth int    `json:"exp_month"`
		ExpYear  int    `json:"exp_year"`
		Default  bool   `json:"default"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	m, err := h.svc.AddMethod(r.Context(), models.PaymentMethod{SubscriberID: r.PathValue("id"), Token: req.Token,
		Brand: req.Brand, Last4: req.Last4, ExpMonth: req.ExpMonth, ExpYear: req.ExpYear, Default: req.Default})
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusCreated, m)
}

func (h *Handlers) history(w http.ResponseWriter, r *http.Request) {
	ps, err := h.svc.History(r.Context(), r.PathValue("id"), httpx.ParsePage(r).Limit)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"payments": ps})
}

func (h *Handlers) payInvoice(w http.ResponseWriter, r *http.Request) {
	var req struct {
		MethodID string `json:"method_id"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	p, err := h.svc.PayInvoice(r.Context(), r.PathValue("id"), req.MethodID)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusCreated, p)
}

func (h *Handlers) topUp(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Amount   string `json:"amount,omitempty"`
		MethodID string `json:"method_id,omitempty"`
		Voucher  string `json:"voucher,omitempty"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	sub, err := h.subscribers.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	var t models.TopUp
	if req.Voucher != "" {
		t, err = h.topups.ByVoucher(r.Context(), sub, req.Voucher)
	} else {
		var amt money.Money
		if amt, err = money.ParseMajor(req.Amount, h.currency); err == nil {
			t, err = h.topups.ByCard(r.Context(), sub, amt, req.MethodID)
		}
	}
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusCreated, t)
}
