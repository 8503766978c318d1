// Command partner-portal serves the broker portal on its own port and hostname.
package main

import (
	"net/http"
	"os"
	"time"

	"lendwise.io/platform/internal/applications"
	applicationsstore "lendwise.io/platform/internal/applications/store"
	"lendwise.io/platform/internal/borrowers"
	"lendwise.io/platform/internal/borrowers/kyc"
	borrowersstore "lendwise.io/platform/internal/borrowers/store"
	"lendwise.io/platform/internal/bureau"
	"lendwise.io/platform/internal/bureau/experian"
	bureaustore "lendwise.io/platform/internal/bureau/store"
	originationstore "lendwise.io/platform/internal/origination/store"
	"lendwise.io/platform/internal/platform/auth"
	"lendwise.io/platform/internal/platform/config"
	"lendwise.io/platform/internal/platform/db"
	"lendwise.io/platform/internal/platform/events"
	"lendwise.io/platform/internal/platform/httpx"
	"lendwise.io/platform/internal/platform/logging"
	"lendwise.io/platform/internal/underwriting"
	underwritingstore "lendwise.io/platform/internal/underwriting/store"
	"lendwise.io/platform/ledger"
	ledgerstore "lendwise.io/platform/ledger/store"
	"lendwise.io/platform/notifications"
	notificationsstore "lendwise.io/platform/notifications/store"
	"lendwise.io/platform/partners"
	"lendwise.io/platform/partners/commissions"
	"lendwise.io/platform/partners/portal"
	partnersstore "lendwise.io/platform/partners/store"
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
	bus := events.NewBus(database, log)
	// Referrals trigger decision notices, so the portal process sends them too.
	notifications.NewService(notificationsstore.New(database),
		notifications.NewHTTPSender(cfg.EmailURL), notifications.NewHTTPSender(cfg.SMSURL), log).Subscribe(bus)

	borrowerSvc := borrowers.NewService(borrowersstore.New(database),
		kyc.NewChecker(cfg.KYCURL, cfg.KYCKey, database), bus, cfg.ServicedStates)
	bureauStore := bureaustore.New(database)
	engine := underwriting.NewEngine(bureau.NewService(experian.New(cfg.ExperianURL, cfg.ExperianKey), bureauStore),
		bureauStore, underwritingstore.New(database))
	appSvc := applications.NewService(applicationsstore.New(database), borrowerSvc, engine, bus)

	pStore := partnersstore.New(database)
	calc := commissions.NewCalculator(pStore, originationstore.New(database), ledger.NewService(ledgerstore.New(database)))

	mux := http.NewServeMux()
	portal.New(partners.NewService(pStore, borrowerSvc, appSvc), calc).Routes(mux)

	srv := &http.Server{
		Addr:              cfg.PartnerAddr,
		Handler:           httpx.Chain(mux, httpx.RequestLog(log), httpx.Recover, auth.Middleware(cfg.AuthSecret)),
		ReadHeaderTimeout: 10 * time.Second,
	}
	log.Info("partner portal listening", "addr", cfg.PartnerAddr)
	if err := srv.ListenAndServe(); err != nil {
		log.Error("serve", "err", err)
		os.Exit(1)
	}
}
