// Package gateway is the client for the external card payment provider.
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

	"github.com/dailyherald/newsroom/pkg/money"
)

type Client struct {
	BaseURL string
	APIKey  string
	HTTP    *http.Client
	// WebhookSecret verifies signatures on incoming provider webhooks.
	WebhookSecret string
}

func New(baseURL, apiKey, webhookSecret string) *Client {
	return &Client{BaseURL: baseURL, APIKey: apiKey, WebhookSecret: webhookSecret, HTTP: &http.Client{Timeout: 20 * time.Second}}
}

type ChargeRequest struct {
	PaymentMethod  string `json:"payment_method"`
	AmountCents    int64  `json:"amount"`
	Currency       string `json:"currency"`
	Description    string `json:"description"`
	IdempotencyKey string `json:"-"`
}

type ChargeResult struct {
	Ref         string `json:"id"`
	Status      string `json:"status"` // succeeded, failed, requires_action
	FailureCode string `json:"failure_code"`
}

func (r ChargeResult) Succeeded() bool { return r.Status == "succeeded" }

// Retryable reports whether a failed charge is worth retrying later.
func (r ChargeResult) Retryable() bool {
	switch r.FailureCode {
	case "insufficient_funds", "processing_error", "try_again_later", "":
		return true
	}
	return false // card_declined:stolen, expired_card, etc.
}

func (c *Client) Charge(ctx context.Context, amount money.Money, pm, desc, idemKey string) (*ChargeResult, error) {
	req := ChargeRequest{PaymentMethod: pm, AmountCents: amount.Cents, Currency: amount.Currency, Description: desc, IdempotencyKey: idemKey}
	var res ChargeResult
	if err := c.post(ctx, "/charges", idemKey, req, &res); err != nil {
		return nil, err
	}
	return &res, nil
}

func (c *Client) post(ctx context.Context, path, idemKey string, body, out any) error {
	raw, err := json.Marshal(body)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.BaseURL+path, bytes.NewReader(raw))
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+c.APIKey)
	req.Header.Set("Content-Type", "application/json")
	if idemKey != "" {
		req.Header.Set("Idempotency-Key", idemKey)
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return fmt.Errorf("gateway: %s: %w", path, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 500 {
		return fmt.Errorf("gateway: %s: status %d", path, resp.StatusCode)
	}
	// 402 carries a normal charge body with status=failed.
	return json.NewDecoder(resp.Body).Decode(out)
}

// VerifySignature checks the provider's "t=<unix>,v1=<hex>" signature header.
func (c *Client) VerifySignature(header string, body []byte, now time.Time) bool {
	var ts int64
	var sig string
	if _, err := fmt.Sscanf(header, "t=%d,v1=%s", &ts, &sig); err != nil {
		return false
	}
	if now.Sub(time.Unix(ts, 0)) > 5*time.Minute {
		return false
	}
	mac := hmac.New(sha256.New, []byte(c.WebhookSecret))
	fmt.Fprintf(mac, "%d.", ts)
	mac.Write(body)
	want := hex.EncodeToString(mac.Sum(nil))
	return hmac.Equal([]byte(want), []byte(sig))
}
