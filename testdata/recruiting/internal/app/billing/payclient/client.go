// Package payclient talks to the payment provider (PayGate) that charges our
// customers' cards.
package payclient

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/hirebase/ats/internal/platform/money"
)

type Client struct {
	baseURL string
	apiKey  string
	http    *http.Client
}

func New(baseURL, apiKey string) *Client {
	return &Client{baseURL: baseURL, apiKey: apiKey, http: &http.Client{Timeout: 20 * time.Second}}
}

type ChargeRequest struct {
	CustomerRef    string       `json:"customer"`
	Amount         money.Amount `json:"amount"`
	Description    string       `json:"description"`
	IdempotencyKey string       `json:"-"`
}

type ChargeResult struct {
	Ref           string `json:"id"`
	Status        string `json:"status"` // succeeded, failed, pending
	FailureReason string `json:"failure_reason,omitempty"`
}

func (c *Client) CreateCustomer(ctx context.Context, tenantID, name, email string) (string, error) {
	var out struct {
		ID string `json:"id"`
	}
	err := c.post(ctx, "/customers", tenantID, map[string]string{"reference": tenantID, "name": name, "email": email}, &out)
	return out.ID, err
}

func (c *Client) Charge(ctx context.Context, req ChargeRequest) (ChargeResult, error) {
	var out ChargeResult
	if req.Amount.Cents <= 0 {
		return ChargeResult{Status: "succeeded", Ref: "zero:" + req.IdempotencyKey}, nil
	}
	err := c.post(ctx, "/charges", req.IdempotencyKey, req, &out)
	return out, err
}

func (c *Client) post(ctx context.Context, path, idem string, body, out any) error {
	buf, err := json.Marshal(body)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.baseURL+path, bytes.NewReader(buf))
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
		return fmt.Errorf("payclient: %s: %w", path, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 500 {
		return fmt.Errorf("payclient: %s: provider error %d", path, resp.StatusCode)
	}
	return json.NewDecoder(resp.Body).Decode(out)
}
