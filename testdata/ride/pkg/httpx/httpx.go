// Package httpx contains JSON request/response helpers and common middleware.
package httpx

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/zipcab/backend/pkg/errs"
	"github.com/zipcab/backend/pkg/log"
)

const maxBody = 1 << 20

// Router is the subset of *http.ServeMux handlers register against.
type Router interface {
	Handle(pattern string, h http.Handler)
	HandleFunc(pattern string, h func(http.ResponseWriter, *http.Request))
}

// JSON writes v with the given status.
func JSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	if v != nil {
		_ = json.NewEncoder(w).Encode(v)
	}
}

// Error writes err as a JSON problem response.
func Error(w http.ResponseWriter, r *http.Request, err error) {
	status := errs.HTTPStatus(err)
	if status >= 500 {
		log.From(r.Context()).Error("request failed", "path", r.URL.Path, "err", err)
	}
	JSON(w, status, map[string]string{"error": errs.PublicMessage(err)})
}

// Decode reads a JSON body into v, rejecting unknown fields.
func Decode(r *http.Request, v any) error {
	dec := json.NewDecoder(io.LimitReader(r.Body, maxBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		if errors.Is(err, io.EOF) {
			return errs.Invalid("decode", "empty body")
		}
		return errs.Invalid("decode", "malformed JSON: "+err.Error())
	}
	return nil
}

// QueryInt parses an integer query parameter with a default.
func QueryInt(r *http.Request, key string, def int) int {
	if v := r.URL.Query().Get(key); v != "" {
		if n, err := strconv.Atoi(v); err == nil {
			return n
		}
	}
	return def
}

// PathInt64 parses a path wildcard as int64.
func PathInt64(r *http.Request, name string) (int64, error) {
	n, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil {
		return 0, errs.Invalid("path", "invalid "+name)
	}
	return n, nil
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (s *statusWriter) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

// Unwrap lets http.ResponseController reach the underlying writer (hijack for websockets).
func (s *statusWriter) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// Logging assigns a request id and logs each request.
func Logging(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-ID")
		if id == "" {
			var b [8]byte
			_, _ = rand.Read(b[:])
			id = hex.EncodeToString(b[:])
		}
		l := log.With("req_id", id)
		ctx := log.Into(r.Context(), l)
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		start := time.Now()
		w.Header().Set("X-Request-ID", id)
		next.ServeHTTP(sw, r.WithContext(ctx))
		l.Info("http", "method", r.Method, "path", r.URL.Path, "status", sw.status, "dur_ms", time.Since(start).Milliseconds())
	})
}

// Recover turns panics into 500s.
func Recover(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				log.From(r.Context()).Error("panic", "recovered", p)
				JSON(w, http.StatusInternalServerError, map[string]string{"error": "internal error"})
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// Chain applies middleware in order.
func Chain(h http.Handler, mw ...func(http.Handler) http.Handler) http.Handler {
	for i := len(mw) - 1; i >= 0; i-- {
		h = mw[i](h)
	}
	return h
}
