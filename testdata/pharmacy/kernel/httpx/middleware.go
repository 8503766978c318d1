package httpx

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"rxnow.health/backend/kernel/errs"
	"rxnow.health/backend/kernel/logging"
)

// Roles carried by the API gateway in X-Auth-Role.
const (
	RoleCustomer   = "customer"
	RolePharmacist = "pharmacist"
	RoleTechnician = "technician"
	RoleAdmin      = "admin"
	RoleSystem     = "system"
)

// Principal is the authenticated caller, as asserted by the gateway.
type Principal struct {
	Subject    string
	Role       string
	CustomerID int64
}

type principalKey struct{}

// PrincipalFrom returns the caller for the request.
func PrincipalFrom(ctx context.Context) (Principal, bool) {
	p, ok := ctx.Value(principalKey{}).(Principal)
	return p, ok
}

// Middleware wraps a handler.
type Middleware func(http.Handler) http.Handler

// Chain applies mws so the first is outermost.
func Chain(h http.Handler, mws ...Middleware) http.Handler {
	for i := len(mws) - 1; i >= 0; i-- {
		h = mws[i](h)
	}
	return h
}

// RequestLogger attaches a request id and a request-scoped logger.
func RequestLogger(base *slog.Logger) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			id := r.Header.Get("X-Request-ID")
			if id == "" {
				var b [8]byte
				_, _ = rand.Read(b[:])
				id = hex.EncodeToString(b[:])
			}
			w.Header().Set("X-Request-ID", id)
			l := base.With("request_id", id)
			start := time.Now()
			sw := &statusWriter{ResponseWriter: w, status: 200}
			next.ServeHTTP(sw, r.WithContext(logging.WithLogger(r.Context(), l)))
			l.Info("http", "method", r.Method, "path", r.URL.Path, "status", sw.status, "dur", time.Since(start))
		})
	}
}

// Recover turns panics into 500s.
func Recover() Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			defer func() {
				if v := recover(); v != nil {
					logging.From(r.Context()).Error("panic", "value", v)
					JSON(w, http.StatusInternalServerError, errorBody{Error: "internal error", Code: "internal"})
				}
			}()
			next.ServeHTTP(w, r)
		})
	}
}

// Authenticate reads the identity headers injected by the gateway.
func Authenticate() Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			sub := r.Header.Get("X-Auth-Subject")
			if sub == "" {
				next.ServeHTTP(w, r)
				return
			}
			p := Principal{Subject: sub, Role: r.Header.Get("X-Auth-Role")}
			if c := r.Header.Get("X-Auth-Customer"); c != "" {
				p.CustomerID, _ = strconv.ParseInt(c, 10, 64)
			}
			next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), principalKey{}, p)))
		})
	}
}

// RequireRole guards a handler function.
func RequireRole(h http.HandlerFunc, roles ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		p, ok := PrincipalFrom(r.Context())
		if !ok {
			Error(w, r, errs.E("auth", errs.Unauthorized, "authentication required"))
			return
		}
		for _, role := range roles {
			if p.Role == role || p.Role == RoleAdmin {
				h(w, r)
				return
			}
		}
		Error(w, r, errs.E("auth", errs.Forbidden, "role "+p.Role+" not allowed"))
	}
}

// SameCustomer checks that a customer principal only touches its own data.
func SameCustomer(r *http.Request, customerID int64) error {
	p, ok := PrincipalFrom(r.Context())
	if !ok {
		return errs.E("auth", errs.Unauthorized, "authentication required")
	}
	if p.Role == RoleCustomer && p.CustomerID != customerID {
		return errs.E("auth", errs.Forbidden, "not your record")
	}
	return nil
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (s *statusWriter) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}
