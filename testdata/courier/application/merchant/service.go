// Package merchant is the application service for merchant onboarding,
// contracts and API authentication.
package merchant

import (
	"context"
	"log/slog"
	"time"

	dm "parcelgo.com/platform/domain/merchant"
	"parcelgo.com/platform/domain/model"
	"parcelgo.com/platform/infrastructure/events"
	"parcelgo.com/platform/shared/errs"
	"parcelgo.com/platform/shared/ids"
	"parcelgo.com/platform/shared/money"
)

type Service struct {
	repo dm.Repository
	bus  events.Publisher
	log  *slog.Logger
	now  func() time.Time
}

func NewService(repo dm.Repository, bus events.Publisher, log *slog.Logger) *Service {
	return &Service{repo: repo, bus: bus, log: log, now: time.Now}
}

type OnboardCommand struct {
	Name          string        `json:"name"`
	BillingEmail  string        `json:"billing_email"`
	VATNumber     string        `json:"vat_number"`
	PickupAddress model.Address `json:"pickup_address"`
	CreditLimit   int64         `json:"credit_limit"`
	Currency      string        `json:"currency"`
}

// Onboard creates a merchant in onboarding status and issues its first key.
func (s *Service) Onboard(ctx context.Context, cmd OnboardCommand) (dm.Merchant, string, error) {
	if cmd.Name == "" || cmd.BillingEmail == "" {
		return dm.Merchant{}, "", errs.Invalid("name and billing_email are required")
	}
	m := dm.Merchant{
		ID:            ids.New("mer"),
		Name:          cmd.Name,
		BillingEmail:  cmd.BillingEmail,
		VATNumber:     cmd.VATNumber,
		Status:        dm.StatusOnboarding,
		CreditLimit:   money.New(cmd.CreditLimit, cmd.Currency),
		PickupAddress: cmd.PickupAddress,
		CreatedAt:     s.now(),
	}
	raw, prefix, hash := dm.GenerateKey()
	key := dm.APIKey{ID: ids.New("key"), MerchantID: m.ID, Prefix: prefix, Hash: hash, CreatedAt: m.CreatedAt}
	if err := s.repo.Create(ctx, m, key); err != nil {
		return dm.Merchant{}, "", err
	}
	s.log.Info("merchant onboarded", "merchant", m.ID)
	return m, raw, nil
}

func (s *Service) Get(ctx context.Context, id string) (dm.Merchant, error) {
	return s.repo.Get(ctx, id)
}

// Ref is the cross-context view of a merchant.
func (s *Service) Ref(ctx context.Context, id string) (model.MerchantRef, error) {
	m, err := s.repo.Get(ctx, id)
	if err != nil {
		return model.MerchantRef{}, err
	}
	return m.Ref(), nil
}

// Authenticate resolves a raw API key to a merchant id.
func (s *Service) Authenticate(ctx context.Context, raw string) (string, error) {
	return s.repo.MerchantIDForKeyHash(ctx, dm.HashKey(raw))
}

// SignContract validates and stores a contract; the first contract activates the merchant.
func (s *Service) SignContract(ctx context.Context, c dm.Contract) (dm.Contract, error) {
	existing, err := s.repo.Contracts(ctx, c.MerchantID)
	if err != nil {
		return c, err
	}
	if c.ID == "" {
		c.ID = ids.New("ctr")
	}
	if err := c.Validate(existing); err != nil {
		return c, err
	}
	if err := s.repo.SaveContract(ctx, c); err != nil {
		return c, err
	}
	m, err := s.repo.Get(ctx, c.MerchantID)
	if err != nil {
		return c, err
	}
	if m.Status == dm.StatusOnboarding {
		if err := s.repo.UpdateStatus(ctx, m.ID, dm.StatusActive, "first contract signed"); err != nil {
			return c, err
		}
	}
	return c, nil
}

// ActiveContract returns the contract in force now.
func (s *Service) ActiveContract(ctx context.Context, merchantID string) (dm.Contract, error) {
	cs, err := s.repo.Contracts(ctx, merchantID)
	if err != nil {
		return dm.Contract{}, err
	}
	now := s.now()
	for _, c := range cs {
		if c.ActiveAt(now) {
			return c, nil
		}
	}
	return dm.Contract{}, errs.NotFound("merchant %s has no active contract", merchantID)
}

// CanBook enforces merchant status and contract coverage at booking time.
func (s *Service) CanBook(ctx context.Context, merchantID string, level model.ServiceLevel) error {
	m, err := s.repo.Get(ctx, merchantID)
	if err != nil {
		return err
	}
	if m.Status != dm.StatusActive {
		return errs.Forbidden("merchant %s is %s", merchantID, m.Status)
	}
	c, err := s.ActiveContract(ctx, merchantID)
	if err != nil {
		return errs.Forbidden("no active contract")
	}
	if !c.Covers(level) {
		return errs.Forbidden("contract does not include %s", level)
	}
	return nil
}
