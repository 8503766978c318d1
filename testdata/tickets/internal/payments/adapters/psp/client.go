// Package psp is the client for Paywell, Gatehouse's card payment service
// provider.
package psp

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
	"strconv"
	"strings"
	"time"

	"gatehouse.events/platform/internal/payments/domain"
	"gatehouse.events/platform/internal/platform/errs"
	"gatehouse.events/platform/internal/platform/money"
)

// Client talks to the Paywell REST API.
type Client struct {
	base          string
	apiKey        string
	webhookSecret string
	http          *http.Client
}

// New builds a client.
func New(base, apiKey, webhookSecret string) *Client {
	return &Client{base: strings.TrimRight(base, "/"), apiKey: apiKey, webhookSecret: webhookSecret,
		http: &http.Client{Timeout: 15 * time.Second}}
}

type intentReq struct {
	Amount         int64             `json:"amount"`
	Currency       string            `json:"currency"`
	Description    string            `json:"description"`
	CaptureMethod  string            `json:"capture_method"`
	Metadata       map[string]string `json:"metadata"`
	IdempotencyKey string            `json:"-"`
}

type intentResp struct {
	ID           string `json:"id"`
	ClientSecret string `json:"client_secret"`
	Status       string `json:"status"`
}

// CreateIntent creates a payment intent for the given payment.
func (c *Client) CreateIntent(ctx context.Context, paymentID, orderID string, amount money.Money, description string) (domain.Intent, error) {
	req := intentReq{Amount: amount.Amount, Currency: strings.ToLower(amount.Currency), Description: description,
		CaptureMethod: "automatic", Metadata: map[string]string{"payment_id": paymentID, "order_id": orderID}, IdempotencyKey: paymentID}
	var resp intentResp
	if err := c.do(ctx, http.MethodPost, "/payment_intents", req.IdempotencyKey, req, &resp); err != nil {
		return domain.Intent{}, err
	}
	return domain.Intent{PSPRef: resp.ID, ClientSecret: resp.ClientSecret, Status: resp.Status}, nil
}

// Refund asks the PSP to refund part or all of a captured intent.
func (c *Client) Refund(ctx context.Context, refundID, pspRef string, amount money.Money) (string, error) {
	var resp struct {
		ID     string `json:"id"`
		Status string `json:"status"`
	}
	body := map[string]any{"payment_intent": pspRef, "amount": amount.Amount, "metadata": map[string]string{"refund_id": refundID}}
	if err := c.do(ctx, http.MethodPost, "/refunds", refundID, body, &resp); err != nil {
		return "", err
	}
	return resp.ID, nil
}

func (c *Client) do(ctx context.Context, method, path, idemKey string, in, out any) error {
	b, err := json.Marshal(in)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, bytes.NewReader(b))
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+c.apiKey)
	req.Header.Set("Content-Type", "application/json")
	if idemKey != "" {
		req.Header.Set("Idempotency-Key", idemKey)
	}
	res, err := c.http.Do(req)
	if err != nil {
		return errs.E(errs.KindUnavailable, "psp."+path, err.Error())
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(io.LimitReader(res.Body, 1<<20))
	if res.StatusCode >= 500 {
		return errs.E(errs.KindUnavailable, "psp."+path, fmt.Sprintf("status %d", res.StatusCode))
	}
	if res.StatusCode >= 400 {
		return errs.Invalid("psp."+path, fmt.Sprintf("status %d: %s", res.StatusCode, data))
	}
	return json.Unmarshal(data, out)
}

type webhookBody struct {
	ID   string `json:"id"`
	Type string `json:"type"`
	Data struct {
		Object struct {
			ID          string            `json:"id"`
			Amount      int64             `json:"amount"`
			Currency    string            `json:"currency"`
			FailureCode string            `json:"last_payment_error_code"`
			Metadata    map[string]string `json:"metadata"`
		} `json:"object"`
	} `json:"data"`
}

// ParseWebhook verifies the signature header ("t=...,v1=...") and decodes
// the notification.
func (c *Client) ParseWebhook(payload []byte, sigHeader string, now time.Time) (domain.PSPEvent, error) {
	const op = "psp.ParseWebhook"
	var ts, sig string
	for _, part := range strings.Split(sigHeader, ",") {
		k, v, _ := strings.Cut(part, "=")
		switch k {
		case "t":
			ts = v
		case "v1":
			sig = v
		}
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || now.Sub(time.Unix(sec, 0)) > 5*time.Minute {
		return domain.PSPEvent{}, errs.E(errs.KindUnauthorized, op, "stale or missing timestamp")
	}
	m := hmac.New(sha256.New, []byte(c.webhookSecret))
	m.Write([]byte(ts + "."))
	m.Write(payload)
	if !hmac.Equal([]byte(hex.EncodeToString(m.Sum(nil))), []byte(sig)) {
		return domain.PSPEvent{}, errs.E(errs.KindUnauthorized, op, "bad signature")
	}
	var wb webhookBody
	if err := json.Unmarshal(payload, &wb); err != nil {
		return domain.PSPEvent{}, errs.Invalid(op, err.Error())
	}
	o := wb.Data.Object
	typ := map[string]string{
		"payment_intent.succeeded":      "payment.succeeded",
		"payment_intent.payment_failed": "payment.failed",
		"charge.refunded":               "refund.succeeded",
		"charge.refund.failed":          "refund.failed",
	}[wb.Type]
	return domain.PSPEvent{ID: wb.ID, Type: typ, PSPRef: o.ID, PaymentID: o.Metadata["payment_id"],
		Amount: money.New(o.Amount, strings.ToUpper(o.Currency)), FailureCode: o.FailureCode}, nil
}
