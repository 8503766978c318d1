// Package psp is the client for the payment service provider's REST API.
package psp

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"skyhop.aero/backend/pkg/platform/errs"
	"skyhop.aero/backend/pkg/platform/money"
)

type Client struct {
	BaseURL string
	APIKey  string
	HTTP    *http.Client
}

func New(baseURL, key string) *Client {
	return &Client{BaseURL: baseURL, APIKey: key, HTTP: &http.Client{Timeout: 15 * time.Second}}
}

// ChargeResult is the PSP's answer to an authorization or capture.
type ChargeResult struct {
	Reference string `json:"reference"`
	Status    string `json:"status"` // authorised | captured | refused
	Reason    string `json:"reason,omitempty"`
}

// Charge authorizes and captures in one call (we sell for immediate travel
// and do not use delayed capture).
func (c *Client) Charge(ctx context.Context, token string, amt money.Amount, merchantRef string) (ChargeResult, error) {
	var res ChargeResult
	err := c.post(ctx, "/payments", map[string]any{
		"amount":        map[string]any{"value": amt.Minor, "currency": amt.Currency},
		"paymentMethod": map[string]string{"token": token},
		"reference":     merchantRef,
		"captureDelay":  "immediate",
	}, &res)
	if err != nil {
		return res, err
	}
	if res.Status == "refused" {
		return res, errs.Invalid("psp.charge", "payment refused: %s", res.Reason)
	}
	return res, nil
}

// Refund refunds part or all of a captured payment.
func (c *Client) Refund(ctx context.Context, pspRef string, amt money.Amount) (ChargeResult, error) {
	var res ChargeResult
	err := c.post(ctx, "/payments/"+pspRef+"/refunds", map[string]any{
		"amount": map[string]any{"value": amt.Minor, "currency": amt.Currency},
	}, &res)
	return res, err
}

func (c *Client) post(ctx context.Context, path string, body, out any) error {
	raw, err := json.Marshal(body)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.BaseURL+path, bytes.NewReader(raw))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-API-Key", c.APIKey)
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return errs.Unavailable("psp", "request failed: %v", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 500 {
		return errs.Unavailable("psp", "provider returned %s", resp.Status)
	}
	if resp.StatusCode >= 400 {
		return fmt.Errorf("psp: %s %s", path, resp.Status)
	}
	return json.NewDecoder(resp.Body).Decode(out)
}
