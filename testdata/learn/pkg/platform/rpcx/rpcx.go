// Package rpcx is our small internal RPC layer: JSON over HTTP POST to
// /rpc/<Service>.<Method>. It predates the gRPC migration that never happened.
package rpcx

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync"

	"quill.dev/academy/pkg/platform/errs"
)

// Handler handles one RPC method.
type Handler func(ctx context.Context, req json.RawMessage) (any, error)

// Server dispatches RPCs by method name.
type Server struct {
	mu      sync.RWMutex
	methods map[string]Handler
}

// NewServer returns an empty server.
func NewServer() *Server { return &Server{methods: map[string]Handler{}} }

// Register adds a method, e.g. "Billing.CheckEntitlement".
func (s *Server) Register(name string, h Handler) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, dup := s.methods[name]; dup {
		panic("rpcx: duplicate method " + name)
	}
	s.methods[name] = h
}

// Methods lists registered method names.
func (s *Server) Methods() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]string, 0, len(s.methods))
	for k := range s.methods {
		out = append(out, k)
	}
	return out
}

type envelope struct {
	Result any    `json:"result,omitempty"`
	Error  string `json:"error,omitempty"`
	Kind   string `json:"kind,omitempty"`
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.WriteHeader(http.StatusMethodNotAllowed)
		return
	}
	name := strings.TrimPrefix(r.URL.Path, "/rpc/")
	s.mu.RLock()
	h, ok := s.methods[name]
	s.mu.RUnlock()
	if !ok {
		w.WriteHeader(http.StatusNotFound)
		return
	}
	var raw json.RawMessage
	if err := json.NewDecoder(r.Body).Decode(&raw); err != nil {
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	res, err := h(r.Context(), raw)
	w.Header().Set("Content-Type", "application/json")
	if err != nil {
		w.WriteHeader(errs.HTTPStatus(err))
		_ = json.NewEncoder(w).Encode(envelope{Error: err.Error(), Kind: errs.KindOf(err).String()})
		return
	}
	_ = json.NewEncoder(w).Encode(envelope{Result: res})
}
