// Package app implements fan account use cases: registration, login,
// email verification and preferences.
package app

import (
	"context"
	"log/slog"
	"time"

	"gatehouse.events/platform/internal/accounts/domain"
	"gatehouse.events/platform/internal/platform/auth"
	"gatehouse.events/platform/internal/platform/clock"
	"gatehouse.events/platform/internal/platform/errs"
	"gatehouse.events/platform/internal/platform/events"
	"gatehouse.events/platform/internal/platform/ids"
	"gatehouse.events/platform/internal/shared/model"
)

// Repository persists fans.
type Repository interface {
	Create(ctx context.Context, f *domain.Fan) error
	Get(ctx context.Context, id string) (*domain.Fan, error)
	ByEmail(ctx context.Context, email string) (*domain.Fan, error)
	Update(ctx context.Context, f *domain.Fan) error
	SaveVerification(ctx context.Context, t domain.VerificationToken) error
	ConsumeVerification(ctx context.Context, token string, now time.Time) (fanID string, err error)
}

// Notifier sends account emails.
type Notifier interface {
	SendVerification(ctx context.Context, to, name, link string) error
}

// Service implements account use cases.
type Service struct {
	fans    Repository
	signer  *auth.Signer
	notify  Notifier
	pub     events.Publisher
	clock   clock.Clock
	log     *slog.Logger
	baseURL string
}

// NewService wires the service.
func NewService(r Repository, s *auth.Signer, n Notifier, pub events.Publisher, c clock.Clock, log *slog.Logger, baseURL string) *Service {
	return &Service{fans: r, signer: s, notify: n, pub: pub, clock: c, log: log, baseURL: baseURL}
}

// RegisterInput is the sign-up form.
type RegisterInput struct {
	Email       string
	Password    string
	DisplayName string
	Country     string
	MarketingOK bool
}

// Register creates an account and sends the verification email.
func (s *Service) Register(ctx context.Context, in RegisterInput) (*domain.Fan, error) {
	const op = "accounts.Register"
	email, err := domain.NormalizeEmail(in.Email)
	if err != nil {
		return nil, err
	}
	if _, err := s.fans.ByEmail(ctx, email); err == nil {
		return nil, errs.Conflict(op, "email already registered")
	} else if !errs.Is(err, errs.KindNotFound) {
		return nil, errs.Wrap(err, op)
	}
	f := &domain.Fan{ID: ids.New(ids.PrefixFan), Email: email, DisplayName: in.DisplayName, Country: in.Country,
		MarketingOK: in.MarketingOK, Status: domain.StatusActive, CreatedAt: s.clock.Now()}
	if err := f.SetPassword(in.Password); err != nil {
		return nil, err
	}
	if err := s.fans.Create(ctx, f); err != nil {
		return nil, errs.Wrap(err, op)
	}
	tok := domain.NewVerificationToken(f.ID, s.clock.Now())
	if err := s.fans.SaveVerification(ctx, tok); err != nil {
		return nil, errs.Wrap(err, op)
	}
	if err := s.notify.SendVerification(ctx, f.Email, f.DisplayName, s.baseURL+"/verify?token="+tok.Token); err != nil {
		s.log.Warn("verification email failed", "fan_id", f.ID, "err", err)
	}
	_ = s.pub.Publish(ctx, model.TopicFanRegistered, f.ID, model.FanRegistered{Fan: f.Profile()})
	return f, nil
}

// Login checks credentials and returns a session token.
func (s *Service) Login(ctx context.Context, email, password string) (string, error) {
	email, err := domain.NormalizeEmail(email)
	if err != nil {
		return "", errs.E(errs.KindUnauthorized, "accounts.Login", "invalid credentials")
	}
	f, err := s.fans.ByEmail(ctx, email)
	if err != nil {
		return "", errs.E(errs.KindUnauthorized, "accounts.Login", "invalid credentials")
	}
	checkErr := f.CheckPassword(password, s.clock.Now())
	if err := s.fans.Update(ctx, f); err != nil {
		return "", err
	}
	if checkErr != nil {
		return "", checkErr
	}
	return s.signer.Issue(auth.Principal{Subject: f.ID, Role: auth.RoleFan}, 12*time.Hour)
}

// Verify consumes a verification token.
func (s *Service) Verify(ctx context.Context, token string) error {
	fanID, err := s.fans.ConsumeVerification(ctx, token, s.clock.Now())
	if err != nil {
		return err
	}
	f, err := s.fans.Get(ctx, fanID)
	if err != nil {
		return err
	}
	f.EmailVerified = true
	return s.fans.Update(ctx, f)
}

// Profile returns the fan's public profile.
func (s *Service) Profile(ctx context.Context, fanID string) (model.FanProfile, error) {
	f, err := s.fans.Get(ctx, fanID)
	if err != nil {
		return model.FanProfile{}, err
	}
	return f.Profile(), nil
}

// FindByEmail resolves a fan by email (used for ticket transfers).
func (s *Service) FindByEmail(ctx context.Context, email string) (model.FanProfile, error) {
	email, err := domain.NormalizeEmail(email)
	if err != nil {
		return model.FanProfile{}, err
	}
	f, err := s.fans.ByEmail(ctx, email)
	if err != nil {
		return model.FanProfile{}, err
	}
	return f.Profile(), nil
}
