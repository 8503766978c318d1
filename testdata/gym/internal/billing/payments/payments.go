// Package payments takes card payments through the payment service provider.
package payments

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/pulsefit/clubs/pkg/errs"
	"github.com/pulsefit/clubs/pkg/money"
)

// Gateway talks to the PSP's REST API.
type Gateway struct {
	BaseURL string
	APIKey  string
	Client  *http.Client
}

func NewGateway(baseURL, key string) *Gateway {
	return &Gateway{BaseURL: baseURL, APIKey: key, Client: &http.Client{Timeout: 15 * time.Second}}
}

type chargeReq struct {
	Amount      int64  `json:"amount"`
	Currency    string `json:"currency"`
	Token       string `json:"payment_token"`
	Reference   string `json:"reference"`
	Idempotency string `json:"-"`
}

type chargeResp struct {
	ID      string `json:"id"`
	Status  string `json:"status"`
	Decline string `json:"decline_reason"`
}

// Charge charges a tokenised card and returns the provider reference.
func (g *Gateway) Charge(ctx context.Context, token, reference string, amt money.Money) (string, error) {
	if amt.Amount <= 0 {
		return "", errs.Invalid("charge amount must be positive")
	}
	body, _ := json.Marshal(chargeReq{Amount: amt.Amount, Currency: amt.Currency, Token: token, Reference: reference})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, g.BaseURL+"/v2/charges", bytes.NewReader(body))
	if err != nil {
		return "", err
	}
	req.Header.Set("Authorization", "Bearer "+g.APIKey)
	req.Header.Set("Idempotency-Key", reference)
	req.Header.Set("Content-Type", "application/json")
	resp, err := g.Client.Do(req)
	if err != nil {
		return "", fmt.Errorf("payments: %w", err)
	}
	defer resp.Body.Close()
	var cr chargeResp
	if err := json.NewDecoder(resp.Body).Decode(&cr); err != nil {
		return "", fmt.Errorf("payments: decode: %w", err)
	}
	switch {
	case resp.StatusCode == http.StatusPaymentRequired || cr.Status == "declined":
		return "", errs.Payment("card declined: %s", cr.Decline)
	case resp.StatusCode >= 300:
		return "", fmt.Errorf("payments: provider status %d", resp.StatusCode)
	}
	return cr.ID, nil
}

// Refund refunds part or all of a charge.
func (g *Gateway) Refund(ctx context.Context, chargeID string, amt money.Money) error {
	body, _ := json.Marshal(map[string]any{"charge": chargeID, "amount": amt.Amount})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, g.BaseURL+"/v2/refunds", bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+g.APIKey)
	resp, err := g.Client.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("payments: refund status %d", resp.StatusCode)
	}
	return nil
}
