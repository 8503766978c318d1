// Package gateway is the client for our ACH/card payment processor.
package gateway

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/keystoneprop/platform/internal/money"
)

type Client struct {
	baseURL  string
	apiKey   string
	merchant string
	http     *http.Client
}

func New(baseURL, apiKey, merchant string) *Client {
	return &Client{baseURL: baseURL, apiKey: apiKey, merchant: merchant, http: &http.Client{Timeout: 20 * time.Second}}
}

type ChargeResult struct {
	Ref    string `json:"id"`
	Status string `json:"status"` // pending, succeeded, failed
	Code   string `json:"failure_code"`
	Fee    int64  `json:"fee_cents"`
}

type PayoutResult struct {
	Ref    string `json:"id"`
	Status string `json:"status"`
}

func (c *Client) do(ctx context.Context, path, idemKey string, in, out any) error {
	body, err := json.Marshal(in)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.baseURL+path, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+c.apiKey)
	req.Header.Set("Idempotency-Key", idemKey)
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("gateway %s: %w", path, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 500 {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
		return fmt.Errorf("gateway %s: %d %s", path, resp.StatusCode, b)
	}
	return json.NewDecoder(resp.Body).Decode(out)
}

// Charge debits a stored payment method (ACH or card token).
func (c *Client) Charge(ctx context.Context, methodRef string, amt money.Cents, idemKey, descriptor string) (ChargeResult, error) {
	var r ChargeResult
	err := c.do(ctx, "/charges", idemKey, map[string]any{
		"merchant": c.merchant, "source": methodRef, "amount": int64(amt), "currency": "usd", "descriptor": descriptor,
	}, &r)
	return r, err
}

func (c *Client) Refund(ctx context.Context, chargeRef string, amt money.Cents, idemKey string) (ChargeResult, error) {
	var r ChargeResult
	err := c.do(ctx, "/refunds", idemKey, map[string]any{"charge": chargeRef, "amount": int64(amt)}, &r)
	return r, err
}

// Payout sends an ACH credit to a bank account (owner distributions, deposit refunds).
func (c *Client) Payout(ctx context.Context, bankRef string, amt money.Cents, idemKey, memo string) (PayoutResult, error) {
	var r PayoutResult
	err := c.do(ctx, "/payouts", idemKey, map[string]any{
		"merchant": c.merchant, "destination": bankRef, "amount": int64(amt), "memo": memo,
	}, &r)
	return r, err
}

// Tokenize exchanges raw bank details for a stored method reference.
func (c *Client) Tokenize(ctx context.Context, routing, account, holder string) (string, error) {
	var r struct {
		Token string `json:"token"`
	}
	err := c.do(ctx, "/methods", routing+account, map[string]any{"routing": routing, "account": account, "holder": holder}, &r)
	return r.Token, err
}

type WebhookEvent struct {
	Type      string `json:"type"` // charge.succeeded, charge.failed, charge.returned, payout.paid, payout.failed
	ObjectRef string `json:"object_id"`
	Code      string `json:"code"`
	Amount    int64  `json:"amount"`
}

func VerifyWebhook(secret string, body []byte, signature string) (WebhookEvent, error) {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(body)
	if !hmac.Equal([]byte(hex.EncodeToString(m.Sum(nil))), []byte(signature)) {
		return WebhookEvent{}, fmt.Errorf("gateway: bad webhook signature")
	}
	var ev WebhookEvent
	return ev, json.Unmarshal(body, &ev)
}
