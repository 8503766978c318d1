// Package gateway is the client for the card processor (PayCore).
package gateway

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"tablecraft.io/ops/internal/platform/money"
)

// Client talks to the processor's REST API.
type Client struct {
	baseURL string
	key     string
	http    *http.Client
}

// New returns a Client.
func New(baseURL, key string) *Client {
	return &Client{baseURL: baseURL, key: key, http: &http.Client{Timeout: 15 * time.Second}}
}

// DeclinedError is returned when the issuer declines.
type DeclinedError struct{ Code, Message string }

func (e *DeclinedError) Error() string { return "card declined: " + e.Message + " (" + e.Code + ")" }

type result struct {
	ID      string `json:"id"`
	Status  string `json:"status"`
	Code    string `json:"decline_code"`
	Message string `json:"message"`
}

func (c *Client) post(ctx context.Context, path, idem string, body any) (*result, error) {
	b, _ := json.Marshal(body)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.baseURL+path, bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+c.key)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Idempotency-Key", idem)
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("gateway: %s: %w", path, err)
	}
	defer resp.Body.Close()
	var res result
	if err := json.NewDecoder(resp.Body).Decode(&res); err != nil {
		return nil, fmt.Errorf("gateway: %s: decode: %w", path, err)
	}
	if res.Status == "declined" {
		return nil, &DeclinedError{Code: res.Code, Message: res.Message}
	}
	if resp.StatusCode >= 300 {
		return nil, fmt.Errorf("gateway: %s: %s %s", path, resp.Status, res.Message)
	}
	return &res, nil
}

// Sale authorizes and captures amount+tip on a tokenized card.
func (c *Client) Sale(ctx context.Context, token string, amount, tip money.Cents, idem string) (string, error) {
	res, err := c.post(ctx, "/sales", idem, map[string]any{
		"source": token, "amount": int64(amount + tip), "tip": int64(tip), "currency": "usd",
	})
	if err != nil {
		return "", err
	}
	return res.ID, nil
}

// AdjustTip changes the tip on a sale before batch close.
func (c *Client) AdjustTip(ctx context.Context, saleID string, tip money.Cents) error {
	_, err := c.post(ctx, "/sales/"+saleID+"/tip", saleID+"-tip", map[string]any{"tip": int64(tip)})
	return err
}

// Refund returns amount on a sale.
func (c *Client) Refund(ctx context.Context, saleID string, amount money.Cents, idem string) (string, error) {
	res, err := c.post(ctx, "/sales/"+saleID+"/refunds", idem, map[string]any{"amount": int64(amount)})
	if err != nil {
		return "", err
	}
	return res.ID, nil
}
