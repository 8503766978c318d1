// Command api is the public and admin HTTP API.
package main

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/flickstream/api/legacy/catalogsearch"
	"github.com/flickstream/api/legacy/giftcards"
	"github.com/flickstream/api/legacy/pin"
	"github.com/flickstream/api/pkg/config"
	"github.com/flickstream/api/pkg/dbx"
	"github.com/flickstream/api/pkg/events"
	"github.com/flickstream/api/pkg/httpx"
	"github.com/flickstream/api/pkg/logging"

	adssvc "github.com/flickstream/api/services/ads/service"
	adsstore "github.com/flickstream/api/services/ads/store"
	adstransport "github.com/flickstream/api/services/ads/transport"
	billingendpoint "github.com/flickstream/api/services/billing/endpoint"
	"github.com/flickstream/api/services/billing/gateway"
	billingsvc "github.com/flickstream/api/services/billing/service"
	billingstore "github.com/flickstream/api/services/billing/store"
	billingtransport "github.com/flickstream/api/services/billing/transport"
	catalogendpoint "github.com/flickstream/api/services/catalog/endpoint"
	"github.com/flickstream/api/services/catalog/ingest"
	catalogsvc "github.com/flickstream/api/services/catalog/service"
	catalogstore "github.com/flickstream/api/services/catalog/store"
	catalogtransport "github.com/flickstream/api/services/catalog/transport"
	encodingendpoint "github.com/flickstream/api/services/encoding/endpoint"
	encodingsvc "github.com/flickstream/api/services/encoding/service"
	encodingstore "github.com/flickstream/api/services/encoding/store"
	encodingtransport "github.com/flickstream/api/services/encoding/transport"
	historysvc "github.com/flickstream/api/services/history/service"
	historystore "github.com/flickstream/api/services/history/store"
	"github.com/flickstream/api/services/playback/drm"
	playbackendpoint "github.com/flickstream/api/services/playback/endpoint"
	playbacksvc "github.com/flickstream/api/services/playback/service"
	playbackstore "github.com/flickstream/api/services/playback/store"
	playbacktransport "github.com/flickstream/api/services/playback/transport"
	profilesendpoint "github.com/flickstream/api/services/profiles/endpoint"
	profilessvc "github.com/flickstream/api/services/profiles/service"
	profilesstore "github.com/flickstream/api/services/profiles/store"
	profilestransport "github.com/flickstream/api/services/profiles/transport"
	recsendpoint "github.com/flickstream/api/services/recommendations/endpoint"
	recssvc "github.com/flickstream/api/services/recommendations/service"
	recsstore "github.com/flickstream/api/services/recommendations/store"
	recstransport "github.com/flickstream/api/services/recommendations/transport"
	rightssvc "github.com/flickstream/api/services/rights/service"
	rightsstore "github.com/flickstream/api/services/rights/store"
)

func main() {
	cfg, err := config.Load()
	if err != nil {
		slog.Error("config", "err", err)
		os.Exit(1)
	}
	log := logging.New(cfg.LogLevel)
	db, err := dbx.Open(cfg.DatabaseDriver, cfg.DatabaseURL)
	if err != nil {
		log.Error("database", "err", err)
		os.Exit(1)
	}
	defer db.Close()
	bus := events.NewBus(logging.Component(log, "events"), db.DB)

	// legacy packages use package-level handles
	catalogsearch.DB, catalogsearch.DefaultTerritory = db.DB, cfg.DefaultTerritory
	giftcards.DB = db.DB
	pin.DB = db.DB

	// stores
	catStore := catalogstore.New(db)
	encStore := encodingstore.New(db)
	rightsStore := rightsstore.New(db)
	profStore := profilesstore.New(db)
	billStore := billingstore.New(db)
	histStore := historystore.New(db)
	pbStore := playbackstore.New(db)
	adStore := adsstore.New(db)
	recStore := recsstore.New(db)

	// services
	catalog := catalogsvc.New(catStore, encStore, bus, logging.Component(log, "catalog"))
	encoding := encodingsvc.New(encStore, logging.Component(log, "encoding"))
	rights := rightssvc.New(rightsStore)
	profiles := profilessvc.New(profStore)
	billing := billingsvc.New(billStore, gateway.New(cfg.PaymentGatewayURL, cfg.PaymentAPIKey), bus, logging.Component(log, "billing"))
	history := historysvc.New(histStore)
	ads := adssvc.New(adStore, profStore, "https://beacon.flickstream.example", logging.Component(log, "ads"))
	recs := recssvc.New(recStore, catalog, history, profiles, cfg.RecommendationTTL, logging.Component(log, "recs"))
	playback := playbacksvc.New(pbStore, playbacksvc.Deps{
		Catalog: catalog, Rights: rights, Profiles: profiles, Encoding: encoding,
		History: history, Ads: ads, Billing: billStore,
	}, drm.NewIssuer(cfg.DRMSigningKey, cfg.DRMLicenseTTL), bus, logging.Component(log, "playback"), cfg.CDNBaseURL, cfg.HeartbeatTimeout)
	ingester := ingest.New(db, catalog, encoding, rights, logging.Component(log, "ingest"))

	// event wiring
	bus.Subscribe(events.WindowExpired, catalogsvc.OnWindowExpired(catalog))
	bus.Subscribe(events.SubscriptionChanged, profilessvc.OnSubscriptionChanged(profiles))

	mux := http.NewServeMux()
	catalogtransport.Register(mux, catalogendpoint.New(catalog, log), rights)
	encodingtransport.Register(mux, encodingendpoint.New(encoding, log))
	profilestransport.Register(mux, profilesendpoint.New(profiles, log))
	billingtransport.Register(mux, billingendpoint.New(billing, log))
	playbacktransport.Register(mux, playbackendpoint.New(playback, log), history)
	recstransport.Register(mux, recsendpoint.New(recs, log))
	adstransport.Register(mux, ads)

	mux.HandleFunc("GET /search", catalogsearch.Handler)
	mux.HandleFunc("POST /pin/set", pin.SetHandler)
	mux.HandleFunc("POST /pin/verify", pin.VerifyHandler)
	mux.HandleFunc("POST /giftcards/redeem", giftcards.RedeemHandler)
	mux.HandleFunc("POST /admin/v1/partners/{id}/feeds", func(w http.ResponseWriter, r *http.Request) {
		rep, err := ingester.Run(r.Context(), r.PathValue("id"), http.MaxBytesReader(w, r.Body, 32<<20))
		if err != nil {
			httpx.WriteJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
			return
		}
		httpx.WriteJSON(w, http.StatusOK, rep)
	})
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), time.Second)
		defer cancel()
		if err := db.PingContext(ctx); err != nil {
			http.Error(w, "db unavailable", http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})

	srv := &http.Server{
		Addr:              cfg.HTTPAddr,
		Handler:           httpx.Chain(mux, httpx.Recover, httpx.RequestLog(log), httpx.Identity(cfg.DefaultTerritory)),
		ReadHeaderTimeout: 5 * time.Second,
		WriteTimeout:      30 * time.Second,
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		log.Info("api listening", "addr", cfg.HTTPAddr, "env", cfg.Env)
		if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("http server", "err", err)
			stop()
		}
	}()
	<-ctx.Done()
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	_ = srv.Shutdown(shutdownCtx)
	log.Info("api stopped")
}
