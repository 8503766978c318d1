// Package pin implements the parental-control PIN from the original web app.
// Profiles service wraps it; the old /pin endpoints are still mounted for TV apps.
package pin

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"database/sql"
	"encoding/hex"
	"errors"
	"net/http"
	"time"
	"unicode"
)

// DB is set by cmd/api at start-up.
var DB *sql.DB

const (
	maxFailures = 5
	lockout     = 15 * time.Minute
)

var (
	ErrLocked    = errors.New("pin: too many attempts, try again later")
	ErrBadFormat = errors.New("pin: must be exactly 4 digits")
	ErrNotSet    = errors.New("pin: not set")
	ErrWrongPIN  = errors.New("pin: incorrect")
	weakPINs     = map[string]bool{"0000": true, "1234": true, "1111": true, "4321": true}
	ErrTooSimple = errors.New("pin: too easy to guess")
)

func hash(salt, pin string) string {
	sum := sha256.Sum256([]byte(salt + ":" + pin))
	return hex.EncodeToString(sum[:])
}

func validFormat(p string) bool {
	if len(p) != 4 {
		return false
	}
	for _, r := range p {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// Set stores a new PIN for a profile, resetting the failure counter.
func Set(ctx context.Context, profileID, p string) error {
	if !validFormat(p) {
		return ErrBadFormat
	}
	if weakPINs[p] {
		return ErrTooSimple
	}
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return err
	}
	salt := hex.EncodeToString(b[:])
	_, err := DB.ExecContext(ctx, `INSERT INTO parental_pins (profile_id, salt, pin_hash, failed_attempts, locked_until)
		VALUES ($1, $2, $3, 0, NULL)
		ON CONFLICT (profile_id) DO UPDATE SET salt = EXCLUDED.salt, pin_hash = EXCLUDED.pin_hash, failed_attempts = 0, locked_until = NULL`,
		profileID, salt, hash(salt, p))
	return err
}

// Verify checks a PIN, applying the lockout policy.
func Verify(ctx context.Context, profileID, p string) error {
	var salt, h string
	var failures int
	var lockedUntil sql.NullTime
	err := DB.QueryRowContext(ctx, `SELECT salt, pin_hash, failed_attempts, locked_until FROM parental_pins WHERE profile_id = $1`, profileID).
		Scan(&salt, &h, &failures, &lockedUntil)
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotSet
	}
	if err != nil {
		return err
	}
	if lockedUntil.Valid && time.Now().Before(lockedUntil.Time) {
		return ErrLocked
	}
	if subtle.ConstantTimeCompare([]byte(hash(salt, p)), []byte(h)) == 1 {
		_, err = DB.ExecContext(ctx, `UPDATE parental_pins SET failed_attempts = 0, locked_until = NULL WHERE profile_id = $1`, profileID)
		return err
	}
	failures++
	var until any
	if failures >= maxFailures {
		until = time.Now().Add(lockout)
		failures = 0
	}
	if _, err := DB.ExecContext(ctx, `UPDATE parental_pins SET failed_attempts = $2, locked_until = $3 WHERE profile_id = $1`,
		profileID, failures, until); err != nil {
		return err
	}
	return ErrWrongPIN
}

// SetHandler serves POST /pin/set (form: profile, pin).
func SetHandler(w http.ResponseWriter, r *http.Request) {
	if err := Set(r.Context(), r.FormValue("profile"), r.FormValue("pin")); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// VerifyHandler serves POST /pin/verify (form: profile, pin).
func VerifyHandler(w http.ResponseWriter, r *http.Request) {
	switch err := Verify(r.Context(), r.FormValue("profile"), r.FormValue("pin")); {
	case err == nil:
		w.WriteHeader(http.StatusNoContent)
	case errors.Is(err, ErrLocked):
		http.Error(w, err.Error(), http.StatusTooManyRequests)
	case errors.Is(err, ErrWrongPIN), errors.Is(err, ErrNotSet):
		http.Error(w, err.Error(), http.StatusForbidden)
	default:
		http.Error(w, "internal error", http.StatusInternalServerError)
	}
}
