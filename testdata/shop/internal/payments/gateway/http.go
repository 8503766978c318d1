package gateway

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"example.com/shop/internal/platform/money"
)

// HTTP is a provider reached over its JSON API.
type HTTP struct {
	name    string
	baseURL string
	apiKey  string
	client  *http.Client
}

// NewHTTP returns an HTTP gateway.
func NewHTTP(name, baseURL, apiKey string) *HTTP {
	return &HTTP{
		name:    name,
		baseURL: strings.TrimSuffix(baseURL, "/"),
		apiKey:  apiKey,
		client:  &http.Client{Timeout: 20 * time.Second},
	}
}

// Name implements Gateway.
func (g *HTTP) Name() string { return g.name }

type apiError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

func (g *HTTP) do(ctx context.Context, method, path, idempotencyKey string, body, out any) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, g.baseURL+path, rd)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+g.apiKey)
	req.Header.Set("Content-Type", "application/json")
	if idempotencyKey != "" {
		req.Header.Set("Idempotency-Key", idempotencyKey)
	}
	resp, err := g.client.Do(req)
	if err != nil {
		return fmt.Errorf("gateway %s: %s %s: %w", g.name, method, path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return err
	}
	if resp.StatusCode == http.StatusPaymentRequired {
		var ae apiError
		_ = json.Unmarshal(data, &ae)
		return fmt.Errorf("%w: %s", ErrDeclined, ae.Code)
	}
	if resp.StatusCode >= 300 {
		var ae apiError
		if json.Unmarshal(data, &ae) == nil && ae.Message != "" {
			return fmt.Errorf("gateway %s: %s %s: %d %s", g.name, method, path, resp.StatusCode, ae.Message)
		}
		return fmt.Errorf("gateway %s: %s %s: status %d", g.name, method, path, resp.StatusCode)
	}
	if out != nil {
		return json.Unmarshal(data, out)
	}
	return nil
}

// Authorize implements Gateway.
func (g *HTTP) Authorize(ctx context.Context, req AuthRequest) (AuthResult, error) {
	body := map[string]any{
		"amount":    req.Amount.Amount,
		"currency":  strings.ToLower(string(req.Amount.Currency)),
		"source":    req.Token,
		"reference": req.Reference,
		"customer":  req.CustomerID,
		"capture":   false,
	}
	var resp struct {
		ID          string `json:"id"`
		Status      string `json:"status"`
		DeclineCode string `json:"decline_code"`
	}
	if err := g.do(ctx, http.MethodPost, "/v1/authorizations", req.IdempotencyKey, body, &resp); err != nil {
		return AuthResult{}, err
	}
	return AuthResult{ProviderRef: resp.ID, Approved: resp.Status == "authorized", DeclineCode: resp.DeclineCode}, nil
}

// Capture implements Gateway.
func (g *HTTP) Capture(ctx context.Context, providerRef string, amount money.Money) error {
	return g.do(ctx, http.MethodPost, "/v1/authorizations/"+providerRef+"/capture", "capture-"+providerRef,
		map[string]any{"amount": amount.Amount}, nil)
}

// Void implements Gateway.
func (g *HTTP) Void(ctx context.Context, providerRef string) error {
	return g.do(ctx, http.MethodPost, "/v1/authorizations/"+providerRef+"/void", "void-"+providerRef, nil, nil)
}

// Refund implements Gateway.
func (g *HTTP) Refund(ctx context.Context, providerRef string, amount money.Money) (string, error) {
	var resp struct {
		ID string `json:"id"`
	}
	err := g.do(ctx, http.MethodPost, "/v1/refunds", "", map[string]any{"authorization": providerRef, "amount": amount.Amount}, &resp)
	return resp.ID, err
}
