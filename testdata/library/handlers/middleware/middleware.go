// Package middleware holds HTTP middleware used by the API server.
package middleware

import (
	"crypto/subtle"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"citylib.org/ils/apperr"
	"citylib.org/ils/httputil"
	"citylib.org/ils/internal/platform/ids"
	"citylib.org/ils/logging"
)

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

// Logging attaches a request-scoped logger and logs each request.
func Logging(base *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			rid := r.Header.Get("X-Request-Id")
			if rid == "" {
				rid = ids.RequestID()
			}
			l := base.With("request_id", rid)
			rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
			start := time.Now()
			w.Header().Set("X-Request-Id", rid)
			next.ServeHTTP(rec, r.WithContext(logging.WithLogger(r.Context(), l)))
			l.Info("http", "method", r.Method, "path", r.URL.Path, "status", rec.status, "took", time.Since(start))
		})
	}
}

func Recover(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				logging.From(r.Context()).Error("panic", "value", p)
				httputil.WriteError(w, r, apperr.Internal("panic", nil))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// StaffAuth requires the shared staff token on every non-public path.
// Public reads (OPAC search, event listings) are passed through, as are
// paths that authenticate themselves (kiosks).
func StaffAuth(token string, public []string, selfAuth ...string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			for _, p := range selfAuth {
				if r.URL.Path == p {
					next.ServeHTTP(w, r)
					return
				}
			}
			if r.Method == http.MethodGet {
				for _, p := range public {
					if strings.HasPrefix(r.URL.Path, p) {
						next.ServeHTTP(w, r)
						return
					}
				}
			}
			got := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
			if token == "" || subtle.ConstantTimeCompare([]byte(got), []byte(token)) != 1 {
				httputil.WriteError(w, r, apperr.Forbidden("staff token required"))
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

func Chain(h http.Handler, mws ...func(http.Handler) http.Handler) http.Handler {
	for i := len(mws) - 1; i >= 0; i-- {
		h = mws[i](h)
	}
	return h
}
