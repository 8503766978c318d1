// Package gateway is the payment service provider (card acquirer) client.
package gateway

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"mvno.telco/core/platform/money"
)

type Client struct {
	baseURL, apiKey string
	http            *http.Client
}

func New(baseURL, apiKey string, timeout time.Duration) *Client {
	return &Client{baseURL: baseURL, apiKey: apiKey, http: &http.Client{Timeout: timeout}}
}

// ChargeResult is the acquirer's answer; Declined is a business outcome, not an error.
type ChargeResult struct {
	Reference   string `json:"reference"`
	Approved    bool   `json:"approved"`
	DeclineCode string `json:"decline_code,omitempty"`
}

func (c *Client) post(ctx context.Context, path, idem string, in, out any) error {
	body, err := json.Marshal(in)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.baseURL+path, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+c.apiKey)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Idempotency-Key", idem)
	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("psp: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 500 {
		return fmt.Errorf("psp: %s returned %d", path, resp.StatusCode)
	}
	return json.NewDecoder(resp.Body).Decode(out)
}

// Charge captures immediately (no separate authorisation for telecom bills).
func (c *Client) Charge(ctx context.Context, token string, amount money.Money, idem, description string) (ChargeResult, error) {
	var out ChargeResult
	err := c.post(ctx, "/v3/charges", idem, map[string]any{
		"source": token, "amount": amount.Amount, "currency": amount.Currency,
		"description": description, "capture": true,
	}, &out)
	return out, err
}

func (c *Client) Refund(ctx context.Context, reference string, amount money.Money, idem string) (string, error) {
	var out struct {
		Reference string `json:"reference"`
		Status    string `json:"status"`
	}
	if err := c.post(ctx, "/v3/charges/"+reference+"/refunds", idem, map[string]any{"amount": amount.Amount}, &out); err != nil {
		return "", err
	}
	if out.Status != "succeeded" {
		return "", fmt.Errorf("psp: refund %s", out.Status)
	}
	return out.Reference, nil
}
