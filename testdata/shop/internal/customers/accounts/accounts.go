// Package accounts is the customers context's service: registration,
// profiles, and the customer data other contexts may ask for.
package accounts

import (
	"context"
	"strings"

	"example.com/shop/internal/customers/addresses"
	"example.com/shop/internal/customers/auth"
	"example.com/shop/internal/customers/gormstore"
	"example.com/shop/internal/models"
	"example.com/shop/internal/platform/clock"
	"example.com/shop/internal/platform/errs"
	"example.com/shop/internal/platform/eventbus"
	"example.com/shop/internal/platform/ids"
	"example.com/shop/internal/platform/log"
	"example.com/shop/internal/platform/validate"
)

const customerIDPrefix = "cus"

// Service manages customer accounts.
type Service struct {
	store     *gormstore.Store
	addresses *addresses.Service
	bus       eventbus.Publisher
	clock     clock.Clock
	ids       ids.Generator
	log       *log.Logger
}

// NewService returns the accounts service.
func NewService(st *gormstore.Store, addr *addresses.Service, bus eventbus.Publisher, clk clock.Clock, gen ids.Generator, logger *log.Logger) *Service {
	return &Service{store: st, addresses: addr, bus: bus, clock: clk, ids: gen, log: logger.Named("accounts")}
}

// Registration is the input of Register.
type Registration struct {
	Email     string
	Name      string
	Password  string
	Marketing bool
}

func (r Registration) validate() error {
	var v validate.Validator
	if v.Required("email", r.Email) {
		v.Email("email", models.NormalizeEmail(r.Email))
	}
	v.MaxLen("name", r.Name, 200)
	v.MinLen("password", r.Password, 10)
	v.MaxLen("password", r.Password, 200)
	v.Check(!strings.EqualFold(r.Password, r.Email), "password", "must not be your e-mail address")
	return v.Err("accounts.Register")
}

// Register opens a new account.
func (s *Service) Register(ctx context.Context, in Registration) (*models.Customer, error) {
	if err := in.validate(); err != nil {
		return nil, err
	}
	email := models.NormalizeEmail(in.Email)
	taken, err := s.store.EmailTaken(ctx, email)
	if err != nil {
		return nil, err
	}
	if taken {
		return nil, errs.Conflict("accounts.Register", "an account with this e-mail address exists")
	}
	hash, err := auth.HashPassword(in.Password)
	if err != nil {
		return nil, err
	}
	now := s.clock.Now()
	c := &models.Customer{
		ID:           s.ids.New(customerIDPrefix),
		Email:        email,
		Name:         strings.TrimSpace(in.Name),
		PasswordHash: hash,
		Marketing:    in.Marketing,
		CreatedAt:    now,
		UpdatedAt:    now,
	}
	if err := s.store.CreateCustomer(ctx, c); err != nil {
		return nil, err
	}
	if err := s.bus.Publish(ctx, CustomerRegistered{CustomerID: c.ID, Email: c.Email, Marketing: c.Marketing}); err != nil {
		s.log.Warn("customer registered handlers failed", log.Err(err))
	}
	return c, nil
}

// Get returns an open account.
func (s *Service) Get(ctx context.Context, id string) (*models.Customer, error) {
	c, err := s.store.Customer(ctx, id)
	if err != nil {
		return nil, err
	}
	if !c.Active() {
		return nil, errs.NotFound("accounts.Get", "customer %q not found", id)
	}
	return c, nil
}

// ShippingAddress returns the address an order of customerID should go
// to: addressID, or the default address when addressID is empty.
func (s *Service) ShippingAddress(ctx context.Context, customerID, addressID string) (models.Address, error) {
	c, err := s.Get(ctx, customerID)
	if err != nil {
		return models.Address{}, err
	}
	if addressID == "" {
		a, ok := c.DefaultAddress()
		if !ok {
			return models.Address{}, errs.Invalid("accounts.ShippingAddress", "no delivery address on file")
		}
		return a, nil
	}
	a, err := s.addresses.Get(ctx, customerID, addressID)
	if err != nil {
		return models.Address{}, err
	}
	return *a, nil
}

// UpdateProfile changes the name and marketing consent.
func (s *Service) UpdateProfile(ctx context.Context, id, name string, marketing bool) error {
	var v validate.Validator
	v.MaxLen("name", name, 200)
	if err := v.Err("accounts.UpdateProfile"); err != nil {
		return err
	}
	return s.store.UpdateFields(ctx, id, map[string]any{
		"name":       strings.TrimSpace(name),
		"marketing":  marketing,
		"updated_at": s.clock.Now(),
	})
}

// ChangePassword replaces the password after checking the old one.
func (s *Service) ChangePassword(ctx context.Context, id, oldPassword, newPassword string) error {
	c, err := s.Get(ctx, id)
	if err != nil {
		return err
	}
	if ok, err := auth.CheckPassword(c.PasswordHash, oldPassword); err != nil || !ok {
		return errs.Forbidden("accounts.ChangePassword", "current password is wrong")
	}
	var v validate.Validator
	v.MinLen("password", newPassword, 10)
	if err := v.Err("accounts.ChangePassword"); err != nil {
		return err
	}
	hash, err := auth.HashPassword(newPassword)
	if err != nil {
		return err
	}
	return s.store.UpdateFields(ctx, id, map[string]any{"password_hash": hash, "updated_at": s.clock.Now()})
}

// Close closes an account and erases its personal data.
func (s *Service) Close(ctx context.Context, id string) error {
	if _, err := s.Get(ctx, id); err != nil {
		return err
	}
	if err := s.store.Close(ctx, id, s.clock.Now()); err != nil {
		return err
	}
	if err := s.bus.Publish(ctx, CustomerClosed{CustomerID: id}); err != nil {
		s.log.Warn("customer closed handlers failed", log.Err(err))
	}
	return nil
}

// PurgeSessions deletes expired sessions.
func (s *Service) PurgeSessions(ctx context.Context) (int64, error) {
	return s.store.PurgeSessions(ctx, s.clock.Now())
}
