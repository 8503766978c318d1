// Package gateway talks to the payment service provider.
package gateway

import (
	"context"
	"errors"
	"fmt"

	"example.com/shop/internal/platform/money"
)

// ErrDeclined is returned when the provider declines a payment.
var ErrDeclined = errors.New("gateway: payment declined")

// AuthRequest asks the provider to reserve an amount on a payment method.
type AuthRequest struct {
	Reference      string // our payment ID
	Amount         money.Money
	Token          string // tokenised payment method from the browser
	CustomerID     string
	IdempotencyKey string
}

// AuthResult is the provider's answer.
type AuthResult struct {
	ProviderRef string
	Approved    bool
	DeclineCode string
}

// Gateway is a payment service provider.
type Gateway interface {
	Name() string
	Authorize(ctx context.Context, req AuthRequest) (AuthResult, error)
	Capture(ctx context.Context, providerRef string, amount money.Money) error
	Void(ctx context.Context, providerRef string) error
	Refund(ctx context.Context, providerRef string, amount money.Money) (string, error)
}

// New returns the gateway for provider.
func New(provider, baseURL, apiKey string) (Gateway, error) {
	switch provider {
	case "fake":
		return NewFake(), nil
	case "paybridge":
		if baseURL == "" || apiKey == "" {
			return nil, fmt.Errorf("gateway: paybridge needs a base URL and an API key")
		}
		return NewHTTP("paybridge", baseURL, apiKey), nil
	}
	return nil, fmt.Errorf("gateway: unknown provider %q", provider)
}
