// Package paygateway is a client for the PayStream card processing API.
package paygateway

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// ErrDeclined is returned when the issuer declines a charge.
var ErrDeclined = errors.New("paygateway: card declined")

// Client talks to PayStream.
type Client struct {
	base      string
	secretKey string
	http      *http.Client
}

// New returns a client.
func New(base, secretKey string) *Client {
	return &Client{base: strings.TrimRight(base, "/"), secretKey: secretKey, http: &http.Client{Timeout: 10 * time.Second}}
}

// Intent is a PayStream payment intent.
type Intent struct {
	ID          string `json:"id"`
	Status      string `json:"status"` // requires_capture | succeeded | canceled | failed
	Amount      int64  `json:"amount"`
	Currency    string `json:"currency"`
	DeclineCode string `json:"decline_code,omitempty"`
}

// Transfer is a payout to a connected bank account.
type Transfer struct {
	ID          string `json:"id"`
	Status      string `json:"status"`
	Amount      int64  `json:"amount"`
	Destination string `json:"destination"`
}

// Authorize places a hold on the customer's card.
func (c *Client) Authorize(ctx context.Context, customerRef, methodRef string, amount int64, currency, idemKey string) (Intent, error) {
	f := url.Values{}
	f.Set("customer", customerRef)
	f.Set("payment_method", methodRef)
	f.Set("amount", strconv.FormatInt(amount, 10))
	f.Set("currency", strings.ToLower(currency))
	f.Set("capture_method", "manual")
	f.Set("confirm", "true")
	var in Intent
	if err := c.post(ctx, "/payment_intents", f, idemKey, &in); err != nil {
		return Intent{}, err
	}
	if in.Status == "failed" {
		return in, fmt.Errorf("%w: %s", ErrDeclined, in.DeclineCode)
	}
	return in, nil
}

// Capture captures a previously authorized intent, possibly for a lower amount.
func (c *Client) Capture(ctx context.Context, intentID string, amount int64, idemKey string) (Intent, error) {
	f := url.Values{}
	f.Set("amount_to_capture", strconv.FormatInt(amount, 10))
	var in Intent
	err := c.post(ctx, "/payment_intents/"+url.PathEscape(intentID)+"/capture", f, idemKey, &in)
	return in, err
}

// Void releases an authorization hold.
func (c *Client) Void(ctx context.Context, intentID string) error {
	return c.post(ctx, "/payment_intents/"+url.PathEscape(intentID)+"/cancel", url.Values{}, "", nil)
}

// Refund refunds part or all of a captured intent.
func (c *Client) Refund(ctx context.Context, intentID string, amount int64, idemKey string) error {
	f := url.Values{}
	f.Set("payment_intent", intentID)
	f.Set("amount", strconv.FormatInt(amount, 10))
	return c.post(ctx, "/refunds", f, idemKey, nil)
}

// Transfer sends money to a driver's connected account.
func (c *Client) Transfer(ctx context.Context, destination string, amount int64, currency, idemKey string) (Transfer, error) {
	f := url.Values{}
	f.Set("destination", destination)
	f.Set("amount", strconv.FormatInt(amount, 10))
	f.Set("currency", strings.ToLower(currency))
	var t Transfer
	err := c.post(ctx, "/transfers", f, idemKey, &t)
	return t, err
}

type apiError struct {
	Error struct {
		Type    string `json:"type"`
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

func (c *Client) post(ctx context.Context, path string, form url.Values, idemKey string, out any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+path, bytes.NewBufferString(form.Encode()))
	if err != nil {
		return err
	}
	req.SetBasicAuth(c.secretKey, "")
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if idemKey != "" {
		req.Header.Set("Idempotency-Key", idemKey)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("paygateway: %s: %w", path, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		var ae apiError
		_ = json.NewDecoder(resp.Body).Decode(&ae)
		if ae.Error.Type == "card_error" {
			return fmt.Errorf("%w: %s", ErrDeclined, ae.Error.Code)
		}
		return fmt.Errorf("paygateway: %s: %d %s", path, resp.StatusCode, ae.Error.Message)
	}
	if out == nil {
		return nil
	}
	return json.NewDecoder(resp.Body).Decode(out)
}
