// Command worker runs the scheduled background jobs.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
	"time"

	"lendwise.io/platform/collections"
	collectionsstore "lendwise.io/platform/collections/store"
	"lendwise.io/platform/funding"
	fundingstore "lendwise.io/platform/funding/store"
	"lendwise.io/platform/internal/applications"
	applicationsstore "lendwise.io/platform/internal/applications/store"
	"lendwise.io/platform/internal/borrowers"
	"lendwise.io/platform/internal/borrowers/kyc"
	borrowersstore "lendwise.io/platform/internal/borrowers/store"
	"lendwise.io/platform/internal/bureau"
	"lendwise.io/platform/internal/bureau/experian"
	bureaustore "lendwise.io/platform/internal/bureau/store"
	originationstore "lendwise.io/platform/internal/origination/store"
	"lendwise.io/platform/internal/platform/config"
	"lendwise.io/platform/internal/platform/db"
	"lendwise.io/platform/internal/platform/events"
	"lendwise.io/platform/internal/platform/jobs"
	"lendwise.io/platform/internal/platform/logging"
	"lendwise.io/platform/internal/platform/money"
	"lendwise.io/platform/internal/servicing"
	"lendwise.io/platform/internal/servicing/payments"
	servicingstore "lendwise.io/platform/internal/servicing/store"
	"lendwise.io/platform/internal/underwriting"
	underwritingstore "lendwise.io/platform/internal/underwriting/store"
	"lendwise.io/platform/ledger"
	ledgerstore "lendwise.io/platform/ledger/store"
	"lendwise.io/platform/notifications"
	notificationsstore "lendwise.io/platform/notifications/store"
	"lendwise.io/platform/partners/commissions"
	partnersstore "lendwise.io/platform/partners/store"
	appjobs "lendwise.io/platform/workers/applications"
	bureaujobs "lendwise.io/platform/workers/bureau"
	collectionsjobs "lendwise.io/platform/workers/collections"
	fundingjobs "lendwise.io/platform/workers/funding"
	notifyjobs "lendwise.io/platform/workers/notifications"
	partnerjobs "lendwise.io/platform/workers/partners"
	servicingjobs "lendwise.io/platform/workers/servicing"
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

	notifySvc := notifications.NewService(notificationsstore.New(database),
		notifications.NewHTTPSender(cfg.EmailURL), notifications.NewHTTPSender(cfg.SMSURL), log)
	notifySvc.Subscribe(bus)
	collectionsSvc := collections.NewService(collectionsstore.New(database), notifySvc)
	collectionsSvc.Subscribe(bus)

	borrowerSvc := borrowers.NewService(borrowersstore.New(database),
		kyc.NewChecker(cfg.KYCURL, cfg.KYCKey, database), bus, cfg.ServicedStates)
	bureauStore := bureaustore.New(database)
	engine := underwriting.NewEngine(bureau.NewService(experian.New(cfg.ExperianURL, cfg.ExperianKey), bureauStore),
		bureauStore, underwritingstore.New(database))
	appSvc := applications.NewService(applicationsstore.New(database), borrowerSvc, engine, bus)

	svcStore := servicingstore.New(database)
	loanSvc := servicing.NewService(svcStore, ledgerSvc, bus, money.Cents(cfg.LateFeeCents), cfg.GracePeriodDays)
	paymentSvc := payments.NewService(svcStore, bus, money.Cents(cfg.NSFFeeCents))
	fundingSvc := funding.NewService(fundingstore.New(database), funding.NewACHClient(cfg.ACHURL, cfg.ACHOriginID),
		borrowerSvc, ledgerSvc, bus, cfg.ACHOriginID)
	calc := commissions.NewCalculator(partnersstore.New(database), originationstore.New(database), ledgerSvc)

	every := cfg.WorkerInterval
	r := jobs.NewRunner(database, log)
	r.Every(time.Hour, &appjobs.ExpireJob{Apps: appSvc, Log: log})
	r.Every(6*time.Hour, &servicingjobs.AutopayJob{Store: svcStore, Payments: paymentSvc, Log: log})
	r.Every(6*time.Hour, &servicingjobs.LateFeeJob{Loans: loanSvc, Log: log})
	r.Every(6*time.Hour, &servicingjobs.AgingJob{Loans: loanSvc})
	r.Every(time.Hour, &collectionsjobs.SyncJob{Svc: collectionsSvc, Log: log})
	r.Every(every, &fundingjobs.SubmitJob{Svc: fundingSvc, Log: log})
	r.Every(every, &fundingjobs.SettleJob{Svc: fundingSvc, Log: log})
	r.Every(30*time.Second, &notifyjobs.DispatchJob{Svc: notifySvc, Batch: 200})
	r.Every(24*time.Hour, &partnerjobs.CommissionJob{Calc: calc, Log: log})
	r.Every(24*time.Hour, &bureaujobs.FurnishJob{DB: database, Store: bureauStore, OutDir: os.TempDir()})

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	log.Info("worker started")
	r.Run(ctx)
}
