// Command api serves the Keystone HTTP API (staff app, resident and owner
// portals, public website, provider webhooks).
package main

import (
	"context"
	"errors"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	apiapps "github.com/keystoneprop/platform/api/applications"
	apiinsp "github.com/keystoneprop/platform/api/inspections"
	apileases "github.com/keystoneprop/platform/api/leases"
	apilistings "github.com/keystoneprop/platform/api/listings"
	apimaint "github.com/keystoneprop/platform/api/maintenance"
	apimsg "github.com/keystoneprop/platform/api/messages"
	"github.com/keystoneprop/platform/api/middleware"
	apiowners "github.com/keystoneprop/platform/api/owners"
	apipay "github.com/keystoneprop/platform/api/payments"
	apiprops "github.com/keystoneprop/platform/api/properties"
	apitenants "github.com/keystoneprop/platform/api/tenants"
	apivendors "github.com/keystoneprop/platform/api/vendors"
	"github.com/keystoneprop/platform/api/webhooks"
	"github.com/keystoneprop/platform/internal/applications"
	"github.com/keystoneprop/platform/internal/auth"
	"github.com/keystoneprop/platform/internal/config"
	"github.com/keystoneprop/platform/internal/db"
	"github.com/keystoneprop/platform/internal/disbursements"
	"github.com/keystoneprop/platform/internal/inspections"
	"github.com/keystoneprop/platform/internal/leases"
	"github.com/keystoneprop/platform/internal/leases/esign"
	"github.com/keystoneprop/platform/internal/leases/renewals"
	"github.com/keystoneprop/platform/internal/ledger"
	"github.com/keystoneprop/platform/internal/listings"
	"github.com/keystoneprop/platform/internal/logging"
	"github.com/keystoneprop/platform/internal/maintenance"
	"github.com/keystoneprop/platform/internal/maintenance/invoices"
	"github.com/keystoneprop/platform/internal/maintenance/vendors"
	"github.com/keystoneprop/platform/internal/maintenance/workorders"
	"github.com/keystoneprop/platform/internal/messaging"
	"github.com/keystoneprop/platform/internal/mgmtfees"
	"github.com/keystoneprop/platform/internal/notify"
	"github.com/keystoneprop/platform/internal/owners"
	"github.com/keystoneprop/platform/internal/payments"
	"github.com/keystoneprop/platform/internal/payments/autopay"
	"github.com/keystoneprop/platform/internal/payments/gateway"
	"github.com/keystoneprop/platform/internal/properties"
	"github.com/keystoneprop/platform/internal/screening"
	"github.com/keystoneprop/platform/internal/statements"
	"github.com/keystoneprop/platform/internal/storage"
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

	files := storage.NewLocal(cfg.StorageRoot, cfg.PublicURL, []byte(cfg.JWTSecret))
	signer := auth.NewSigner(cfg.JWTSecret)
	notifier := notify.NewService(conn, notify.SMTPSender{Host: cfg.SMTPHost, From: cfg.SMTPFrom}, notify.LogSender{Log: log})
	gw := gateway.New(cfg.GatewayBaseURL, cfg.GatewayAPIKey, cfg.GatewayMerchID)

	props := properties.NewService(properties.NewStore(conn), cfg.DefaultMgmtFeeBps)
	unitSvc := units.NewService(conn, units.NewStore(conn), props)
	tenantSvc := tenants.NewService(conn)
	ledgerStore := ledger.NewStore(conn)
	ledgerSvc := ledger.NewService(ledgerStore)
	paySvc := payments.NewService(conn, gw, ledgerSvc, tenantSvc, notifier)
	autopaySvc := autopay.NewService(conn, paySvc, ledgerSvc)
	leaseStore := leases.NewStore(conn)
	leaseSvc := leases.NewService(conn, leaseStore, unitSvc, tenantSvc, esign.New(conn, cfg.ESignBaseURL, cfg.ESignAPIKey), files, notifier)
	renewalSvc := renewals.NewService(conn, leaseSvc, unitSvc, tenantSvc, notifier)
	listingSvc := listings.NewService(conn, unitSvc)
	appSvc := applications.NewService(conn, listingSvc, screening.NewService(conn, cfg.ScreeningBaseURL, cfg.ScreeningAPIKey), paySvc, leaseSvc, notifier)
	requests := maintenance.NewService(conn, unitSvc, notifier)
	vendorSvc := vendors.NewService(conn)
	woSvc := workorders.NewService(conn, requests, ledgerStore)
	invSvc := invoices.NewService(conn, woSvc)
	inspSvc := inspections.NewService(conn, leaseSvc, woSvc, files)
	ownerSvc := owners.NewService(conn, props)
	stmtSvc := statements.NewService(conn, ownerSvc, mgmtfees.NewService(conn, cfg.DefaultMgmtFeeBps), invSvc, notifier)
	disb := disbursements.NewJob(conn, ownerSvc, gw, notifier)
	msgSvc := messaging.NewService(conn, notifier)

	public := http.NewServeMux()
	(&apilistings.Handler{Listings: listingSvc}).RegisterPublic(public)
	(&apiapps.Handler{Apps: appSvc}).RegisterPublic(public)
	(&webhooks.Handler{GatewaySecret: cfg.GatewayAPIKey, ESignToken: cfg.ESignAPIKey, Payments: paySvc, Disbursements: disb, Leases: leaseSvc}).Register(public)

	authed := http.NewServeMux()
	(&apiprops.Handler{Props: props, Units: unitSvc, Leases: leaseStore}).Register(authed)
	(&apilistings.Handler{Listings: listingSvc}).Register(authed)
	(&apiapps.Handler{Apps: appSvc}).Register(authed)
	(&apileases.Handler{Leases: leaseSvc, Renewals: renewalSvc, Ledger: ledgerSvc}).Register(authed)
	(&apitenants.Handler{Tenants: tenantSvc, Leases: leaseSvc}).Register(authed)
	(&apipay.Handler{Payments: paySvc, Autopay: autopaySvc, Ledger: ledgerSvc, Leases: leaseSvc}).Register(authed)
	(&apimaint.Handler{Requests: requests, WorkOrders: woSvc, Invoices: invSvc, Tenants: tenantSvc}).Register(authed)
	(&apivendors.Handler{Vendors: vendorSvc}).Register(authed)
	(&apiinsp.Handler{Inspections: inspSvc}).Register(authed)
	(&apiowners.Handler{Owners: ownerSvc, Statements: stmtSvc}).Register(authed)
	(&apimsg.Handler{Messaging: msgSvc}).Register(authed)

	root := http.NewServeMux()
	root.Handle("/public/", public)
	root.Handle("/hooks/", public)
	root.Handle("/v1/", signer.Middleware(authed))
	root.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		if err := conn.PingContext(r.Context()); err != nil {
			http.Error(w, "db down", http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte("ok"))
	})

	srv := &http.Server{
		Addr:              cfg.HTTPAddr,
		Handler:           middleware.Chain(root, middleware.Recover, middleware.RequestLog(log), middleware.CORS(cfg.PublicURL)),
		ReadHeaderTimeout: 10 * time.Second,
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		log.Info("listening", "addr", cfg.HTTPAddr)
		if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("serve", "err", err)
			stop()
		}
	}()
	<-ctx.Done()
	shutdown, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	_ = srv.Shutdown(shutdown)
}
