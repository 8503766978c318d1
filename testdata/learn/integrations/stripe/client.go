// Package stripe is our hand-written Stripe REST client (we only need a
// handful of endpoints, and the official SDK's churn burned us twice).
package stripe

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

const apiBase = "https://api.stripe.com/v1"

// Client is a Stripe API client.
type Client struct {
	Key  string
	HTTP *http.Client
	Base string
}

// New returns a client for the given secret key.
func New(key string) *Client {
	return &Client{Key: key, HTTP: &http.Client{Timeout: 15 * time.Second}, Base: apiBase}
}

// APIError is a Stripe error response.
type APIError struct {
	Status  int
	Type    string `json:"type"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

func (e *APIError) Error() string {
	return fmt.Sprintf("stripe: %d %s: %s", e.Status, e.Code, e.Message)
}

func (c *Client) post(ctx context.Context, path string, form url.Values, idemKey string, out any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.Base+path, strings.NewReader(form.Encode()))
	if err != nil {
		return err
	}
	req.SetBasicAuth(c.Key, "")
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if idemKey != "" {
		req.Header.Set("Idempotency-Key", idemKey)
	}
	res, err := c.HTTP.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(io.LimitReader(res.Body, 1<<20))
	if err != nil {
		return err
	}
	if res.StatusCode >= 300 {
		var env struct {
			Error APIError `json:"error"`
		}
		_ = json.Unmarshal(body, &env)
		env.Error.Status = res.StatusCode
		return &env.Error
	}
	return json.Unmarshal(body, out)
}

// CheckoutSession is a hosted checkout page.
type CheckoutSession struct {
	ID  string `json:"id"`
	URL string `json:"url"`
}

// CheckoutParams configures a checkout session.
type CheckoutParams struct {
	CustomerEmail string
	PriceID       string
	Mode          string // "subscription" or "payment"
	AmountCents   int64  // for one-off payments
	Currency      string
	Description   string
	SuccessURL    string
	CancelURL     string
	Reference     string
	CouponID      string
}

// CreateCheckoutSession starts a hosted checkout.
func (c *Client) CreateCheckoutSession(ctx context.Context, p CheckoutParams) (CheckoutSession, error) {
	f := url.Values{
		"mode":                {p.Mode},
		"customer_email":      {p.CustomerEmail},
		"success_url":         {p.SuccessURL},
		"cancel_url":          {p.CancelURL},
		"client_reference_id": {p.Reference},
	}
	if p.PriceID != "" {
		f.Set("line_items[0][price]", p.PriceID)
	} else {
		f.Set("line_items[0][price_data][currency]", strings.ToLower(p.Currency))
		f.Set("line_items[0][price_data][unit_amount]", strconv.FormatInt(p.AmountCents, 10))
		f.Set("line_items[0][price_data][product_data][name]", p.Description)
	}
	f.Set("line_items[0][quantity]", "1")
	if p.CouponID != "" {
		f.Set("discounts[0][coupon]", p.CouponID)
	}
	var s CheckoutSession
	err := c.post(ctx, "/checkout/sessions", f, "cs-"+p.Reference, &s)
	return s, err
}

// CancelSubscription cancels at period end.
func (c *Client) CancelSubscription(ctx context.Context, subID string) error {
	var out map[string]any
	return c.post(ctx, "/subscriptions/"+subID, url.Values{"cancel_at_period_end": {"true"}}, "", &out)
}
