// Package addresses validates and manages customers' postal addresses.
package addresses

import (
	"context"
	"regexp"
	"strings"

	"example.com/shop/internal/customers/gormstore"
	"example.com/shop/internal/models"
	"example.com/shop/internal/platform/clock"
	"example.com/shop/internal/platform/errs"
	"example.com/shop/internal/platform/ids"
	"example.com/shop/internal/platform/validate"
)

const (
	addressIDPrefix = "adr"
	maxAddresses    = 10
)

var postcodePatterns = map[string]*regexp.Regexp{
	"AT": regexp.MustCompile(`^\d{4}$`),
	"BE": regexp.MustCompile(`^\d{4}$`),
	"DE": regexp.MustCompile(`^\d{5}$`),
	"ES": regexp.MustCompile(`^\d{5}$`),
	"FR": regexp.MustCompile(`^\d{5}$`),
	"GB": regexp.MustCompile(`^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$`),
	"IT": regexp.MustCompile(`^\d{5}$`),
	"NL": regexp.MustCompile(`^\d{4} ?[A-Z]{2}$`),
	"US": regexp.MustCompile(`^\d{5}(-\d{4})?$`),
}

var phonePattern = regexp.MustCompile(`^\+?[0-9 ()-]{6,20}$`)

// Supported reports whether the shop delivers to country.
func Supported(country string) bool {
	_, ok := postcodePatterns[strings.ToUpper(country)]
	return ok
}

// Normalize trims the fields of a and puts country and postcode in
// canonical form.
func Normalize(a *models.Address) {
	a.Name = strings.Join(strings.Fields(a.Name), " ")
	a.Line1 = strings.TrimSpace(a.Line1)
	a.Line2 = strings.TrimSpace(a.Line2)
	a.City = strings.TrimSpace(a.City)
	a.Country = strings.ToUpper(strings.TrimSpace(a.Country))
	a.Postcode = strings.ToUpper(strings.Join(strings.Fields(a.Postcode), " "))
	a.Phone = strings.TrimSpace(a.Phone)
}

// Validate checks a normalized address.
func Validate(a models.Address) error {
	var v validate.Validator
	v.Required("name", a.Name)
	v.MaxLen("name", a.Name, 100)
	v.Required("line1", a.Line1)
	v.MaxLen("line1", a.Line1, 200)
	v.MaxLen("line2", a.Line2, 200)
	v.Required("city", a.City)
	if v.Check(Supported(a.Country), "country", "we do not deliver there") {
		v.Match("postcode", a.Postcode, postcodePatterns[a.Country], "is not a valid postcode for "+a.Country)
	}
	if a.Phone != "" {
		v.Match("phone", a.Phone, phonePattern, "is not a valid phone number")
	}
	return v.Err("addresses.Validate")
}

// Service manages the address book of a customer.
type Service struct {
	store *gormstore.Store
	clock clock.Clock
	ids   ids.Generator
}

// NewService returns the address service.
func NewService(st *gormstore.Store, clk clock.Clock, gen ids.Generator) *Service {
	return &Service{store: st, clock: clk, ids: gen}
}

// Add validates and stores a new address. The first address becomes the
// default.
func (s *Service) Add(ctx context.Context, customerID string, a models.Address) (*models.Address, error) {
	Normalize(&a)
	if err := Validate(a); err != nil {
		return nil, err
	}
	n, err := s.store.CountAddresses(ctx, customerID)
	if err != nil {
		return nil, err
	}
	if n >= maxAddresses {
		return nil, errs.Conflict("addresses.Add", "at most %d addresses per account", maxAddresses)
	}
	a.ID = s.ids.New(addressIDPrefix)
	a.CustomerID = customerID
	a.CreatedAt = s.clock.Now()
	if err := s.store.AddAddress(ctx, &a); err != nil {
		return nil, err
	}
	if n == 0 {
		if err := s.store.SetDefaultAddress(ctx, customerID, a.ID); err != nil {
			return nil, err
		}
	}
	return &a, nil
}

// List returns a customer's addresses.
func (s *Service) List(ctx context.Context, customerID string) ([]models.Address, error) {
	return s.store.Addresses(ctx, customerID)
}

// Get returns one address of a customer.
func (s *Service) Get(ctx context.Context, customerID, id string) (*models.Address, error) {
	return s.store.Address(ctx, customerID, id)
}

// Remove deletes an address.
func (s *Service) Remove(ctx context.Context, customerID, id string) error {
	return s.store.DeleteAddress(ctx, customerID, id)
}

// SetDefault makes an address the default.
func (s *Service) SetDefault(ctx context.Context, customerID, id string) error {
	return s.store.SetDefaultAddress(ctx, customerID, id)
}
