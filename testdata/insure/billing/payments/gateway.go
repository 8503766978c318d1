// Package payments is the client for the card/ACH payment gateway (PayGW).
package payments

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sync/atomic"
	"time"

	"harbormutual.com/core/platform/config"
	"harbormutual.com/core/platform/errs"
	"harbormutual.com/core/platform/log"
	"harbormutual.com/core/platform/money"
)

// ChargeRequest charges a stored token.
type ChargeRequest struct {
	Token          string      `json:"token"`
	Amount         money.Money `json:"amount_cents"`
	Reference      string      `json:"reference"` // our invoice number
	IdempotencyKey string      `json:"-"`
}

// ChargeResult is the gateway's answer. ACH charges come back PENDING and
// settle later via webhook.
type ChargeResult struct {
	GatewayRef string `json:"id"`
	Status     string `json:"status"` // APPROVED, PENDING, DECLINED
	DeclineMsg string `json:"decline_reason,omitempty"`
}

type Gateway interface {
	Charge(ctx context.Context, req ChargeRequest) (*ChargeResult, error)
	Refund(ctx context.Context, gatewayRef string, amount money.Money) (string, error)
}

// HTTPGateway talks to PayGW's REST API.
type HTTPGateway struct {
	base   string
	key    string
	client *http.Client
	log    *log.Logger
}

func NewHTTPGateway(cfg *config.Config) *HTTPGateway {
	return &HTTPGateway{base: cfg.PaymentGatewayURL, key: cfg.PaymentGatewayKey,
		client: &http.Client{Timeout: cfg.PaymentTimeout}, log: log.New("paygw")}
}

func (g *HTTPGateway) post(ctx context.Context, path, idem string, body, out any) error {
	b, err := json.Marshal(body)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, g.base+path, bytes.NewReader(b))
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+g.key)
	req.Header.Set("Content-Type", "application/json")
	if idem != "" {
		req.Header.Set("Idempotency-Key", idem)
	}
	start := time.Now()
	resp, err := g.client.Do(req)
	if err != nil {
		return errs.E("payments.post", errs.Unavailable, "paygw %s: %v", path, err)
	}
	defer resp.Body.Close()
	g.log.Debug("paygw call", "path", path, "status", resp.StatusCode, "ms", time.Since(start).Milliseconds())
	if resp.StatusCode >= 500 {
		return errs.E("payments.post", errs.Unavailable, "paygw %s returned %d", path, resp.StatusCode)
	}
	if resp.StatusCode >= 400 && resp.StatusCode != http.StatusPaymentRequired {
		return fmt.Errorf("payments: paygw %s returned %d", path, resp.StatusCode)
	}
	return json.NewDecoder(resp.Body).Decode(out)
}

func (g *HTTPGateway) Charge(ctx context.Context, req ChargeRequest) (*ChargeResult, error) {
	var out ChargeResult
	if err := g.post(ctx, "/charges", req.IdempotencyKey, req, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

func (g *HTTPGateway) Refund(ctx context.Context, gatewayRef string, amount money.Money) (string, error) {
	var out struct {
		ID string `json:"id"`
	}
	err := g.post(ctx, "/charges/"+gatewayRef+"/refunds", "refund-"+gatewayRef, map[string]any{"amount_cents": amount}, &out)
	return out.ID, err
}

// FakeGateway approves everything except amounts ending in 13 cents, which
// lets QA trigger declines. Used when HM_ENV != prod.
type FakeGateway struct{ n atomic.Int64 }

func (f *FakeGateway) Charge(_ context.Context, req ChargeRequest) (*ChargeResult, error) {
	id := fmt.Sprintf("fake_ch_%d", f.n.Add(1))
	if int64(req.Amount)%100 == 13 {
		return &ChargeResult{GatewayRef: id, Status: "DECLINED", DeclineMsg: "insufficient funds"}, nil
	}
	return &ChargeResult{GatewayRef: id, Status: "APPROVED"}, nil
}

func (f *FakeGateway) Refund(_ context.Context, ref string, _ money.Money) (string, error) {
	return "fake_re_" + ref, nil
}
