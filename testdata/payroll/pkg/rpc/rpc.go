// Package rpc is Ledgerly's small JSON-over-HTTP RPC layer. Generated
// *pb packages register handlers on a Server and call through a ClientConn,
// which today is always in-process (LocalConn).
package rpc

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/ledgerly/people/pkg/auth"
	"github.com/ledgerly/people/pkg/errs"
	"github.com/ledgerly/people/pkg/log"
)

// Decoder decodes the request body into v.
type Decoder func(v any) error

// MethodHandler handles one RPC method.
type MethodHandler func(ctx context.Context, dec Decoder) (any, error)

// Interceptor wraps every call on a Server.
type Interceptor func(ctx context.Context, method string, next func(context.Context) (any, error)) (any, error)

// Server holds registered RPC methods.
type Server struct {
	mu           sync.RWMutex
	methods      map[string]MethodHandler
	interceptors []Interceptor
}

// NewServer builds a Server.
func NewServer(interceptors ...Interceptor) *Server {
	return &Server{methods: map[string]MethodHandler{}, interceptors: interceptors}
}

// Register adds a method such as "/people.v1.PeopleService/GetEmployee".
func (s *Server) Register(method string, h MethodHandler) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, dup := s.methods[method]; dup {
		panic("rpc: duplicate method " + method)
	}
	s.methods[method] = h
}

// Methods lists registered method names.
func (s *Server) Methods() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]string, 0, len(s.methods))
	for m := range s.methods {
		out = append(out, m)
	}
	return out
}

func (s *Server) call(ctx context.Context, method string, dec Decoder) (any, error) {
	s.mu.RLock()
	h, ok := s.methods[method]
	s.mu.RUnlock()
	if !ok {
		return nil, errs.E(errs.NotFound, "unknown method %s", method)
	}
	next := func(ctx context.Context) (any, error) { return h(ctx, dec) }
	for i := len(s.interceptors) - 1; i >= 0; i-- {
		ic, inner := s.interceptors[i], next
		next = func(ctx context.Context) (any, error) { return ic(ctx, method, inner) }
	}
	return next(ctx)
}

// ServeHTTP serves POST /rpc/<package.Service>/<Method>.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	method := "/" + strings.TrimPrefix(r.URL.Path, "/rpc/")
	body, err := io.ReadAll(io.LimitReader(r.Body, 8<<20))
	if err != nil {
		writeErr(w, errs.Wrap(err, errs.InvalidArgument, "read body"))
		return
	}
	resp, err := s.call(r.Context(), method, func(v any) error {
		if len(body) == 0 {
			return nil
		}
		return json.Unmarshal(body, v)
	})
	if err != nil {
		writeErr(w, err)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(resp)
}

func writeErr(w http.ResponseWriter, err error) {
	code := errs.CodeOf(err)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(errs.HTTPStatus(code))
	_ = json.NewEncoder(w).Encode(map[string]string{"code": string(code), "message": err.Error()})
}

// ClientConn is what generated clients call through.
type ClientConn interface {
	Invoke(ctx context.Context, method string, in, out any) error
}

// LocalConn dispatches calls to a Server in the same process, round-tripping
// through JSON so that services cannot share memory by accident.
type LocalConn struct{ srv *Server }

// NewLocalConn builds an in-process connection.
func NewLocalConn(s *Server) *LocalConn { return &LocalConn{srv: s} }

// Invoke implements ClientConn.
func (c *LocalConn) Invoke(ctx context.Context, method string, in, out any) error {
	raw, err := json.Marshal(in)
	if err != nil {
		return errs.Wrap(err, errs.Internal, "marshal request")
	}
	resp, err := c.srv.call(ctx, method, func(v any) error { return json.Unmarshal(raw, v) })
	if err != nil {
		return err
	}
	b, err := json.Marshal(resp)
	if err != nil {
		return errs.Wrap(err, errs.Internal, "marshal response")
	}
	return json.Unmarshal(b, out)
}

// Logging logs every call with its latency.
func Logging() Interceptor {
	return func(ctx context.Context, method string, next func(context.Context) (any, error)) (any, error) {
		start := time.Now()
		resp, err := next(ctx)
		if err != nil {
			log.Warn(ctx, "rpc failed", "method", method, "code", errs.CodeOf(err), "dur", time.Since(start))
		} else {
			log.Info(ctx, "rpc", "method", method, "dur", time.Since(start))
		}
		return resp, err
	}
}

// RequireTenant rejects calls without a tenant in the context.
func RequireTenant() Interceptor {
	return func(ctx context.Context, method string, next func(context.Context) (any, error)) (any, error) {
		if _, err := auth.TenantID(ctx); err != nil {
			return nil, err
		}
		return next(ctx)
	}
}

// Recover converts panics into Internal errors.
func Recover() Interceptor {
	return func(ctx context.Context, method string, next func(context.Context) (any, error)) (resp any, err error) {
		defer func() {
			if p := recover(); p != nil {
				err = errs.E(errs.Internal, "panic in %s: %v", method, p)
			}
		}()
		return next(ctx)
	}
}

// Method formats a fully qualified method name.
func Method(service, name string) string { return fmt.Sprintf("/%s/%s", service, name) }

// Handle registers a typed handler; generated Register*Server functions use it.
func Handle[Req, Resp any](s *Server, method string, fn func(context.Context, *Req) (*Resp, error)) {
	s.Register(method, func(ctx context.Context, dec Decoder) (any, error) {
		in := new(Req)
		if err := dec(in); err != nil {
			return nil, errs.Wrap(err, errs.InvalidArgument, "decode request")
		}
		return fn(ctx, in)
	})
}

// Call invokes method on cc and decodes a new Resp; generated clients use it.
func Call[Resp any](ctx context.Context, cc ClientConn, method string, in any) (*Resp, error) {
	out := new(Resp)
	if err := cc.Invoke(ctx, method, in, out); err != nil {
		return nil, err
	}
	return out, nil
}
