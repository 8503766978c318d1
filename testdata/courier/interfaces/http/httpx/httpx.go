// Package httpx contains JSON, error-mapping and middleware helpers shared
// by every HTTP interface.
package httpx

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"parcelgo.com/platform/shared/errs"
	"parcelgo.com/platform/shared/ids"
	"parcelgo.com/platform/shared/logging"
)

// Principal is the authenticated caller.
type Principal struct {
	Role       string // merchant, driver, admin
	MerchantID string
	DriverID   string
}

type principalKey struct{}

func WithPrincipal(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

func PrincipalFrom(ctx context.Context) (Principal, bool) {
	p, ok := ctx.Value(principalKey{}).(Principal)
	return p, ok
}

// JSON writes v with status.
func JSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// Decode reads a JSON body, rejecting unknown fields.
func Decode(r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return errs.Invalid("malformed request body: %v", err)
	}
	return nil
}

// Error maps kinded errors to HTTP status codes.
func Error(w http.ResponseWriter, r *http.Request, err error) {
	status := http.StatusInternalServerError
	switch {
	case errors.Is(err, errs.ErrNotFound):
		status = http.StatusNotFound
	case errors.Is(err, errs.ErrInvalid):
		status = http.StatusUnprocessableEntity
	case errors.Is(err, errs.ErrConflict):
		status = http.StatusConflict
	case errors.Is(err, errs.ErrForbidden):
		status = http.StatusForbidden
	case errors.Is(err, errs.ErrUpstream):
		status = http.StatusBadGateway
	}
	msg := err.Error()
	if status == http.StatusInternalServerError {
		logging.From(r.Context()).Error("request failed", "path", r.URL.Path, "err", err)
		msg = "internal error"
	}
	JSON(w, status, map[string]string{"error": msg})
}

// QueryInt parses an integer query parameter.
func QueryInt(r *http.Request, name string, def int) int {
	if v, err := strconv.Atoi(r.URL.Query().Get(name)); err == nil {
		return v
	}
	return def
}

// QueryDate parses YYYY-MM-DD, defaulting to today.
func QueryDate(r *http.Request, name string) (time.Time, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		y, m, d := time.Now().Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), nil
	}
	t, err := time.Parse("2006-01-02", v)
	if err != nil {
		return t, errs.Invalid("%s must be YYYY-MM-DD", name)
	}
	return t, nil
}

// Middleware is the usual decorator.
type Middleware func(http.Handler) http.Handler

func Chain(h http.Handler, mws ...Middleware) http.Handler {
	for i := len(mws) - 1; i >= 0; i-- {
		h = mws[i](h)
	}
	return h
}

// RequestLog assigns a request id and logs each request.
func RequestLog(log *slog.Logger) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			rid := r.Header.Get("X-Request-ID")
			if rid == "" {
				rid = ids.New("req")
			}
			l := log.With("request_id", rid)
			start := time.Now()
			w.Header().Set("X-Request-ID", rid)
			next.ServeHTTP(w, r.WithContext(logging.Into(r.Context(), l)))
			l.Info("http", "method", r.Method, "path", r.URL.Path, "dur_ms", time.Since(start).Milliseconds())
		})
	}
}

// Recover turns panics into 500s.
func Recover(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				logging.From(r.Context()).Error("panic", "value", p)
				JSON(w, http.StatusInternalServerError, map[string]string{"error": "internal error"})
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// APIKeyResolver maps a raw API key to a merchant id.
type APIKeyResolver func(ctx context.Context, rawKey string) (string, error)

// MerchantAuth authenticates "Authorization: Bearer pg_live_..." keys.
func MerchantAuth(resolve APIKeyResolver) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			raw := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
			if raw == "" {
				JSON(w, http.StatusUnauthorized, map[string]string{"error": "missing api key"})
				return
			}
			mid, err := resolve(r.Context(), raw)
			if err != nil {
				JSON(w, http.StatusUnauthorized, map[string]string{"error": "invalid api key"})
				return
			}
			ctx := WithPrincipal(r.Context(), Principal{Role: "merchant", MerchantID: mid})
			next.ServeHTTP(w, r.WithContext(ctx))
		})
	}
}

// DriverToken signs a driver id for the driver app.
func DriverToken(secret, driverID string) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(driverID))
	return driverID + "." + hex.EncodeToString(m.Sum(nil))
}

// DriverAuth verifies tokens produced by DriverToken.
func DriverAuth(secret string) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			tok := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
			id, _, ok := strings.Cut(tok, ".")
			if !ok || !hmac.Equal([]byte(DriverToken(secret, id)), []byte(tok)) {
				JSON(w, http.StatusUnauthorized, map[string]string{"error": "invalid driver token"})
				return
			}
			ctx := WithPrincipal(r.Context(), Principal{Role: "driver", DriverID: id})
			next.ServeHTTP(w, r.WithContext(ctx))
		})
	}
}

// AdminAuth checks the static ops token (behind the VPN).
func AdminAuth(token string) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Header.Get("X-Admin-Token") != token {
				JSON(w, http.StatusUnauthorized, map[string]string{"error": "admin only"})
				return
			}
			next.ServeHTTP(w, r.WithContext(WithPrincipal(r.Context(), Principal{Role: "admin"})))
		})
	}
}

// MerchantID returns the authenticated merchant or an error.
func MerchantID(r *http.Request) (string, error) {
	p, ok := PrincipalFrom(r.Context())
	if !ok || p.MerchantID == "" {
		return "", errs.Forbidden("merchant credentials required")
	}
	return p.MerchantID, nil
}

// DriverID returns the authenticated driver or an error.
func DriverID(r *http.Request) (string, error) {
	p, ok := PrincipalFrom(r.Context())
	if !ok || p.DriverID == "" {
		return "", errs.Forbidden("driver credentials required")
	}
	return p.DriverID, nil
}
