// Package api exposes invoices, payment methods and the provider webhook.
package api

import (
	"context"
	"database/sql"
	"encoding/json"
	"io"
	"net/http"
	"time"

	"github.com/dailyherald/newsroom/internal/billing/gateway"
	"github.com/dailyherald/newsroom/internal/billing/invoice"
	"github.com/dailyherald/newsroom/internal/billing/ledger"
	"github.com/dailyherald/newsroom/pkg/db"
	"github.com/dailyherald/newsroom/pkg/errs"
	"github.com/dailyherald/newsroom/pkg/httpx"
	"github.com/dailyherald/newsroom/pkg/httpx/middleware"
	"github.com/dailyherald/newsroom/pkg/ids"
	"github.com/dailyherald/newsroom/pkg/money"
)

type Handlers struct {
	DB       *sql.DB
	Invoices *invoice.Service
	Gateway  *gateway.Client
}

func (h Handlers) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /v1/me/invoices", h.myInvoices)
	mux.HandleFunc("GET /v1/me/invoices/{id}", h.myInvoice)
	mux.HandleFunc("POST /v1/me/payment-methods", h.addPaymentMethod)
	mux.HandleFunc("POST /webhooks/payments", h.webhook)
}

func reader(r *http.Request) (string, error) {
	p, ok := middleware.PrincipalFrom(r.Context())
	if !ok || p.Staff {
		return "", errs.E(errs.Unauthorized, "reader session required")
	}
	return p.ID, nil
}

func (h Handlers) myInvoices(w http.ResponseWriter, r *http.Request) {
	id, err := reader(r)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	list, err := h.Invoices.ListForReader(r.Context(), id)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, list)
}

func (h Handlers) myInvoice(w http.ResponseWriter, r *http.Request) {
	id, err := reader(r)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	inv, err := h.Invoices.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	if inv.ReaderID != id {
		httpx.WriteError(w, r, errs.NotFoundf("invoice not found"))
		return
	}
	httpx.WriteJSON(w, http.StatusOK, inv)
}

func (h Handlers) addPaymentMethod(w http.ResponseWriter, r *http.Request) {
	id, err := reader(r)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	var in struct {
		Token    string `json:"token"`
		Brand    string `json:"brand"`
		Last4    string `json:"last4"`
		ExpMonth int    `json:"exp_month"`
		ExpYear  int    `json:"exp_year"`
	}
	if err := httpx.ReadJSON(r, &in); err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	if in.Token == "" || len(in.Last4) != 4 {
		httpx.WriteError(w, r, errs.Invalidf("token and last4 required"))
		return
	}
	exp := time.Date(in.ExpYear, time.Month(in.ExpMonth)+1, 1, 0, 0, 0, 0, time.UTC)
	if !exp.After(time.Now()) {
		httpx.WriteError(w, r, errs.Invalidf("card has expired"))
		return
	}
	pmID := ids.New("pm")
	err = db.WithTx(r.Context(), h.DB, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(r.Context(), `UPDATE payment_methods SET is_default = false WHERE reader_id = $1`, id); err != nil {
			return err
		}
		_, err := tx.ExecContext(r.Context(), `
			INSERT INTO payment_methods (id, reader_id, gateway_token, brand, last4, exp_month, exp_year, is_default, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, true, now())`, pmID, id, in.Token, in.Brand, in.Last4, in.ExpMonth, in.ExpYear)
		return err
	})
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusCreated, map[string]string{"id": pmID})
}

type webhookEvent struct {
	Type string `json:"type"`
	Data struct {
		ChargeRef   string `json:"charge"`
		AmountCents int64  `json:"amount"`
		Currency    string `json:"currency"`
	} `json:"data"`
}

func (h Handlers) webhook(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	if !h.Gateway.VerifySignature(r.Header.Get("Gateway-Signature"), body, time.Now()) {
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	var ev webhookEvent
	if err := json.Unmarshal(body, &ev); err != nil {
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	switch ev.Type {
	case "charge.refunded", "charge.dispute_lost":
		err = h.recordReversal(r.Context(), ev)
	}
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusOK)
}

func (h Handlers) recordReversal(ctx context.Context, ev webhookEvent) error {
	amount := money.New(ev.Data.AmountCents, ev.Data.Currency)
	return db.WithTx(ctx, h.DB, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE payments SET status = 'refunded', refunded_cents = refunded_cents + $2 WHERE gateway_ref = $1`,
			ev.Data.ChargeRef, amount.Cents)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil // not one of ours (e.g. ad-hoc charge made in the provider dashboard)
		}
		return ledger.Post(ctx, tx, "refund", ev.Data.ChargeRef,
			ledger.Debit(ledger.AccountRefunds, amount, ev.Type),
			ledger.Credit(ledger.AccountCash, amount, ev.Type))
	})
}
