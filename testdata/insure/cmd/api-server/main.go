// Command api-server is the Harbor Mutual core API: agency portal, customer
// portal, call centre and mobile app all talk to it.
package main

import (
	"context"
	"errors"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"harbormutual.com/core/api/agentapi"
	"harbormutual.com/core/api/billingapi"
	"harbormutual.com/core/api/claimsapi"
	"harbormutual.com/core/api/middleware"
	"harbormutual.com/core/api/partyapi"
	"harbormutual.com/core/api/policyapi"
	"harbormutual.com/core/api/quoteapi"
	"harbormutual.com/core/platform/config"
	"harbormutual.com/core/platform/db"
	"harbormutual.com/core/platform/httpx"
	"harbormutual.com/core/platform/log"
)

type registrar interface {
	Register(mux *http.ServeMux)
}

func main() {
	cfg := config.MustLoad()
	log.SetLevel(cfg.LogLevel)
	lg := log.New("api-server")

	pool, err := db.Open(cfg)
	if err != nil {
		lg.Error("database", err)
		os.Exit(1)
	}
	defer pool.Close()

	a := wire(cfg, pool)

	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := pool.PingContext(ctx); err != nil {
			_ = httpx.JSON(w, http.StatusServiceUnavailable, map[string]string{"db": err.Error()})
			return
		}
		_ = httpx.JSON(w, http.StatusOK, map[string]string{"status": "ok", "env": cfg.Env})
	})
	for _, h := range []registrar{
		partyapi.New(a.party, a.policyRepo),
		quoteapi.New(a.quotes, a.engine, a.uw),
		policyapi.New(a.policies, a.endorser, a.canceller),
		billingapi.New(a.billing),
		claimsapi.New(a.intake, a.claims),
		agentapi.New(a.agents, a.commission),
	} {
		h.Register(mux)
	}

	handler := middleware.Chain(mux,
		middleware.Recover,
		middleware.Logging,
		middleware.APIKeyAuth(cfg.APIKeys, a.agents.IDForCode),
	)
	srv := &http.Server{
		Addr:              cfg.HTTPAddr,
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		WriteTimeout:      60 * time.Second,
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		lg.Info("listening", "addr", cfg.HTTPAddr)
		if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
			lg.Error("server", err)
			stop()
		}
	}()
	<-ctx.Done()
	lg.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	_ = srv.Shutdown(shutdownCtx)
	a.bus.Drain()
}
