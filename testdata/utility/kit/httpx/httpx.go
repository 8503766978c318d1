// Package httpx holds the JSON request/response helpers and middleware every
// HTTP-facing package uses.
package httpx

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"gridline.energy/platform/kit/errs"
	"gridline.energy/platform/kit/ids"
	"gridline.energy/platform/kit/logx"
)

// Router is satisfied by *http.ServeMux; packages register routes on it.
type Router interface {
	HandleFunc(pattern string, handler func(http.ResponseWriter, *http.Request))
}

func JSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	if v != nil {
		_ = json.NewEncoder(w).Encode(v)
	}
}

func Error(w http.ResponseWriter, err error) {
	status := http.StatusInternalServerError
	switch errs.KindOf(err) {
	case errs.KindNotFound:
		status = http.StatusNotFound
	case errs.KindInvalid:
		status = http.StatusBadRequest
	case errs.KindConflict:
		status = http.StatusConflict
	case errs.KindForbidden:
		status = http.StatusForbidden
	case errs.KindUnavailable:
		status = http.StatusServiceUnavailable
	}
	msg := err.Error()
	if status == http.StatusInternalServerError {
		msg = "internal error"
	}
	JSON(w, status, map[string]string{"error": msg, "kind": errs.KindOf(err).String()})
}

func Decode(r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var syn *json.SyntaxError
		if errors.As(err, &syn) {
			return errs.Invalid("decode", "malformed JSON at offset %d", syn.Offset)
		}
		return errs.Invalid("decode", "%v", err)
	}
	return nil
}

// Handle adapts fn to a handler: a nil value answers 204, an error is
// mapped by Error, anything else is written as JSON with status.
func Handle(status int, fn func(r *http.Request) (any, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		v, err := fn(r)
		switch {
		case err != nil:
			Error(w, err)
		case v == nil:
			w.WriteHeader(http.StatusNoContent)
		default:
			JSON(w, status, v)
		}
	}
}

// Date parses a YYYY-MM-DD request field; empty gives the zero time.
func Date(field, v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse("2006-01-02", v)
	if err != nil {
		return t, errs.Invalid("request", "%s must be YYYY-MM-DD", field)
	}
	return t, nil
}

func QueryInt(r *http.Request, name string, def int) int {
	if v := r.URL.Query().Get(name); v != "" {
		if n, err := strconv.Atoi(v); err == nil && n >= 0 {
			return n
		}
	}
	return def
}

// Chain wraps h with the standard middleware stack.
func Chain(h http.Handler, log *slog.Logger, apiKeys []string) http.Handler {
	return requestID(recoverer(logging(auth(h, apiKeys), log), log))
}

func requestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rid := r.Header.Get("X-Request-ID")
		if rid == "" {
			rid = ids.New("req")
		}
		w.Header().Set("X-Request-ID", rid)
		next.ServeHTTP(w, r.WithContext(logx.With(r.Context(), "request_id", rid)))
	})
}

func recoverer(next http.Handler, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				logx.From(r.Context(), log).Error("panic", "value", fmt.Sprint(v), "path", r.URL.Path)
				Error(w, fmt.Errorf("panic"))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (s *statusWriter) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

func logging(next http.Handler, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: 200}
		next.ServeHTTP(sw, r)
		logx.From(r.Context(), log).Info("http", "method", r.Method, "path", r.URL.Path,
			"status", sw.status, "ms", time.Since(start).Milliseconds())
	})
}

func auth(next http.Handler, keys []string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/healthz" || len(keys) == 0 {
			next.ServeHTTP(w, r)
			return
		}
		got := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		for _, k := range keys {
			if subtle.ConstantTimeCompare([]byte(got), []byte(k)) == 1 {
				next.ServeHTTP(w, r)
				return
			}
		}
		JSON(w, http.StatusUnauthorized, map[string]string{"error": "unauthorised"})
	})
}
