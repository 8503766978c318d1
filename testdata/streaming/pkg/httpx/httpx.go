// Package httpx contains HTTP helpers shared by all transports.
package httpx

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/flickstream/api/pkg/errs"
	"github.com/flickstream/api/pkg/ids"
	"github.com/flickstream/api/pkg/logging"
)

// Caller headers are set by the edge gateway after authenticating the device token.
const (
	HeaderAccountID = "X-Flick-Account"
	HeaderProfileID = "X-Flick-Profile"
	HeaderTerritory = "X-Flick-Territory"
	HeaderDeviceID  = "X-Flick-Device"
	HeaderRequestID = "X-Request-Id"
)

// Caller is the authenticated identity of a request.
type Caller struct {
	AccountID string
	ProfileID string
	Territory string
	DeviceID  string
}

type callerKey struct{}

// CallerFrom returns the caller stored by the Identity middleware.
func CallerFrom(ctx context.Context) (Caller, bool) {
	c, ok := ctx.Value(callerKey{}).(Caller)
	return c, ok
}

// WithCaller stores c in ctx (used by tests and jobs).
func WithCaller(ctx context.Context, c Caller) context.Context {
	return context.WithValue(ctx, callerKey{}, c)
}

// Identity copies gateway headers into the context.
func Identity(defaultTerritory string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			c := Caller{
				AccountID: r.Header.Get(HeaderAccountID),
				ProfileID: r.Header.Get(HeaderProfileID),
				Territory: strings.ToUpper(r.Header.Get(HeaderTerritory)),
				DeviceID:  r.Header.Get(HeaderDeviceID),
			}
			if c.Territory == "" {
				c.Territory = defaultTerritory
			}
			next.ServeHTTP(w, r.WithContext(WithCaller(r.Context(), c)))
		})
	}
}

// RequestLog attaches a request id and logs every request.
func RequestLog(base *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			rid := r.Header.Get(HeaderRequestID)
			if rid == "" {
				rid = ids.New("req")
			}
			l := base.With("request_id", rid, "method", r.Method, "path", r.URL.Path)
			sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
			start := time.Now()
			w.Header().Set(HeaderRequestID, rid)
			next.ServeHTTP(sw, r.WithContext(logging.WithLogger(r.Context(), l)))
			l.Info("http request", "status", sw.status, "duration_ms", time.Since(start).Milliseconds())
		})
	}
}

// Recover converts panics into 500s.
func Recover(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				logging.FromContext(r.Context()).Error("panic", "value", fmt.Sprint(v))
				WriteError(w, errs.E(errs.Internal, "httpx.Recover", "internal error"))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// Chain applies middlewares so that the first is outermost.
func Chain(h http.Handler, mws ...func(http.Handler) http.Handler) http.Handler {
	for i := len(mws) - 1; i >= 0; i-- {
		h = mws[i](h)
	}
	return h
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (s *statusWriter) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

// WriteJSON writes v as JSON with the given status.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// WriteError maps err to a JSON error body.
func WriteError(w http.ResponseWriter, err error) {
	status := errs.HTTPStatus(err)
	msg := err.Error()
	if status == http.StatusInternalServerError {
		msg = "internal error"
	}
	WriteJSON(w, status, map[string]string{"error": msg})
}

// DecodeJSON decodes a size-limited JSON body into v.
func DecodeJSON(r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return errs.E(errs.Invalid, "httpx.DecodeJSON", "malformed request body: "+err.Error())
	}
	return nil
}

// QueryInt reads an integer query parameter with a default and an upper bound.
func QueryInt(r *http.Request, name string, def, max int) int {
	v := r.URL.Query().Get(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return def
	}
	if max > 0 && n > max {
		return max
	}
	return n
}
