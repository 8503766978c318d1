// Package httpx has the JSON/error/middleware helpers every handler uses.
package httpx

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/staybright/platform/internal/pkg/errs"
	"github.com/staybright/platform/internal/pkg/ids"
	"github.com/staybright/platform/internal/pkg/log"
)

const maxBody = 1 << 20

// JSON writes v as a JSON response.
func JSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	if v != nil {
		_ = json.NewEncoder(w).Encode(v)
	}
}

type errorBody struct {
	Error     string `json:"error"`
	Code      string `json:"code"`
	RequestID string `json:"request_id,omitempty"`
}

// Error maps err to a status code and writes it.
func Error(w http.ResponseWriter, r *http.Request, err error) {
	kind := errs.KindOf(err)
	status := StatusFor(kind)
	if status >= 500 {
		log.FromContext(r.Context(), log.Nop()).Error("request failed", "err", err, "path", r.URL.Path)
	}
	JSON(w, status, errorBody{Error: errs.Message(err), Code: kind.String(), RequestID: RequestID(r)})
}

// StatusFor maps an error kind to an HTTP status.
func StatusFor(k errs.Kind) int {
	switch k {
	case errs.NotFound:
		return http.StatusNotFound
	case errs.Invalid:
		return http.StatusBadRequest
	case errs.Conflict:
		return http.StatusConflict
	case errs.Unauthorized:
		return http.StatusUnauthorized
	case errs.Forbidden:
		return http.StatusForbidden
	case errs.Unavailable:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// Decode reads a JSON body into v.
func Decode(r *http.Request, v any) error {
	dec := json.NewDecoder(io.LimitReader(r.Body, maxBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		if errors.Is(err, io.EOF) {
			return errs.E(errs.Invalid, "httpx.Decode", "request body is empty")
		}
		return errs.Wrapf(errs.Invalid, err, "httpx.Decode", "malformed JSON body")
	}
	return nil
}

// PathInt64 parses a numeric path value.
func PathInt64(r *http.Request, name string) (int64, error) {
	v, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || v <= 0 {
		return 0, errs.E(errs.Invalid, "httpx.PathInt64", "invalid "+name)
	}
	return v, nil
}

// QueryInt parses an integer query parameter with a default.
func QueryInt(r *http.Request, name string, def int) int {
	v, err := strconv.Atoi(r.URL.Query().Get(name))
	if err != nil {
		return def
	}
	return v
}

// Page is a limit/offset pair parsed from the query string.
type Page struct {
	Limit  int
	Offset int
}

// PageFrom parses ?limit=&offset= with sane bounds.
func PageFrom(r *http.Request) Page {
	p := Page{Limit: QueryInt(r, "limit", 50), Offset: QueryInt(r, "offset", 0)}
	if p.Limit <= 0 || p.Limit > 200 {
		p.Limit = 50
	}
	if p.Offset < 0 {
		p.Offset = 0
	}
	return p
}

type ridKey struct{}

// RequestID returns the request id set by the middleware.
func RequestID(r *http.Request) string {
	if v, ok := r.Context().Value(ridKey{}).(string); ok {
		return v
	}
	return ""
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (s *statusWriter) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

// Middleware wraps a handler with request ids, access logs and panic recovery.
func Middleware(logger *log.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rid := r.Header.Get("X-Request-ID")
		if rid == "" {
			rid = ids.New("req")
		}
		reqLog := logger.With("request_id", rid)
		ctx := log.IntoContext(r.Context(), reqLog)
		ctx = contextWithRID(ctx, rid)
		r = r.WithContext(ctx)
		w.Header().Set("X-Request-ID", rid)
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		start := time.Now()
		defer func() {
			if p := recover(); p != nil {
				reqLog.Error("panic", "panic", p)
				JSON(sw, http.StatusInternalServerError, errorBody{Error: "internal error", Code: "internal", RequestID: rid})
			}
			reqLog.Info("http", "method", r.Method, "path", r.URL.Path, "status", sw.status, "dur", time.Since(start))
		}()
		next.ServeHTTP(sw, r)
	})
}
