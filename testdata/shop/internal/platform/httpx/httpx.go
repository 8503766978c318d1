// Package httpx holds the HTTP plumbing shared by every context's handlers:
// JSON encoding, error mapping, request decoding and middleware.
package httpx

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"example.com/shop/internal/platform/errs"
	"example.com/shop/internal/platform/log"
	"example.com/shop/internal/platform/validate"
)

const maxBody = 1 << 20

// HandlerFunc is a handler that returns its error instead of writing it.
type HandlerFunc func(w http.ResponseWriter, r *http.Request) error

// Middleware wraps a handler.
type Middleware func(http.Handler) http.Handler

// Handle adapts h, writing its error with Error.
func Handle(logger *log.Logger, h HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			Error(w, r, logger, err)
		}
	})
}

// JSON writes v with the given status.
func JSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	if v == nil {
		return
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

// NoContent writes 204.
func NoContent(w http.ResponseWriter) { w.WriteHeader(http.StatusNoContent) }

type errorBody struct {
	Error  string                `json:"error"`
	Code   string                `json:"code"`
	Fields []validate.FieldError `json:"fields,omitempty"`
}

// StatusFor maps an error kind to an HTTP status.
func StatusFor(kind errs.Kind) int {
	switch kind {
	case errs.KindNotFound:
		return http.StatusNotFound
	case errs.KindInvalid:
		return http.StatusUnprocessableEntity
	case errs.KindConflict:
		return http.StatusConflict
	case errs.KindUnauthorized:
		return http.StatusUnauthorized
	case errs.KindForbidden:
		return http.StatusForbidden
	case errs.KindUnavailable:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// Error writes err as a JSON error body; internal errors are logged and
// their details hidden from the client.
func Error(w http.ResponseWriter, r *http.Request, logger *log.Logger, err error) {
	kind := errs.KindOf(err)
	status := StatusFor(kind)
	if status >= 500 {
		logger.Error("request failed", log.F("method", r.Method), log.F("path", r.URL.Path), log.Err(err))
	}
	JSON(w, status, errorBody{Error: errs.Message(err), Code: kind.String(), Fields: validate.Fields(err)})
}

// Decode reads a JSON body into v, rejecting unknown fields and bodies
// larger than 1 MiB.
func Decode(w http.ResponseWriter, r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var tooBig *http.MaxBytesError
		switch {
		case errors.As(err, &tooBig):
			return errs.Invalid("httpx.Decode", "request body larger than %d bytes", tooBig.Limit)
		case errors.Is(err, io.EOF):
			return errs.Invalid("httpx.Decode", "request body is empty")
		}
		return errs.Invalid("httpx.Decode", "malformed JSON: %v", err)
	}
	if dec.More() {
		return errs.Invalid("httpx.Decode", "request body must hold a single JSON value")
	}
	return nil
}

// QueryInt reads an integer query parameter within [0, max].
func QueryInt(r *http.Request, name string, def, max int) (int, error) {
	s := r.URL.Query().Get(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, errs.Invalid("httpx.QueryInt", "query parameter %s must be a non-negative integer", name)
	}
	if n > max {
		n = max
	}
	return n, nil
}

// Page reads the limit and offset query parameters.
func Page(r *http.Request) (limit, offset int, err error) {
	if limit, err = QueryInt(r, "limit", 20, 100); err != nil {
		return 0, 0, err
	}
	if offset, err = QueryInt(r, "offset", 0, 1<<20); err != nil {
		return 0, 0, err
	}
	return limit, offset, nil
}

// Chain applies middleware, the first one outermost.
func Chain(h http.Handler, mws ...Middleware) http.Handler {
	for i := len(mws) - 1; i >= 0; i-- {
		h = mws[i](h)
	}
	return h
}

// Recover turns panics into 500s.
func Recover(logger *log.Logger) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			defer func() {
				if p := recover(); p != nil {
					Error(w, r, logger, fmt.Errorf("panic: %v", p))
				}
			}()
			next.ServeHTTP(w, r)
		})
	}
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

// RequestLog logs one line per request.
func RequestLog(logger *log.Logger) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
			next.ServeHTTP(rec, r)
			logger.Info("request",
				log.F("method", r.Method),
				log.F("path", r.URL.Path),
				log.F("status", rec.status),
				log.F("duration", time.Since(start)))
		})
	}
}

// RequireAPIKey protects admin endpoints with a static key.
func RequireAPIKey(logger *log.Logger, key string) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			got := r.Header.Get("X-Api-Key")
			if key == "" || subtle.ConstantTimeCompare([]byte(got), []byte(key)) != 1 {
				Error(w, r, logger, errs.Unauthorized("httpx.RequireAPIKey", "missing or wrong API key"))
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}
