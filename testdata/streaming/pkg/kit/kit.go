// Package kit is a trimmed-down, dependency-free take on go-kit's endpoint and
// http transport packages. We vendored the ideas in 2021 when we dropped the
// upstream dependency.
package kit

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"time"

	"github.com/flickstream/api/pkg/errs"
	"github.com/flickstream/api/pkg/httpx"
)

// Endpoint is the fundamental building block of servers and clients.
type Endpoint func(ctx context.Context, request any) (response any, err error)

// Middleware decorates an endpoint.
type Middleware func(Endpoint) Endpoint

// Chain composes middlewares, outermost first.
func Chain(outer Middleware, others ...Middleware) Middleware {
	return func(next Endpoint) Endpoint {
		for i := len(others) - 1; i >= 0; i-- {
			next = others[i](next)
		}
		return outer(next)
	}
}

// Logging logs endpoint latency and errors.
func Logging(l *slog.Logger, name string) Middleware {
	return func(next Endpoint) Endpoint {
		return func(ctx context.Context, req any) (any, error) {
			start := time.Now()
			resp, err := next(ctx, req)
			if err != nil {
				l.Warn("endpoint error", "endpoint", name, "err", err, "took", time.Since(start))
			} else {
				l.Debug("endpoint ok", "endpoint", name, "took", time.Since(start))
			}
			return resp, err
		}
	}
}

// Timeout bounds the endpoint's context.
func Timeout(d time.Duration) Middleware {
	return func(next Endpoint) Endpoint {
		return func(ctx context.Context, req any) (any, error) {
			ctx, cancel := context.WithTimeout(ctx, d)
			defer cancel()
			return next(ctx, req)
		}
	}
}

// DecodeRequestFunc extracts a request object from an HTTP request.
type DecodeRequestFunc func(context.Context, *http.Request) (any, error)

// EncodeResponseFunc writes a response object.
type EncodeResponseFunc func(context.Context, http.ResponseWriter, any) error

// Server wraps an endpoint as an http.Handler.
type Server struct {
	e      Endpoint
	dec    DecodeRequestFunc
	enc    EncodeResponseFunc
	status int
}

// ServerOption configures a Server.
type ServerOption func(*Server)

// WithStatus sets the success status code (default 200).
func WithStatus(code int) ServerOption { return func(s *Server) { s.status = code } }

// NewServer constructs a Server.
func NewServer(e Endpoint, dec DecodeRequestFunc, enc EncodeResponseFunc, opts ...ServerOption) *Server {
	s := &Server{e: e, dec: dec, enc: enc, status: http.StatusOK}
	for _, o := range opts {
		o(s)
	}
	if s.enc == nil {
		s.enc = EncodeJSON(s.status)
	}
	return s
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	req, err := s.dec(ctx, r)
	if err != nil {
		httpx.WriteError(w, err)
		return
	}
	resp, err := s.e(ctx, req)
	if err != nil {
		httpx.WriteError(w, err)
		return
	}
	if err := s.enc(ctx, w, resp); err != nil {
		httpx.WriteError(w, errs.Wrap("kit.Server.encode", err))
	}
}

// EncodeJSON returns an encoder writing JSON with status.
func EncodeJSON(status int) EncodeResponseFunc {
	return func(_ context.Context, w http.ResponseWriter, resp any) error {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(status)
		return json.NewEncoder(w).Encode(resp)
	}
}

// NoBody decodes nothing; used for GETs that only read path values.
func NoBody(_ context.Context, _ *http.Request) (any, error) { return struct{}{}, nil }
