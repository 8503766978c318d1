// Package gateway is the client for our payment service provider.
package gateway

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/flickstream/api/legacy/util"
	"github.com/flickstream/api/pkg/money"
)

// DeclineError is returned when the provider declines a charge.
type DeclineError struct {
	Code string
}

func (e *DeclineError) Error() string { return "payment declined: " + e.Code }

// Retryable reports whether the decline may succeed later (as opposed to e.g. a stolen card).
func (e *DeclineError) Retryable() bool {
	switch e.Code {
	case "insufficient_funds", "processing_error", "try_again_later", "do_not_honor":
		return true
	}
	return false
}

// ChargeRequest is one charge.
type ChargeRequest struct {
	CustomerRef    string
	Amount         money.Amount
	Description    string
	IdempotencyKey string
}

// Charge is the provider's view of a successful charge.
type Charge struct {
	ID     string `json:"id"`
	Status string `json:"status"`
}

// Client talks to the provider's REST API.
type Client struct {
	baseURL string
	apiKey  string
	http    *http.Client
}

// New returns a client.
func New(baseURL, apiKey string) *Client {
	return &Client{baseURL: baseURL, apiKey: apiKey, http: &http.Client{Timeout: 15 * time.Second}}
}

// Charge charges the customer's default method.
func (c *Client) Charge(ctx context.Context, req ChargeRequest) (Charge, error) {
	if !req.Amount.IsPositive() {
		return Charge{}, errors.New("gateway: charge amount must be positive")
	}
	body, _ := json.Marshal(map[string]any{
		"customer": req.CustomerRef, "amount": req.Amount.Cents, "currency": req.Amount.Currency,
		"description": req.Description,
	})
	var out struct {
		Charge
		DeclineCode string `json:"decline_code"`
	}
	if err := c.post(ctx, "/v2/charges", req.IdempotencyKey, body, &out); err != nil {
		return Charge{}, fmt.Errorf("gateway: charge %s for %s: %w", req.Amount, util.MaskCard(req.CustomerRef), err)
	}
	if out.Status == "declined" {
		return Charge{}, &DeclineError{Code: out.DeclineCode}
	}
	return out.Charge, nil
}

// Refund refunds a previous charge in full or in part.
func (c *Client) Refund(ctx context.Context, chargeID string, amount money.Amount, idempotencyKey string) error {
	body, _ := json.Marshal(map[string]any{"charge": chargeID, "amount": amount.Cents})
	return c.post(ctx, "/v2/refunds", idempotencyKey, body, nil)
}

func (c *Client) post(ctx context.Context, path, idem string, body []byte, out any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.baseURL+path, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+c.apiKey)
	req.Header.Set("Content-Type", "application/json")
	if idem != "" {
		req.Header.Set("Idempotency-Key", idem)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<16))
	if resp.StatusCode >= 500 {
		return &DeclineError{Code: "processing_error"}
	}
	if resp.StatusCode >= 400 && resp.StatusCode != http.StatusPaymentRequired {
		return fmt.Errorf("provider returned %d: %s", resp.StatusCode, util.Truncate(string(data), 200))
	}
	if out != nil {
		return json.Unmarshal(data, out)
	}
	return nil
}
