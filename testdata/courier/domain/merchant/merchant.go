// Package merchant models the shippers who book with us and their contracts.
package merchant

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
	"time"

	"parcelgo.com/platform/domain/model"
	"parcelgo.com/platform/shared/errs"
	"parcelgo.com/platform/shared/money"
)

type Status string

const (
	StatusOnboarding Status = "onboarding"
	StatusActive     Status = "active"
	StatusSuspended  Status = "suspended"
)

type Merchant struct {
	ID            string
	Name          string
	BillingEmail  string
	VATNumber     string
	Status        Status
	CreditLimit   money.Money
	PickupAddress model.Address
	CreatedAt     time.Time
}

func (m Merchant) Ref() model.MerchantRef {
	return model.MerchantRef{ID: m.ID, Name: m.Name, BillingEmail: m.BillingEmail, Active: m.Status == StatusActive}
}

// Contract binds a merchant to a rate card for a period.
type Contract struct {
	ID               string
	MerchantID       string
	RateCardID       string
	ValidFrom        time.Time
	ValidTo          *time.Time
	PaymentTermsDays int
	DiscountBps      int
	MonthlyCommit    int // parcels
	ServiceLevels    []model.ServiceLevel
	ReturnsIncluded  bool
}

// ActiveAt reports whether the contract is in force at t.
func (c Contract) ActiveAt(t time.Time) bool {
	if t.Before(c.ValidFrom) {
		return false
	}
	return c.ValidTo == nil || t.Before(*c.ValidTo)
}

func (c Contract) Covers(l model.ServiceLevel) bool { return slices.Contains(c.ServiceLevels, l) }

// Validate checks the contract against business rules and existing contracts.
func (c Contract) Validate(existing []Contract) error {
	if c.RateCardID == "" {
		return errs.Invalid("contract needs a rate card")
	}
	if c.ValidTo != nil && !c.ValidTo.After(c.ValidFrom) {
		return errs.Invalid("contract ends before it starts")
	}
	if c.DiscountBps < 0 || c.DiscountBps > 3500 {
		return errs.Invalid("discount must be between 0 and 35%%")
	}
	if c.PaymentTermsDays != 14 && c.PaymentTermsDays != 30 && c.PaymentTermsDays != 60 {
		return errs.Invalid("payment terms must be 14, 30 or 60 days")
	}
	if len(c.ServiceLevels) == 0 {
		return errs.Invalid("contract must include at least one service level")
	}
	for _, l := range c.ServiceLevels {
		if !l.Valid() {
			return errs.Invalid("unknown service level %q", l)
		}
	}
	for _, e := range existing {
		if e.ID == c.ID {
			continue
		}
		if overlaps(c, e) {
			return errs.Conflict("contract overlaps %s", e.ID)
		}
	}
	return nil
}

func overlaps(a, b Contract) bool {
	aEnd, bEnd := farFuture, farFuture
	if a.ValidTo != nil {
		aEnd = *a.ValidTo
	}
	if b.ValidTo != nil {
		bEnd = *b.ValidTo
	}
	return a.ValidFrom.Before(bEnd) && b.ValidFrom.Before(aEnd)
}

var farFuture = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)

// APIKey is stored hashed; only the prefix is shown in the portal.
type APIKey struct {
	ID         string
	MerchantID string
	Prefix     string
	Hash       string
	CreatedAt  time.Time
	RevokedAt  *time.Time
}

// GenerateKey returns the raw key (shown once), its display prefix and hash.
func GenerateKey() (raw, prefix, hash string) {
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	raw = "pg_live_" + hex.EncodeToString(b)
	return raw, raw[:12], HashKey(raw)
}

func HashKey(raw string) string {
	s := sha256.Sum256([]byte(strings.TrimSpace(raw)))
	return hex.EncodeToString(s[:])
}

// Repository persists merchants, contracts and API keys.
type Repository interface {
	Get(ctx context.Context, id string) (Merchant, error)
	Create(ctx context.Context, m Merchant, key APIKey) error
	UpdateStatus(ctx context.Context, id string, s Status, reason string) error
	Contracts(ctx context.Context, merchantID string) ([]Contract, error)
	SaveContract(ctx context.Context, c Contract) error
	MerchantIDForKeyHash(ctx context.Context, hash string) (string, error)
}
