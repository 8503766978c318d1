// Package service implements accounts, profiles and parental-control rules.
package service

import (
	"context"
	"errors"
	"net/mail"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/flickstream/api/legacy/pin"
	"github.com/flickstream/api/models"
	"github.com/flickstream/api/pkg/errs"
	"github.com/flickstream/api/pkg/ids"
	"github.com/flickstream/api/services/profiles/store"
)

const maxProfilesPerAccount = 5

// kids profiles can never be opened past this rating
const kidsCeiling = models.RatingPG

var countryRe = regexp.MustCompile(`^[A-Z]{2}$`)

// Decision is the result of a parental-control check.
type Decision struct {
	Allowed  bool   `json:"allowed"`
	NeedsPIN bool   `json:"needs_pin"`
	Reason   string `json:"reason,omitempty"`
}

// Service is the profiles API.
type Service struct {
	store *store.Store
	now   func() time.Time
}

// New returns the service.
func New(s *store.Store) *Service { return &Service{store: s, now: time.Now} }

// CreateAccount registers a new account.
func (s *Service) CreateAccount(ctx context.Context, email, country string) (models.Account, error) {
	const op = "profiles.CreateAccount"
	addr, err := mail.ParseAddress(email)
	if err != nil {
		return models.Account{}, errs.E(errs.Invalid, op, "invalid email")
	}
	country = strings.ToUpper(country)
	if !countryRe.MatchString(country) {
		return models.Account{}, errs.E(errs.Invalid, op, "country must be ISO alpha-2")
	}
	taken, err := s.store.EmailTaken(ctx, addr.Address)
	if err != nil {
		return models.Account{}, err
	}
	if taken {
		return models.Account{}, errs.E(errs.Conflict, op, "email already registered")
	}
	a := models.Account{ID: ids.New(ids.Account), Email: addr.Address, Country: country, Status: models.AccountActive, CreatedAt: s.now().UTC()}
	if err := s.store.CreateAccount(ctx, a); err != nil {
		return a, err
	}
	// every account starts with one adult profile
	_, err = s.CreateProfile(ctx, a.ID, models.Profile{Name: strings.Split(addr.Address, "@")[0], MaxRating: models.RatingNC17})
	return a, err
}

// Account returns an account.
func (s *Service) Account(ctx context.Context, id string) (models.Account, error) {
	return s.store.GetAccount(ctx, id)
}

// Profiles lists an account's profiles.
func (s *Service) Profiles(ctx context.Context, accountID string) ([]models.Profile, error) {
	return s.store.ListProfiles(ctx, accountID)
}

// Profile returns a profile.
func (s *Service) Profile(ctx context.Context, id string) (models.Profile, error) {
	return s.store.GetProfile(ctx, id)
}

// CreateProfile adds a profile to an account.
func (s *Service) CreateProfile(ctx context.Context, accountID string, p models.Profile) (models.Profile, error) {
	const op = "profiles.CreateProfile"
	existing, err := s.store.ListProfiles(ctx, accountID)
	if err != nil {
		return p, err
	}
	if len(existing) >= maxProfilesPerAccount {
		return p, errs.E(errs.Conflict, op, "an account can have at most 5 profiles")
	}
	p.Name = strings.TrimSpace(p.Name)
	if p.Name == "" || len(p.Name) > 40 {
		return p, errs.E(errs.Invalid, op, "profile name must be 1-40 characters")
	}
	for _, e := range existing {
		if strings.EqualFold(e.Name, p.Name) {
			return p, errs.E(errs.Conflict, op, "profile name already used")
		}
	}
	if p.MaxRating == models.RatingUnset {
		p.MaxRating = models.RatingNC17
	}
	if !p.MaxRating.Valid() {
		return p, errs.E(errs.Invalid, op, "unknown rating")
	}
	if p.Kids && p.MaxRating.Level() > kidsCeiling.Level() {
		p.MaxRating = models.RatingTVY7
	}
	if p.Language == "" {
		p.Language = "en"
	}
	if p.BirthYear != 0 && (p.BirthYear < 1900 || p.BirthYear > s.now().Year()) {
		return p, errs.E(errs.Invalid, op, "implausible birth year")
	}
	p.ID = ids.New(ids.Profile)
	p.AccountID = accountID
	p.CreatedAt = s.now().UTC()
	return p, s.store.CreateProfile(ctx, p)
}

// DeleteProfile removes a profile; the last profile of an account cannot be removed.
func (s *Service) DeleteProfile(ctx context.Context, accountID, profileID string) error {
	existing, err := s.store.ListProfiles(ctx, accountID)
	if err != nil {
		return err
	}
	if len(existing) <= 1 {
		return errs.E(errs.Conflict, "profiles.DeleteProfile", "cannot delete the last profile")
	}
	return s.store.DeleteProfile(ctx, accountID, profileID)
}

// Controls returns a profile's parental controls, checking ownership.
func (s *Service) Controls(ctx context.Context, accountID, profileID string) (models.ParentalControls, error) {
	if _, err := s.owned(ctx, accountID, profileID); err != nil {
		return models.ParentalControls{}, err
	}
	return s.store.GetControls(ctx, profileID)
}

// UpdateControls changes parental controls.
func (s *Service) UpdateControls(ctx context.Context, accountID string, c models.ParentalControls) (models.ParentalControls, error) {
	const op = "profiles.UpdateControls"
	p, err := s.owned(ctx, accountID, c.ProfileID)
	if err != nil {
		return c, err
	}
	if !c.MaxRating.Valid() {
		return c, errs.E(errs.Invalid, op, "unknown rating")
	}
	if p.Kids && c.MaxRating.Level() > kidsCeiling.Level() {
		return c, errs.E(errs.Forbidden, op, "kids profiles are limited to "+string(kidsCeiling))
	}
	if len(c.BlockedTitleIDs) > 500 {
		return c, errs.E(errs.Invalid, op, "block list too long")
	}
	slices.Sort(c.BlockedTitleIDs)
	c.BlockedTitleIDs = slices.Compact(c.BlockedTitleIDs)
	if err := s.store.SaveControls(ctx, c); err != nil {
		return c, err
	}
	return s.store.GetControls(ctx, c.ProfileID)
}

// CanWatch decides whether a profile may start a title of the given rating.
func (s *Service) CanWatch(ctx context.Context, profileID, titleID string, rating models.MaturityRating) (Decision, error) {
	c, err := s.store.GetControls(ctx, profileID)
	if errs.Is(err, errs.NotFound) {
		return Decision{Allowed: true}, nil
	}
	if err != nil {
		return Decision{}, err
	}
	if slices.Contains(c.BlockedTitleIDs, titleID) {
		return Decision{Reason: "title blocked for this profile"}, nil
	}
	if rating.Level() > c.MaxRating.Level() {
		if c.PINRequired {
			return Decision{Allowed: true, NeedsPIN: true, Reason: "rating above profile limit"}, nil
		}
		return Decision{Reason: "rating above profile limit"}, nil
	}
	return Decision{Allowed: true}, nil
}

// VerifyPIN checks a parental PIN (stored by the legacy pin package).
func (s *Service) VerifyPIN(ctx context.Context, profileID, code string) error {
	err := pin.Verify(ctx, profileID, code)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, pin.ErrLocked):
		return errs.E(errs.Forbidden, "profiles.VerifyPIN", err.Error())
	case errors.Is(err, pin.ErrWrongPIN), errors.Is(err, pin.ErrNotSet):
		return errs.E(errs.Forbidden, "profiles.VerifyPIN", err.Error())
	default:
		return errs.Wrap("profiles.VerifyPIN", err)
	}
}

// SetAccountStatus is used when billing state changes.
func (s *Service) SetAccountStatus(ctx context.Context, accountID, status string) error {
	return s.store.SetAccountStatus(ctx, accountID, status)
}

func (s *Service) owned(ctx context.Context, accountID, profileID string) (models.Profile, error) {
	p, err := s.store.GetProfile(ctx, profileID)
	if err != nil {
		return p, err
	}
	if p.AccountID != accountID {
		return p, errs.E(errs.Forbidden, "profiles.owned", "profile belongs to another account")
	}
	return p, nil
}
