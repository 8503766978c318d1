// Package guest manages guest profiles.
package guest

import (
	"context"
	"net/mail"
	"strings"

	"github.com/staybright/platform/internal/model"
	"github.com/staybright/platform/internal/pkg/errs"
	"github.com/staybright/platform/internal/pkg/ids"
	"github.com/staybright/platform/internal/pkg/log"
	"github.com/staybright/platform/internal/store/guest"
)

// Service manages guests.
type Service struct {
	store *guest.Store
	log   *log.Logger
}

// New builds the service.
func New(s *guest.Store, l *log.Logger) *Service {
	return &Service{store: s, log: l.Component("guest")}
}

// Input is the data collected at booking time.
type Input struct {
	Email       string `json:"email"`
	FirstName   string `json:"first_name"`
	LastName    string `json:"last_name"`
	Phone       string `json:"phone,omitempty"`
	Country     string `json:"country,omitempty"`
	Language    string `json:"language,omitempty"`
	MarketingOK bool   `json:"marketing_ok"`
}

func (in *Input) normalise() error {
	in.Email = strings.ToLower(strings.TrimSpace(in.Email))
	if _, err := mail.ParseAddress(in.Email); err != nil {
		return errs.E(errs.Invalid, "guest.Input", "a valid email is required")
	}
	in.FirstName, in.LastName = strings.TrimSpace(in.FirstName), strings.TrimSpace(in.LastName)
	if in.FirstName == "" || in.LastName == "" {
		return errs.E(errs.Invalid, "guest.Input", "first and last name are required")
	}
	in.Country = strings.ToUpper(in.Country)
	return nil
}

// FindOrCreate returns the guest with in.Email, creating one if needed.
// Booking calls this for every reservation, including OTA imports.
func (s *Service) FindOrCreate(ctx context.Context, in Input) (*model.Guest, error) {
	if err := in.normalise(); err != nil {
		return nil, err
	}
	g, err := s.store.GetByEmail(ctx, in.Email)
	if err == nil {
		return g, nil
	}
	if !errs.IsNotFound(err) {
		return nil, err
	}
	g = &model.Guest{
		ID: ids.New("gst"), Email: in.Email, FirstName: in.FirstName, LastName: in.LastName,
		Phone: in.Phone, Country: in.Country, Language: in.Language, MarketingOK: in.MarketingOK,
	}
	if err := s.store.Create(ctx, g); err != nil {
		if errs.Is(err, errs.Conflict) {
			return s.store.GetByEmail(ctx, in.Email)
		}
		return nil, err
	}
	s.log.Info("guest created", "guest_id", g.ID)
	return g, nil
}

// Get returns a guest.
func (s *Service) Get(ctx context.Context, id string) (*model.Guest, error) {
	return s.store.Get(ctx, id)
}

// Erase performs a GDPR erasure of personal data.
func (s *Service) Erase(ctx context.Context, id string) error {
	if err := s.store.Anonymize(ctx, id); err != nil {
		return err
	}
	s.log.Info("guest erased", "guest_id", id)
	return nil
}

// SetLoyalty is called by the loyalty programme when a member enrols or changes tier.
func (s *Service) SetLoyalty(ctx context.Context, id, number string, tier model.LoyaltyTier) error {
	return s.store.SetLoyalty(ctx, id, number, tier)
}
