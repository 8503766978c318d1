// Package httpapi assembles the public REST API from the per-area route
// packages and applies the common middleware stack.
package httpapi

import (
	"log/slog"
	"net/http"
	"time"

	"pipelinelabs.io/crm/internal/platform/config"
	"pipelinelabs.io/crm/internal/platform/httpx"
	"pipelinelabs.io/crm/internal/platform/tenancy"
)

// Version is set at build time with -ldflags.
var Version = "dev"

// New returns the API handler.
func New(cfg config.Config, log *slog.Logger, auth tenancy.Authenticator, areas ...httpx.Routes) http.Handler {
	rt := httpx.NewRouter(auth)
	rt.Public("GET /healthz", func(w http.ResponseWriter, r *http.Request) error {
		return httpx.OK(w, map[string]string{"status": "ok"})
	})
	rt.Public("GET /version", func(w http.ResponseWriter, r *http.Request) error {
		return httpx.OK(w, map[string]string{"version": Version, "env": cfg.Env})
	})
	rt.Mount(areas...)
	return httpx.Chain(rt, httpx.RequestID(log), httpx.Recover(), httpx.AccessLog())
}

// Server wraps http.Server with our timeouts.
func Server(addr string, h http.Handler) *http.Server {
	return &http.Server{Addr: addr, Handler: h, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: 60 * time.Second, IdleTimeout: 120 * time.Second}
}
