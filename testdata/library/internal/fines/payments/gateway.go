// Package payments is the client for the city's card payment processor
// (used for online and self-service kiosk payments).
package payments

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

type Gateway struct {
	baseURL string
	apiKey  string
	http    *http.Client
}

func New(baseURL, apiKey string) *Gateway {
	return &Gateway{baseURL: baseURL, apiKey: apiKey, http: &http.Client{Timeout: 20 * time.Second}}
}

type chargeReq struct {
	Token       string `json:"source_token"`
	AmountCents int64  `json:"amount"`
	Currency    string `json:"currency"`
	Description string `json:"description"`
}

type chargeResp struct {
	ID     string `json:"id"`
	Status string `json:"status"`
	Error  string `json:"error_message"`
}

// DeclinedError is returned when the processor refuses the card.
type DeclinedError struct{ Reason string }

func (e *DeclinedError) Error() string { return "payment declined: " + e.Reason }

// Charge captures amount from a tokenised card. idemKey makes retries safe.
func (g *Gateway) Charge(ctx context.Context, token string, amountCents int64, desc, idemKey string) (string, error) {
	var out chargeResp
	err := g.post(ctx, "/charges", idemKey, chargeReq{Token: token, AmountCents: amountCents, Currency: "CAD", Description: desc}, &out)
	if err != nil {
		return "", err
	}
	if out.Status != "succeeded" {
		return "", &DeclinedError{Reason: out.Error}
	}
	return out.ID, nil
}

func (g *Gateway) Refund(ctx context.Context, chargeID string, amountCents int64) error {
	var out chargeResp
	return g.post(ctx, "/charges/"+chargeID+"/refunds", "refund-"+chargeID, map[string]int64{"amount": amountCents}, &out)
}

func (g *Gateway) post(ctx context.Context, path, idemKey string, body, out any) error {
	buf, err := json.Marshal(body)
	if err != nil {
		return err
	}
	var lastErr error
	for attempt := 0; attempt < 3; attempt++ {
		if lastErr = g.do(ctx, path, idemKey, buf, out); lastErr == nil {
			return nil
		}
		if _, declined := lastErr.(*DeclinedError); declined {
			return lastErr
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Duration(attempt+1) * 500 * time.Millisecond):
		}
	}
	return lastErr
}

// do performs one attempt; 5xx and transport errors are retryable.
func (g *Gateway) do(ctx context.Context, path, idemKey string, buf []byte, out any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, g.baseURL+path, bytes.NewReader(buf))
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+g.apiKey)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Idempotency-Key", idemKey)
	resp, err := g.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 500 {
		return fmt.Errorf("payments: %s returned %d", path, resp.StatusCode)
	}
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		return err
	}
	if resp.StatusCode >= 400 {
		reason := resp.Status
		if c, ok := out.(*chargeResp); ok && c.Error != "" {
			reason = c.Error
		}
		return &DeclinedError{Reason: reason}
	}
	return nil
}
