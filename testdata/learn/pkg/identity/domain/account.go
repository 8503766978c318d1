// Package domain holds identity's core model: accounts, sessions and
// password handling.
package domain

import (
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"net/mail"
	"strings"
	"time"

	"quill.dev/academy/pkg/common/types"
	"quill.dev/academy/pkg/platform/errs"
)

const pbkdf2Iter = 210_000

// Account is a user account including credentials. It never leaves identity;
// other modules get types.User.
type Account struct {
	ID            types.UserID
	Email         string
	Name          string
	Role          types.Role
	Locale        string
	PasswordHash  string
	EmailVerified bool
	Disabled      bool
	CreatedAt     time.Time
	LastLoginAt   *time.Time
}

// Public converts to the shared user type.
func (a Account) Public() types.User {
	return types.User{ID: a.ID, Email: a.Email, Name: a.Name, Role: a.Role, Locale: a.Locale, CreatedAt: a.CreatedAt}
}

// NormalizeEmail lowercases and validates an email address.
func NormalizeEmail(s string) (string, error) {
	addr, err := mail.ParseAddress(strings.TrimSpace(s))
	if err != nil {
		return "", errs.E(errs.Invalid, "email", "invalid email address")
	}
	return strings.ToLower(addr.Address), nil
}

// ValidatePassword enforces the password policy.
func ValidatePassword(p string) error {
	if len(p) < 10 {
		return errs.E(errs.Invalid, "password", "must be at least 10 characters")
	}
	if strings.TrimSpace(p) != p {
		return errs.E(errs.Invalid, "password", "must not start or end with whitespace")
	}
	return nil
}

// HashPassword returns an encoded PBKDF2 hash.
func HashPassword(p string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key, err := pbkdf2.Key(sha256.New, p, salt, pbkdf2Iter, 32)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("pbkdf2-sha256$%d$%s$%s", pbkdf2Iter,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key)), nil
}

// CheckPassword compares p with an encoded hash in constant time.
func CheckPassword(encoded, p string) bool {
	parts := strings.Split(encoded, "$")
	if len(parts) != 4 || parts[0] != "pbkdf2-sha256" {
		return false
	}
	var iter int
	if _, err := fmt.Sscanf(parts[1], "%d", &iter); err != nil {
		return false
	}
	salt, err1 := base64.RawStdEncoding.DecodeString(parts[2])
	want, err2 := base64.RawStdEncoding.DecodeString(parts[3])
	if err1 != nil || err2 != nil {
		return false
	}
	got, err := pbkdf2.Key(sha256.New, p, salt, iter, len(want))
	if err != nil {
		return false
	}
	return subtle.ConstantTimeCompare(got, want) == 1
}
