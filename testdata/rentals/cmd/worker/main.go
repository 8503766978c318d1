// Command worker runs background jobs and the event outbox dispatcher.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/keystoneprop/platform/internal/config"
	"github.com/keystoneprop/platform/internal/db"
	"github.com/keystoneprop/platform/internal/disbursements"
	"github.com/keystoneprop/platform/internal/events"
	"github.com/keystoneprop/platform/internal/jobs"
	"github.com/keystoneprop/platform/internal/latefees"
	"github.com/keystoneprop/platform/internal/leases"
	"github.com/keystoneprop/platform/internal/leases/esign"
	"github.com/keystoneprop/platform/internal/leases/renewals"
	"github.com/keystoneprop/platform/internal/ledger"
	"github.com/keystoneprop/platform/internal/listings"
	"github.com/keystoneprop/platform/internal/logging"
	"github.com/keystoneprop/platform/internal/maintenance"
	"github.com/keystoneprop/platform/internal/maintenance/dispatch"
	"github.com/keystoneprop/platform/internal/maintenance/invoices"
	"github.com/keystoneprop/platform/internal/maintenance/vendors"
	"github.com/keystoneprop/platform/internal/maintenance/workorders"
	"github.com/keystoneprop/platform/internal/mgmtfees"
	"github.com/keystoneprop/platform/internal/models"
	"github.com/keystoneprop/platform/internal/money"
	"github.com/keystoneprop/platform/internal/notify"
	"github.com/keystoneprop/platform/internal/owners"
	"github.com/keystoneprop/platform/internal/payments"
	"github.com/keystoneprop/platform/internal/payments/autopay"
	"github.com/keystoneprop/platform/internal/payments/gateway"
	"github.com/keystoneprop/platform/internal/properties"
	"github.com/keystoneprop/platform/internal/statements"
	"github.com/keystoneprop/platform/internal/storage"
	"github.com/keystoneprop/platform/internal/syndication"
	"github.com/keystoneprop/platform/internal/tenants"
	"github.com/keystoneprop/platform/internal/units"
)

func main() {
	cfg := config.Load()
	log := logging.New(cfg.Env)
	conn, err := db.Open(cfg.DBDriver, cfg.DatabaseURL)
	if err != nil {
		log.Error("db", "err", err)
		os.Exit(1)
	}
	defer conn.Close()

	notifier := notify.NewService(conn, notify.SMTPSender{Host: cfg.SMTPHost, From: cfg.SMTPFrom}, notify.LogSender{Log: log})
	gw := gateway.New(cfg.GatewayBaseURL, cfg.GatewayAPIKey, cfg.GatewayMerchID)
	files := storage.NewLocal(cfg.StorageRoot, cfg.PublicURL, []byte(cfg.JWTSecret))
	props := properties.NewService(properties.NewStore(conn), cfg.DefaultMgmtFeeBps)
	unitSvc := units.NewService(conn, units.NewStore(conn), props)
	tenantSvc := tenants.NewService(conn)
	ledgerStore := ledger.NewStore(conn)
	ledgerSvc := ledger.NewService(ledgerStore)
	paySvc := payments.NewService(conn, gw, ledgerSvc, tenantSvc, notifier)
	leaseSvc := leases.NewService(conn, leases.NewStore(conn), unitSvc, tenantSvc, esign.New(conn, cfg.ESignBaseURL, cfg.ESignAPIKey), files, notifier)
	woSvc := workorders.NewService(conn, maintenance.NewService(conn, unitSvc, notifier), ledgerStore)
	vendorSvc := vendors.NewService(conn)
	ownerSvc := owners.NewService(conn, props)
	stmtSvc := statements.NewService(conn, ownerSvc, mgmtfees.NewService(conn, cfg.DefaultMgmtFeeBps), invoices.NewService(conn, woSvc), notifier)

	dispatcher := events.NewDispatcher(conn)
	dispatcher.Subscribe(models.EvtLeaseActivated, ledgerSvc.OnLeaseActivated)
	dispatcher.Subscribe(models.EvtLeaseEnded, ledgerSvc.OnLeaseEnded)
	dispatcher.Subscribe(models.EvtWorkOrderCompleted, func(ctx context.Context, e events.Event) error {
		ev, err := events.Decode[models.WorkOrderCompleted](e)
		if err != nil || ev.VendorID == "" {
			return err
		}
		// completed on first visit → small bump; the coordinator re-rates later
		return vendorSvc.Rate(ctx, ev.VendorID, 4.5)
	})

	runner := jobs.NewRunner(conn, log)
	runner.Every(5*time.Second, dispatcher)
	runner.Every(5*time.Minute, notifier)
	runner.Every(time.Hour, ledger.NewRentPoster(ledgerSvc))
	runner.Every(time.Hour, autopay.NewService(conn, paySvc, ledgerSvc))
	runner.Every(6*time.Hour, latefees.NewJob(conn, ledgerSvc, tenantSvc, notifier, latefees.Policy{
		GraceDays: cfg.LateFeeGraceDays, Flat: money.Cents(cfg.LateFeeFlatCents), MaxPctBps: cfg.LateFeeMaxPctBps, MinOwed: 5000,
	}))
	runner.Every(24*time.Hour, renewals.NewService(conn, leaseSvc, unitSvc, tenantSvc, notifier))
	runner.Every(cfg.WorkerTick, dispatch.NewJob(woSvc, vendorSvc, notifier))
	runner.Every(6*time.Hour, statements.NewMonthlyJob(stmtSvc))
	runner.Every(6*time.Hour, disbursements.NewJob(conn, ownerSvc, gw, notifier))
	runner.Every(time.Hour, syndication.NewJob(conn, listings.NewService(conn, unitSvc), []syndication.Partner{
		{Name: "zillow", Endpoint: "https://feeds.zillow.example/keystone", Token: cfg.SyndicationFeedToken},
		{Name: "apartments", Endpoint: "https://ingest.apartments.example/v1/feed", Token: cfg.SyndicationFeedToken},
	}))

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	log.Info("worker started")
	runner.Start(ctx)
}
