package billing

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"pipelinelabs.io/crm/internal/platform/errs"
)

// Gateway is the subset of Stripe we use.
type Gateway interface {
	CreateCustomer(ctx context.Context, tenantID, name string) (string, error)
	UpdateSubscription(ctx context.Context, subID, priceID string, seats int) error
	ChargeInvoice(ctx context.Context, customerID string, amount int64, currency, description string) (string, error)
}

// Stripe is a small form-encoded HTTP client for the Stripe API.
type Stripe struct {
	BaseURL string
	APIKey  string
	HTTP    *http.Client
}

func (s *Stripe) post(ctx context.Context, path string, form url.Values, out any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.BaseURL+path, strings.NewReader(form.Encode()))
	if err != nil {
		return err
	}
	req.SetBasicAuth(s.APIKey, "")
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Idempotency-Key", form.Get("metadata[idempotency]"))
	client := s.HTTP
	if client == nil {
		client = &http.Client{Timeout: 20 * time.Second}
	}
	resp, err := client.Do(req)
	if err != nil {
		return errs.Unavailable("payment provider unreachable")
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		var e struct {
			Error struct{ Message string } `json:"error"`
		}
		_ = json.NewDecoder(resp.Body).Decode(&e)
		return fmt.Errorf("stripe %s: %d %s", path, resp.StatusCode, e.Error.Message)
	}
	if out == nil {
		return nil
	}
	return json.NewDecoder(resp.Body).Decode(out)
}

func (s *Stripe) CreateCustomer(ctx context.Context, tenantID, name string) (string, error) {
	var out struct{ ID string }
	err := s.post(ctx, "/v1/customers", url.Values{"name": {name}, "metadata[tenant_id]": {tenantID}, "metadata[idempotency]": {"cust-" + tenantID}}, &out)
	return out.ID, err
}

func (s *Stripe) UpdateSubscription(ctx context.Context, subID, priceID string, seats int) error {
	return s.post(ctx, "/v1/subscriptions/"+subID, url.Values{
		"items[0][price]": {priceID}, "items[0][quantity]": {strconv.Itoa(seats)}, "proration_behavior": {"create_prorations"},
	}, nil)
}

func (s *Stripe) ChargeInvoice(ctx context.Context, customerID string, amount int64, currency, description string) (string, error) {
	var out struct{ ID string }
	err := s.post(ctx, "/v1/invoiceitems", url.Values{
		"customer": {customerID}, "amount": {strconv.FormatInt(amount, 10)}, "currency": {currency},
		"description": {description}, "metadata[idempotency]": {customerID + description},
	}, &out)
	return out.ID, err
}

// VerifyWebhook checks a Stripe-Signature header (t=...,v1=...).
func VerifyWebhook(payload []byte, header, secret string, now time.Time) error {
	var ts, sig string
	for _, part := range strings.Split(header, ",") {
		k, v, _ := strings.Cut(part, "=")
		switch k {
		case "t":
			ts = v
		case "v1":
			sig = v
		}
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || sig == "" {
		return errs.Invalid("malformed signature header")
	}
	if now.Sub(time.Unix(sec, 0)) > 5*time.Minute {
		return errs.Invalid("signature timestamp too old")
	}
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(ts + "."))
	mac.Write(payload)
	if !hmac.Equal([]byte(hex.EncodeToString(mac.Sum(nil))), []byte(sig)) {
		return errs.Invalid("signature mismatch")
	}
	return nil
}
