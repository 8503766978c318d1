package gateway

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"example.com/shop/internal/platform/money"
)

// Fake is an in-memory provider for development: tokens starting with
// "decline_" are declined with the rest of the token as the code.
type Fake struct {
	mu       sync.Mutex
	seq      int
	auths    map[string]money.Money
	captured map[string]bool
}

// NewFake returns an empty fake provider.
func NewFake() *Fake {
	return &Fake{auths: map[string]money.Money{}, captured: map[string]bool{}}
}

// Name implements Gateway.
func (f *Fake) Name() string { return "fake" }

// Authorize implements Gateway.
func (f *Fake) Authorize(_ context.Context, req AuthRequest) (AuthResult, error) {
	if code, ok := strings.CutPrefix(req.Token, "decline_"); ok {
		return AuthResult{Approved: false, DeclineCode: code}, nil
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.seq++
	ref := fmt.Sprintf("fake_auth_%06d", f.seq)
	f.auths[ref] = req.Amount
	return AuthResult{ProviderRef: ref, Approved: true}, nil
}

// Capture implements Gateway.
func (f *Fake) Capture(_ context.Context, ref string, amount money.Money) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	auth, ok := f.auths[ref]
	if !ok {
		return fmt.Errorf("fake gateway: unknown authorization %s", ref)
	}
	if c, err := amount.Cmp(auth); err != nil || c > 0 {
		return fmt.Errorf("fake gateway: capture %s exceeds authorization %s", amount, auth)
	}
	f.captured[ref] = true
	return nil
}

// Void implements Gateway.
func (f *Fake) Void(_ context.Context, ref string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.captured[ref] {
		return fmt.Errorf("fake gateway: %s is already captured", ref)
	}
	delete(f.auths, ref)
	return nil
}

// Refund implements Gateway.
func (f *Fake) Refund(_ context.Context, ref string, amount money.Money) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.captured[ref] {
		return "", fmt.Errorf("fake gateway: %s is not captured", ref)
	}
	f.seq++
	return fmt.Sprintf("fake_refund_%06d", f.seq), nil
}
