// Package httpx contains HTTP helpers: JSON encoding, error responses and the
// common middleware chain used by every API module.
package httpx

import (
	"encoding/json"
	"net/http"
	"runtime/debug"
	"time"

	"quill.dev/academy/pkg/platform/errs"
	"quill.dev/academy/pkg/platform/ids"
	"quill.dev/academy/pkg/platform/log"
)

// Module is implemented by every API package so cmd/api can mount it.
type Module interface {
	Routes(mux *http.ServeMux)
}

// JSON writes v as JSON with the given status.
func JSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	if v != nil {
		_ = json.NewEncoder(w).Encode(v)
	}
}

type errorBody struct {
	Error string `json:"error"`
	Code  string `json:"code"`
}

// Error writes err as a JSON error body, hiding internal details.
func Error(w http.ResponseWriter, r *http.Request, err error) {
	status := errs.HTTPStatus(err)
	msg := err.Error()
	if status >= 500 {
		log.From(r.Context()).Error("request failed", "err", err, "path", r.URL.Path)
		msg = "internal error"
	}
	JSON(w, status, errorBody{Error: msg, Code: errs.KindOf(err).String()})
}

// Decode reads a JSON body into v, limiting its size.
func Decode(r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return errs.Wrap(errs.Invalid, "decode body", err)
	}
	return nil
}

// HandlerFunc is an http handler that returns an error.
type HandlerFunc func(w http.ResponseWriter, r *http.Request) error

// H adapts a HandlerFunc to http.HandlerFunc.
func H(fn HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := fn(w, r); err != nil {
			Error(w, r, err)
		}
	}
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (s *statusWriter) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

// Middleware wraps a handler.
type Middleware func(http.Handler) http.Handler

// Chain applies middleware in order (first is outermost).
func Chain(h http.Handler, mws ...Middleware) http.Handler {
	for i := len(mws) - 1; i >= 0; i-- {
		h = mws[i](h)
	}
	return h
}

// RequestLogger attaches a request id and logs each request.
func RequestLogger(base *log.Logger) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			rid := r.Header.Get("X-Request-ID")
			if rid == "" {
				rid = ids.New("req")
			}
			l := base.With("request_id", rid)
			sw := &statusWriter{ResponseWriter: w, status: 200}
			start := time.Now()
			w.Header().Set("X-Request-ID", rid)
			next.ServeHTTP(sw, r.WithContext(log.WithContext(r.Context(), l)))
			l.Info("http", "method", r.Method, "path", r.URL.Path, "status", sw.status, "dur_ms", time.Since(start).Milliseconds())
		})
	}
}

// Recover turns panics into 500s.
func Recover() Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			defer func() {
				if p := recover(); p != nil {
					log.From(r.Context()).Error("panic", "panic", p, "stack", string(debug.Stack()))
					JSON(w, http.StatusInternalServerError, errorBody{Error: "internal error", Code: "internal"})
				}
			}()
			next.ServeHTTP(w, r)
		})
	}
}
