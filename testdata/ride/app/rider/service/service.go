// Package service implements rider sign-up, login and profile logic.
package service

import (
	"context"
	"crypto/rand"
	"strings"
	"time"

	"github.com/zipcab/backend/app/common/entity"
	"github.com/zipcab/backend/app/rider/repository"
	"github.com/zipcab/backend/modules/notify"
	"github.com/zipcab/backend/modules/promotions"
	"github.com/zipcab/backend/pkg/auth"
	"github.com/zipcab/backend/pkg/errs"
	"github.com/zipcab/backend/pkg/log"
)

// TokenTTL is how long rider sessions last.
const TokenTTL = 30 * 24 * time.Hour

// RiderService handles rider accounts.
type RiderService struct {
	repo   *repository.RiderRepository
	notify *notify.Service
	promos *promotions.Service
	signer *auth.Signer
}

// New returns a rider service.
func New(repo *repository.RiderRepository, n *notify.Service, promos *promotions.Service, signer *auth.Signer) *RiderService {
	return &RiderService{repo: repo, notify: n, promos: promos, signer: signer}
}

// SignupInput is the sign-up form.
type SignupInput struct {
	Phone        string `json:"phone"`
	Code         string `json:"code"`
	FirstName    string `json:"first_name"`
	LastName     string `json:"last_name"`
	Email        string `json:"email"`
	ReferralCode string `json:"referral_code,omitempty"`
}

// StartLogin texts a one-time code to phone.
func (s *RiderService) StartLogin(ctx context.Context, phone string) error {
	phone = normalizePhone(phone)
	if len(phone) < 8 {
		return errs.Invalid("rider.start_login", "invalid phone number")
	}
	return s.notify.SendOTP(ctx, phone)
}

// Login verifies the code and returns a session token; isNew is true if the rider must sign up.
func (s *RiderService) Login(ctx context.Context, phone, code string) (token string, isNew bool, err error) {
	phone = normalizePhone(phone)
	ok, err := s.notify.VerifyOTP(ctx, phone, code)
	if err != nil {
		return "", false, err
	}
	if !ok {
		return "", false, errs.E(errs.KindUnauthorized, "rider.login", "invalid or expired code")
	}
	r, err := s.repo.ByPhone(ctx, phone)
	if errs.Is(err, errs.KindNotFound) {
		return "", true, nil
	}
	if err != nil {
		return "", false, err
	}
	if r.Blocked {
		return "", false, errs.Forbidden("rider.login")
	}
	tok, err := s.signer.Issue(r.ID, auth.RoleRider, TokenTTL)
	return tok, false, err
}

// Signup creates a rider after OTP verification and applies a referral code.
func (s *RiderService) Signup(ctx context.Context, in SignupInput) (entity.Rider, string, error) {
	in.Phone = normalizePhone(in.Phone)
	if strings.TrimSpace(in.FirstName) == "" {
		return entity.Rider{}, "", errs.Invalid("rider.signup", "first name is required")
	}
	ok, err := s.notify.VerifyOTP(ctx, in.Phone, in.Code)
	if err != nil {
		return entity.Rider{}, "", err
	}
	if !ok {
		return entity.Rider{}, "", errs.E(errs.KindUnauthorized, "rider.signup", "invalid or expired code")
	}
	r := entity.Rider{Phone: in.Phone, Email: in.Email, FirstName: in.FirstName, LastName: in.LastName,
		ReferralCode: newReferralCode(in.FirstName)}
	if r.ID, err = s.repo.Create(ctx, r); err != nil {
		return entity.Rider{}, "", err
	}
	if in.ReferralCode != "" {
		if ref, err := s.repo.ByReferralCode(ctx, in.ReferralCode); err == nil {
			if err := s.promos.RecordReferral(ctx, ref.ID, r.ID); err != nil {
				log.From(ctx).Warn("referral not recorded", "rider_id", r.ID, "err", err)
			}
		}
	}
	tok, err := s.signer.Issue(r.ID, auth.RoleRider, TokenTTL)
	return r, tok, err
}

// Profile returns the home screen profile.
func (s *RiderService) Profile(ctx context.Context, id int64, currency string) (repository.Profile, error) {
	return s.repo.GetProfile(ctx, id, currency)
}

func normalizePhone(p string) string {
	var b strings.Builder
	for i, r := range p {
		if (r >= '0' && r <= '9') || (r == '+' && i == 0) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

const codeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"

func newReferralCode(name string) string {
	prefix := strings.ToUpper(name)
	if len(prefix) > 4 {
		prefix = prefix[:4]
	}
	var b [4]byte
	_, _ = rand.Read(b[:])
	suffix := make([]byte, 4)
	for i := range b {
		suffix[i] = codeAlphabet[int(b[i])%len(codeAlphabet)]
	}
	return prefix + string(suffix)
}

// UpdateRating stores the rider's rolling average as computed by ratings.
func (s *RiderService) UpdateRating(ctx context.Context, riderID int64, avg float64) error {
	return s.repo.SetRating(ctx, riderID, avg)
}
