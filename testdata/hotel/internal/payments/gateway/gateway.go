// Package gateway is the client for our card payment service provider (PSP).
package gateway

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/staybright/platform/internal/pkg/errs"
	"github.com/staybright/platform/internal/pkg/ids"
	"github.com/staybright/platform/internal/pkg/money"
)

// AuthRequest authorizes a card for an amount.
type AuthRequest struct {
	Reference    string      `json:"merchantReference"`
	Amount       money.Money `json:"amount"`
	CardToken    string      `json:"paymentMethodToken"`
	ShopperEmail string      `json:"shopperEmail"`
}

// Result is the PSP's answer to an authorization.
type Result struct {
	ProviderRef   string `json:"pspReference"`
	Approved      bool   `json:"approved"`
	CardLast4     string `json:"cardSummary"`
	DeclineReason string `json:"refusalReason,omitempty"`
}

// SettlementLine is one row of the daily settlement report.
type SettlementLine struct {
	ProviderRef string `json:"pspReference"`
	Type        string `json:"type"` // capture, refund, chargeback
	GrossCents  int64  `json:"gross"`
	FeeCents    int64  `json:"fee"`
	Currency    string `json:"currency"`
}

// Gateway is the PSP interface used by the payments service.
type Gateway interface {
	Authorize(ctx context.Context, req AuthRequest) (Result, error)
	Capture(ctx context.Context, providerRef string, amount money.Money) error
	Void(ctx context.Context, providerRef string) error
	Refund(ctx context.Context, providerRef string, amount money.Money) (string, error)
	SettlementReport(ctx context.Context, day time.Time) ([]SettlementLine, error)
}

// HTTPClient talks to the PSP's JSON API.
type HTTPClient struct {
	base     string
	apiKey   string
	merchant string
	http     *http.Client
}

// NewHTTP returns a PSP client.
func NewHTTP(base, apiKey, merchant string) *HTTPClient {
	return &HTTPClient{base: base, apiKey: apiKey, merchant: merchant, http: &http.Client{Timeout: 15 * time.Second}}
}

func (c *HTTPClient) call(ctx context.Context, path string, in, out any) error {
	body, err := json.Marshal(in)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+path, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("X-API-Key", c.apiKey)
	req.Header.Set("X-Merchant-Account", c.merchant)
	req.Header.Set("Idempotency-Key", ids.New("idem"))
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return errs.Wrapf(errs.Unavailable, err, "gateway.call", "payment provider unreachable")
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 500 {
		return errs.E(errs.Unavailable, "gateway.call", fmt.Sprintf("payment provider returned %d", resp.StatusCode))
	}
	if resp.StatusCode >= 400 {
		return errs.E(errs.Invalid, "gateway.call", fmt.Sprintf("payment provider rejected request (%d)", resp.StatusCode))
	}
	if out == nil {
		return nil
	}
	return json.NewDecoder(resp.Body).Decode(out)
}

// Authorize implements Gateway.
func (c *HTTPClient) Authorize(ctx context.Context, req AuthRequest) (Result, error) {
	var res Result
	err := c.call(ctx, "/payments", req, &res)
	return res, err
}

// Capture implements Gateway.
func (c *HTTPClient) Capture(ctx context.Context, ref string, amount money.Money) error {
	return c.call(ctx, "/payments/"+ref+"/captures", map[string]any{"amount": amount}, nil)
}

// Void implements Gateway.
func (c *HTTPClient) Void(ctx context.Context, ref string) error {
	return c.call(ctx, "/payments/"+ref+"/cancels", map[string]any{}, nil)
}

// Refund implements Gateway.
func (c *HTTPClient) Refund(ctx context.Context, ref string, amount money.Money) (string, error) {
	var out struct {
		Ref string `json:"pspReference"`
	}
	err := c.call(ctx, "/payments/"+ref+"/refunds", map[string]any{"amount": amount}, &out)
	return out.Ref, err
}

// SettlementReport implements Gateway.
func (c *HTTPClient) SettlementReport(ctx context.Context, day time.Time) ([]SettlementLine, error) {
	var out struct {
		Lines []SettlementLine `json:"lines"`
	}
	err := c.call(ctx, "/reports/settlement", map[string]string{"date": day.Format(time.DateOnly)}, &out)
	return out.Lines, err
}

// Fake approves everything; used in dev and staging.
type Fake struct{}

// Authorize implements Gateway.
func (Fake) Authorize(_ context.Context, req AuthRequest) (Result, error) {
	if req.CardToken == "tok_decline" {
		return Result{ProviderRef: ids.New("psp"), DeclineReason: "Refused"}, nil
	}
	return Result{ProviderRef: ids.New("psp"), Approved: true, CardLast4: "4242"}, nil
}

// Capture implements Gateway.
func (Fake) Capture(context.Context, string, money.Money) error { return nil }

// Void implements Gateway.
func (Fake) Void(context.Context, string) error { return nil }

// Refund implements Gateway.
func (Fake) Refund(context.Context, string, money.Money) (string, error) { return ids.New("psp"), nil }

// SettlementReport implements Gateway.
func (Fake) SettlementReport(context.Context, time.Time) ([]SettlementLine, error) { return nil, nil }

// VerifyWebhook checks the HMAC-SHA256 signature of a notification body.
func VerifyWebhook(secret string, body []byte, signature string) bool {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	want := hex.EncodeToString(mac.Sum(nil))
	return hmac.Equal([]byte(want), []byte(signature))
}
