// Package domain models fan accounts: identity, credentials and marketing
// preferences.
package domain

import (
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"net/mail"
	"strings"
	"time"

	"gatehouse.events/platform/internal/platform/errs"
	"gatehouse.events/platform/internal/shared/model"
)

// Status is the account state.
type Status string

const (
	StatusActive  Status = "active"
	StatusLocked  Status = "locked"
	StatusDeleted Status = "deleted"
)

// Fan is a ticket buyer's account.
type Fan struct {
	ID             string
	Email          string
	DisplayName    string
	PasswordHash   string
	Country        string
	MarketingOK    bool
	EmailVerified  bool
	Status         Status
	FailedLogins   int
	CreatedAt      time.Time
	LastLoginAt    time.Time
	FavouriteGenre string
}

// NormalizeEmail lower-cases and validates an address.
func NormalizeEmail(s string) (string, error) {
	a, err := mail.ParseAddress(strings.TrimSpace(s))
	if err != nil {
		return "", errs.Invalid("accounts.NormalizeEmail", "invalid email address")
	}
	return strings.ToLower(a.Address), nil
}

const iterations = 210_000

// SetPassword hashes and stores a new password.
func (f *Fan) SetPassword(pw string) error {
	if len(pw) < 10 {
		return errs.Invalid("accounts.SetPassword", "password must be at least 10 characters")
	}
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return err
	}
	key, err := pbkdf2.Key(sha256.New, pw, salt, iterations, 32)
	if err != nil {
		return err
	}
	f.PasswordHash = "pbkdf2$" + base64.RawStdEncoding.EncodeToString(salt) + "$" + base64.RawStdEncoding.EncodeToString(key)
	return nil
}

// CheckPassword verifies pw and tracks failed attempts, locking the account
// after too many.
func (f *Fan) CheckPassword(pw string, now time.Time) error {
	const op = "accounts.CheckPassword"
	if f.Status != StatusActive {
		return errs.E(errs.KindForbidden, op, "account "+string(f.Status))
	}
	parts := strings.Split(f.PasswordHash, "$")
	if len(parts) != 3 {
		return errs.E(errs.KindUnauthorized, op, "invalid credentials")
	}
	salt, _ := base64.RawStdEncoding.DecodeString(parts[1])
	want, _ := base64.RawStdEncoding.DecodeString(parts[2])
	got, err := pbkdf2.Key(sha256.New, pw, salt, iterations, 32)
	if err != nil || subtle.ConstantTimeCompare(got, want) != 1 {
		f.FailedLogins++
		if f.FailedLogins >= 10 {
			f.Status = StatusLocked
		}
		return errs.E(errs.KindUnauthorized, op, "invalid credentials")
	}
	f.FailedLogins, f.LastLoginAt = 0, now
	return nil
}

// Profile is the public projection used across the platform.
func (f *Fan) Profile() model.FanProfile {
	return model.FanProfile{ID: f.ID, Email: f.Email, DisplayName: f.DisplayName, Country: f.Country,
		MarketingOK: f.MarketingOK, Verified: f.EmailVerified}
}

// VerificationToken is a one-time email verification secret.
type VerificationToken struct {
	Token     string
	FanID     string
	ExpiresAt time.Time
}

// NewVerificationToken creates a random token valid for 48 hours.
func NewVerificationToken(fanID string, now time.Time) VerificationToken {
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	return VerificationToken{Token: base64.RawURLEncoding.EncodeToString(b), FanID: fanID, ExpiresAt: now.Add(48 * time.Hour)}
}
