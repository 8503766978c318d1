package web

import (
	"fmt"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/acme/clinic/pkg/idgen"
	"github.com/acme/clinic/pkg/logger"
)

// Middleware decorates a handler.
type Middleware func(http.Handler) http.Handler

// Chain applies mws so that the first one is outermost.
func Chain(h http.Handler, mws ...Middleware) http.Handler {
	for i := len(mws) - 1; i >= 0; i-- {
		h = mws[i](h)
	}
	return h
}

// RequestLogger puts a request-scoped logger on the context and logs
// each request when it finishes.
func RequestLogger(base *logger.Logger) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			id := r.Header.Get("X-Request-ID")
			if id == "" {
				id = idgen.New("req")
			}
			w.Header().Set("X-Request-ID", id)
			l := base.With("request_id", id)
			rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
			start := time.Now()
			next.ServeHTTP(rec, r.WithContext(logger.WithContext(r.Context(), l)))
			l.InfoContext(r.Context(), "http",
				"method", r.Method, "path", r.URL.Path, "status", rec.status,
				"dur_ms", time.Since(start).Milliseconds())
		})
	}
}

// Recover turns panics into 500s.
func Recover() Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			defer func() {
				if p := recover(); p != nil {
					logger.FromContext(r.Context()).ErrorContext(r.Context(), "panic",
						"panic", fmt.Sprint(p), "stack", string(debug.Stack()))
					JSON(w, http.StatusInternalServerError, ErrorBody{Error: "internal error"})
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
