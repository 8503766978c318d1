// Command api serves the borrower app, agent console and ops endpoints.
package main

import (
	"context"
	"errors"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"lendwise.io/platform/collections"
	collectionshttp "lendwise.io/platform/collections/handlers"
	collectionsstore "lendwise.io/platform/collections/store"
	"lendwise.io/platform/funding"
	fundingstore "lendwise.io/platform/funding/store"
	"lendwise.io/platform/internal/applications"
	applicationsapi "lendwise.io/platform/internal/applications/api"
	applicationsstore "lendwise.io/platform/internal/applications/store"
	"lendwise.io/platform/internal/borrowers"
	borrowersapi "lendwise.io/platform/internal/borrowers/api"
	"lendwise.io/platform/internal/borrowers/kyc"
	borrowersstore "lendwise.io/platform/internal/borrowers/store"
	"lendwise.io/platform/internal/bureau"
	"lendwise.io/platform/internal/bureau/experian"
	bureaustore "lendwise.io/platform/internal/bureau/store"
	"lendwise.io/platform/internal/origination"
	originationapi "lendwise.io/platform/internal/origination/api"
	"lendwise.io/platform/internal/origination/documents"
	originationstore "lendwise.io/platform/internal/origination/store"
	"lendwise.io/platform/internal/platform/auth"
	"lendwise.io/platform/internal/platform/config"
	"lendwise.io/platform/internal/platform/db"
	"lendwise.io/platform/internal/platform/events"
	"lendwise.io/platform/internal/platform/httpx"
	"lendwise.io/platform/internal/platform/logging"
	"lendwise.io/platform/internal/platform/money"
	"lendwise.io/platform/internal/servicing"
	servicingapi "lendwise.io/platform/internal/servicing/api"
	"lendwise.io/platform/internal/servicing/payments"
	"lendwise.io/platform/internal/servicing/payoff"
	servicingstore "lendwise.io/platform/internal/servicing/store"
	"lendwise.io/platform/internal/underwriting"
	underwritingstore "lendwise.io/platform/internal/underwriting/store"
	"lendwise.io/platform/ledger"
	ledgerstore "lendwise.io/platform/ledger/store"
	"lendwise.io/platform/notifications"
	notificationsstore "lendwise.io/platform/notifications/store"
)

func main() {
	cfg, err := config.Load()
	if err != nil {
		panic(err)
	}
	log := logging.New(cfg.Env)
	database, err := db.Open(cfg.DatabaseDriver, cfg.DatabaseURL)
	if err != nil {
		log.Error("db", "err", err)
		os.Exit(1)
	}
	defer database.Close()
	bus := events.NewBus(database, log)

	ledgerSvc := ledger.NewService(ledgerstore.New(database))

	borrowerStore := borrowersstore.New(database)
	borrowerSvc := borrowers.NewService(borrowerStore, kyc.NewChecker(cfg.KYCURL, cfg.KYCKey, database), bus, cfg.ServicedStates)

	bureauStore := bureaustore.New(database)
	bureauSvc := bureau.NewService(experian.New(cfg.ExperianURL, cfg.ExperianKey), bureauStore)
	engine := underwriting.NewEngine(bureauSvc, bureauStore, underwritingstore.New(database))
	appSvc := applications.NewService(applicationsstore.New(database), borrowerSvc, engine, bus)

	svcStore := servicingstore.New(database)
	loanSvc := servicing.NewService(svcStore, ledgerSvc, bus, money.Cents(cfg.LateFeeCents), cfg.GracePeriodDays)
	paymentSvc := payments.NewService(svcStore, bus, money.Cents(cfg.NSFFeeCents))
	payoffSvc := payoff.NewService(svcStore, ledgerSvc, bus)

	fundingSvc := funding.NewService(fundingstore.New(database), funding.NewACHClient(cfg.ACHURL, cfg.ACHOriginID),
		borrowerSvc, ledgerSvc, bus, cfg.ACHOriginID)
	docs := &documents.Generator{LateFee: money.Cents(cfg.LateFeeCents), GraceDays: cfg.GracePeriodDays}
	origSvc := origination.NewService(originationstore.New(database), appSvc, borrowerSvc, bureauSvc, loanSvc, fundingSvc, docs, bus)

	notifySvc := notifications.NewService(notificationsstore.New(database),
		notifications.NewHTTPSender(cfg.EmailURL), notifications.NewHTTPSender(cfg.SMSURL), log)
	notifySvc.Subscribe(bus)
	collectionsSvc := collections.NewService(collectionsstore.New(database), notifySvc)
	collectionsSvc.Subscribe(bus)

	mux := http.NewServeMux()
	borrowersapi.New(borrowerSvc).Routes(mux)
	applicationsapi.New(appSvc, engine, borrowerStore).Routes(mux)
	originationapi.New(origSvc).Routes(mux)
	servicingapi.New(loanSvc, paymentSvc, payoffSvc).Routes(mux)
	collectionshttp.Register(mux, collectionsSvc)

	root := http.NewServeMux()
	root.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		if err := database.PingContext(r.Context()); err != nil {
			httpx.JSON(w, http.StatusServiceUnavailable, map[string]string{"status": "db down"})
			return
		}
		httpx.JSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	root.Handle("/", auth.Middleware(cfg.AuthSecret)(mux))

	srv := &http.Server{
		Addr:              cfg.HTTPAddr,
		Handler:           httpx.Chain(root, httpx.RequestLog(log), httpx.Recover),
		ReadHeaderTimeout: 10 * time.Second,
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		log.Info("api listening", "addr", cfg.HTTPAddr)
		if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("serve", "err", err)
			stop()
		}
	}()
	<-ctx.Done()
	shutdown, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	_ = srv.Shutdown(shutdown)
}
