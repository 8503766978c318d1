// Package paygateway is the card processor client.
package paygateway

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

	"rxnow.health/backend/kernel/errs"
)

// Client calls the gateway.
type Client struct {
	baseURL string
	apiKey  string
	http    *http.Client
}

// New builds a client.
func New(baseURL, apiKey string) *Client {
	return &Client{baseURL: baseURL, apiKey: apiKey, http: &http.Client{Timeout: 20 * time.Second}}
}

// AuthResult is an authorization outcome.
type AuthResult struct {
	Reference string `json:"id"`
	Status    string `json:"status"`
	Decline   string `json:"decline_code"`
}

// Authorize places a hold on a card token.
func (c *Client) Authorize(ctx context.Context, idemKey, token string, cents int64, hsa bool) (AuthResult, error) {
	var out AuthResult
	err := c.do(ctx, idemKey, "/v2/authorizations", map[string]any{"source": token, "amount": cents, "currency": "usd", "iias": hsa}, &out)
	return out, err
}

// Capture settles an authorization.
func (c *Client) Capture(ctx context.Context, idemKey, ref string, cents int64) error {
	return c.do(ctx, idemKey, "/v2/authorizations/"+ref+"/capture", map[string]any{"amount": cents}, nil)
}

// Void releases an authorization.
func (c *Client) Void(ctx context.Context, idemKey, ref string) error {
	return c.do(ctx, idemKey, "/v2/authorizations/"+ref+"/void", map[string]any{}, nil)
}

// Refund returns funds.
func (c *Client) Refund(ctx context.Context, idemKey, ref string, cents int64) error {
	return c.do(ctx, idemKey, "/v2/charges/"+ref+"/refunds", map[string]any{"amount": cents}, nil)
}

func (c *Client) do(ctx context.Context, idemKey, path string, body, out any) error {
	b, err := json.Marshal(body)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.baseURL+path, bytes.NewReader(b))
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+c.apiKey)
	req.Header.Set("Idempotency-Key", idemKey)
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return &errs.Error{Op: "paygateway", Kind: errs.Unavailable, Err: err}
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusPaymentRequired:
		return errs.Conflictf("paygateway", "card declined")
	case resp.StatusCode >= 500:
		return &errs.Error{Op: "paygateway", Kind: errs.Unavailable, Msg: fmt.Sprintf("status %d", resp.StatusCode)}
	case resp.StatusCode >= 300:
		return fmt.Errorf("paygateway: %s: status %d", path, resp.StatusCode)
	}
	if out != nil {
		return json.NewDecoder(resp.Body).Decode(out)
	}
	return nil
}

// VerifySignature checks the webhook HMAC-SHA256 header.
func VerifySignature(secret string, body []byte, header string) bool {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	want := hex.EncodeToString(mac.Sum(nil))
	return hmac.Equal([]byte(want), []byte(header))
}
