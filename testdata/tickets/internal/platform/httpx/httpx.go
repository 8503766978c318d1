// Package httpx has the HTTP plumbing shared by all handlers: JSON
// encoding, error rendering, middleware and a tiny route registrar.
package httpx

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"gatehouse.events/platform/internal/platform/errs"
	"gatehouse.events/platform/internal/platform/ids"
	"gatehouse.events/platform/internal/platform/logging"
)

// Registrar is implemented by every context's HTTP adapter.
type Registrar interface {
	Register(mux *http.ServeMux)
}

// JSON writes v with the given status.
func JSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// Error renders err as a JSON problem document.
func Error(w http.ResponseWriter, r *http.Request, err error) {
	status := errs.HTTPStatus(err)
	msg := err.Error()
	if status == http.StatusInternalServerError {
		logging.From(r.Context()).Error("request failed", "err", err, "path", r.URL.Path)
		msg = "internal error"
	}
	JSON(w, status, map[string]any{"error": msg, "status": status})
}

// Decode reads a JSON body into v, rejecting unknown fields.
func Decode(r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return errs.Invalid("decode", err.Error())
	}
	return nil
}

// QueryInt reads an integer query parameter with a default.
func QueryInt(r *http.Request, name string, def int) int {
	v, err := strconv.Atoi(r.URL.Query().Get(name))
	if err != nil {
		return def
	}
	return v
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

// Middleware adds a request id, a request-scoped logger and access logs.
func Middleware(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		reqID := r.Header.Get("X-Request-Id")
		if reqID == "" {
			reqID = ids.New("req")
		}
		l := log.With("request_id", reqID)
		ctx := logging.WithLogger(r.Context(), l)
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		start := time.Now()
		w.Header().Set("X-Request-Id", reqID)
		defer func() {
			if p := recover(); p != nil {
				l.Error("panic", "panic", p)
				JSON(rec, http.StatusInternalServerError, map[string]string{"error": "internal error"})
			}
			l.Info("http", "method", r.Method, "path", r.URL.Path, "status", rec.status, "dur_ms", time.Since(start).Milliseconds())
		}()
		next.ServeHTTP(rec, r.WithContext(ctx))
	})
}

// Mount registers every registrar on a fresh mux.
func Mount(regs ...Registrar) *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		JSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	for _, r := range regs {
		r.Register(mux)
	}
	return mux
}
