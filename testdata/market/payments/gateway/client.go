// Package gateway is the HTTP client for PayBridge, our card processor.
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

	"loomly.com/api/platform/money"
)

type Client struct {
	baseURL string
	apiKey  string
	http    *http.Client
}

func New(baseURL, apiKey string) *Client {
	return &Client{baseURL: baseURL, apiKey: apiKey, http: &http.Client{Timeout: 15 * time.Second}}
}

type Charge struct {
	ID       string `json:"id"`
	Status   string `json:"status"`
	Amount   int64  `json:"amount"`
	Currency string `json:"currency"`
}

type apiError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

func (e apiError) Error() string { return "paybridge: " + e.Code + ": " + e.Message }

func (c *Client) do(ctx context.Context, method, path, idem string, body, out any) error {
	var rdr io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rdr = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.baseURL+path, rdr)
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
		return fmt.Errorf("paybridge %s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		var ae apiError
		_ = json.NewDecoder(resp.Body).Decode(&ae)
		if ae.Code == "" {
			ae.Code = resp.Status
		}
		return ae
	}
	if out != nil {
		return json.NewDecoder(resp.Body).Decode(out)
	}
	return nil
}

// Authorize places a hold on the buyer's card.
func (c *Client) Authorize(ctx context.Context, idemKey, paymentMethod string, amt money.Money) (Charge, error) {
	var ch Charge
	err := c.do(ctx, http.MethodPost, "/charges", idemKey, map[string]any{
		"amount": amt.Cents, "currency": amt.Currency, "payment_method": paymentMethod, "capture": false,
	}, &ch)
	return ch, err
}

func (c *Client) Capture(ctx context.Context, chargeID string, amt money.Money) (Charge, error) {
	var ch Charge
	err := c.do(ctx, http.MethodPost, "/charges/"+chargeID+"/capture", "cap-"+chargeID,
		map[string]any{"amount": amt.Cents}, &ch)
	return ch, err
}

func (c *Client) Refund(ctx context.Context, chargeID string, amt money.Money, reason string) (string, error) {
	var out struct {
		ID string `json:"id"`
	}
	err := c.do(ctx, http.MethodPost, "/refunds", "", map[string]any{
		"charge": chargeID, "amount": amt.Cents, "reason": reason,
	}, &out)
	return out.ID, err
}

// Transfer pays out to a connected seller account.
func (c *Client) Transfer(ctx context.Context, idemKey, account string, amt money.Money) (string, error) {
	var out struct {
		ID string `json:"id"`
	}
	err := c.do(ctx, http.MethodPost, "/transfers", idemKey, map[string]any{
		"destination": account, "amount": amt.Cents, "currency": amt.Currency,
	}, &out)
	return out.ID, err
}

// AccountStatus implements shops/onboarding.KYCChecker.
func (c *Client) AccountStatus(ctx context.Context, ownerID string) (string, bool, error) {
	var out struct {
		ID       string `json:"id"`
		Verified bool   `json:"verified"`
	}
	err := c.do(ctx, http.MethodGet, "/accounts/by-reference/"+ownerID, "", nil, &out)
	return out.ID, out.Verified, err
}

// VerifySignature checks a webhook body against the PayBridge-Signature header.
func VerifySignature(secret string, body []byte, sig string) bool {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return hmac.Equal([]byte(hex.EncodeToString(mac.Sum(nil))), []byte(sig))
}
