// Package customers implements account use cases.
package customers

import (
	"context"
	"time"

	"rxnow.health/backend/domain/customers"
	"rxnow.health/backend/domain/models"
	"rxnow.health/backend/kernel/errs"
	"rxnow.health/backend/kernel/events"
)

// Repository persists customers.
type Repository interface {
	Create(ctx context.Context, c *customers.Customer) error
	Get(ctx context.Context, id int64) (customers.Customer, error)
	GetByEmail(ctx context.Context, email string) (customers.Customer, error)
	AddAddress(ctx context.Context, a *customers.Address) error
	ListAddresses(ctx context.Context, customerID int64) ([]customers.Address, error)
	GetAddress(ctx context.Context, id int64) (customers.Address, error)
}

// Service handles customer accounts.
type Service struct {
	repo Repository
	bus  events.Publisher
	now  func() time.Time
}

// NewService builds the service.
func NewService(repo Repository, bus events.Publisher) *Service {
	return &Service{repo: repo, bus: bus, now: time.Now}
}

// Register creates an account.
func (s *Service) Register(ctx context.Context, c customers.Customer) (customers.Customer, error) {
	const op = "customers.Register"
	if err := c.Validate(s.now()); err != nil {
		return c, err
	}
	if _, err := s.repo.GetByEmail(ctx, c.Email); err == nil {
		return c, errs.Conflictf(op, "email %s already registered", c.Email)
	} else if !errs.Is(err, errs.NotFound) {
		return c, errs.Wrap(op, err)
	}
	if err := s.repo.Create(ctx, &c); err != nil {
		return c, errs.Wrap(op, err)
	}
	s.bus.Publish(ctx, models.EventCustomerRegistered, models.CustomerRegistered{CustomerID: c.ID, Email: c.Email})
	return c, nil
}

// Get loads a customer.
func (s *Service) Get(ctx context.Context, id int64) (customers.Customer, error) {
	return s.repo.Get(ctx, id)
}

// Summary returns the cross-context view of a customer.
func (s *Service) Summary(ctx context.Context, id int64) (models.CustomerSummary, error) {
	c, err := s.repo.Get(ctx, id)
	if err != nil {
		return models.CustomerSummary{}, err
	}
	return models.CustomerSummary{
		ID: c.ID, Email: c.Email, FirstName: c.FirstName, LastName: c.LastName,
		Phone: c.Phone, DateOfBirth: c.DateOfBirth, Allergies: c.Allergies, SMSOptIn: c.SMSOptIn,
	}, nil
}

// AddAddress validates and stores an address.
func (s *Service) AddAddress(ctx context.Context, a customers.Address) (customers.Address, error) {
	if err := a.Validate(); err != nil {
		return a, err
	}
	existing, err := s.repo.ListAddresses(ctx, a.CustomerID)
	if err != nil {
		return a, err
	}
	if len(existing) >= 10 {
		return a, errs.Invalidf("customers.AddAddress", "address book is full")
	}
	if len(existing) == 0 {
		a.IsDefault = true
	}
	return a, s.repo.AddAddress(ctx, &a)
}

// Addresses lists a customer's addresses.
func (s *Service) Addresses(ctx context.Context, customerID int64) ([]customers.Address, error) {
	return s.repo.ListAddresses(ctx, customerID)
}

// ShippingAddress returns an address as a view, verifying ownership.
func (s *Service) ShippingAddress(ctx context.Context, customerID, addressID int64) (models.AddressView, error) {
	a, err := s.repo.GetAddress(ctx, addressID)
	if err != nil {
		return models.AddressView{}, err
	}
	if a.CustomerID != customerID {
		return models.AddressView{}, errs.Forbiddenf("customers.ShippingAddress", "address %d does not belong to customer %d", addressID, customerID)
	}
	return models.AddressView{ID: a.ID, CustomerID: a.CustomerID, Line1: a.Line1, Line2: a.Line2, City: a.City, State: a.State, Zip: a.Zip, IsDefault: a.IsDefault}, nil
}
