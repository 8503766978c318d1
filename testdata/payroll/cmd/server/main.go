// Command server runs the Ledgerly People API: the RPC endpoint for all
// services plus the legacy REST routes.
package main

import (
	"context"
	"errors"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	_ "github.com/lib/pq"

	"github.com/ledgerly/people/pkg/auth"
	"github.com/ledgerly/people/pkg/config"
	"github.com/ledgerly/people/pkg/db"
	"github.com/ledgerly/people/pkg/events"
	"github.com/ledgerly/people/pkg/log"
	"github.com/ledgerly/people/pkg/notify"
	"github.com/ledgerly/people/pkg/rpc"
	"github.com/ledgerly/people/proto/benefitspb"
	"github.com/ledgerly/people/proto/billingpb"
	"github.com/ledgerly/people/proto/payrollpb"
	"github.com/ledgerly/people/proto/peoplepb"
	"github.com/ledgerly/people/proto/taxpb"
	"github.com/ledgerly/people/proto/timepb"
	benefitsserver "github.com/ledgerly/people/services/benefits/server"
	benefitsstore "github.com/ledgerly/people/services/benefits/store"
	billingserver "github.com/ledgerly/people/services/billing/server"
	billingstore "github.com/ledgerly/people/services/billing/store"
	"github.com/ledgerly/people/services/expenses"
	expensesstore "github.com/ledgerly/people/services/expenses/store"
	"github.com/ledgerly/people/services/leave"
	leavestore "github.com/ledgerly/people/services/leave/store"
	"github.com/ledgerly/people/services/payroll/calc"
	"github.com/ledgerly/people/services/payroll/deductions"
	"github.com/ledgerly/people/services/payroll/runner"
	payrollserver "github.com/ledgerly/people/services/payroll/server"
	payrollstore "github.com/ledgerly/people/services/payroll/store"
	"github.com/ledgerly/people/services/people/lifecycle"
	"github.com/ledgerly/people/services/people/orgchart"
	peopleserver "github.com/ledgerly/people/services/people/server"
	peoplestore "github.com/ledgerly/people/services/people/store"
	"github.com/ledgerly/people/services/tax/filing"
	"github.com/ledgerly/people/services/tax/rates"
	taxserver "github.com/ledgerly/people/services/tax/server"
	taxstore "github.com/ledgerly/people/services/tax/store"
	"github.com/ledgerly/people/services/timetracking/approval"
	timeserver "github.com/ledgerly/people/services/timetracking/server"
	timestore "github.com/ledgerly/people/services/timetracking/store"
)

func main() {
	cfg, err := config.Load()
	if err != nil {
		log.Error(context.Background(), "config", err)
		os.Exit(1)
	}
	log.Setup("api", cfg.LogLevel)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	pool, err := db.Open("postgres", cfg.DatabaseURL, cfg.DBMaxConns)
	if err != nil {
		log.Error(ctx, "open database", err)
		os.Exit(1)
	}
	defer pool.Close()

	bus := events.NewBus(pool)
	var mail notify.Sender = &notify.SMTPSender{Addr: cfg.SMTPHost, From: cfg.SMTPFrom}
	if cfg.Env == "development" {
		mail = &notify.Recorder{}
	}

	rpcSrv := rpc.NewServer(rpc.Recover(), rpc.Logging(), rpc.RequireTenant())
	conn := rpc.NewLocalConn(rpcSrv)
	peopleClient := peoplepb.NewPeopleServiceClient(conn)
	payrollClient := payrollpb.NewPayrollServiceClient(conn)
	timeClient := timepb.NewTimeServiceClient(conn)
	taxClient := taxpb.NewTaxServiceClient(conn)
	benefitsClient := benefitspb.NewBenefitsServiceClient(conn)
	billingClient := billingpb.NewBillingServiceClient(conn)

	// People & org chart.
	pStore := peoplestore.New(pool)
	org := orgchart.New(pStore)
	lc := lifecycle.New(pStore, bus)
	peopleSrv := peopleserver.New(pStore, org, lc)
	peoplepb.RegisterPeopleServiceServer(rpcSrv, peopleSrv)

	// Leave (legacy REST).
	leaveSvc := leave.New(leavestore.New(pool), peopleClient, bus, mail)
	leaveSvc.Subscribe(bus)

	// Time tracking.
	tStore := timestore.New(pool)
	timepb.RegisterTimeServiceServer(rpcSrv, timeserver.New(tStore, approval.New(tStore, org, bus), peopleClient))

	// Tax.
	taxRates := rates.NewRepo(pool)
	tStoreTax := taxstore.New(pool)
	taxSrv := taxserver.New(taxRates, tStoreTax,
		filing.NewPreparer(tStoreTax, payrollClient),
		filing.NewSubmitter(tStoreTax, &filing.HTTPAgency{BaseURL: cfg.TaxAgencyURL}, bus))
	taxpb.RegisterTaxServiceServer(rpcSrv, taxSrv)
	taxSrv.Subscribe(bus)

	// Benefits.
	benSrv := benefitsserver.New(benefitsstore.New(pool), peopleClient)
	benefitspb.RegisterBenefitsServiceServer(rpcSrv, benSrv)
	benSrv.Subscribe(bus)

	// Expenses (legacy REST).
	expSvc := expenses.New(expensesstore.New(pool), peopleClient, bus, mail)

	// Payroll.
	prStore := payrollstore.New(pool)
	var taxCalc calc.TaxCalculator = calc.LocalTax{Rates: taxRates}
	if cfg.Feature("payroll_tax_rpc") {
		taxCalc = calc.RPCTax{Client: taxClient}
	}
	run := runner.New(runner.Deps{
		Store: prStore, People: peopleClient, Time: timeClient, Billing: billingClient, Leave: leaveSvc,
		Deductions: deductions.New(benefitsClient, expSvc, prStore), Calc: calc.New(taxCalc), Bus: bus,
	})
	payrollpb.RegisterPayrollServiceServer(rpcSrv, payrollserver.New(prStore, run))

	// Billing.
	bStore := billingstore.New(pool)
	billSrv := billingserver.New(bStore, billingserver.NewInvoicer(bStore, prStore, mail, bStore.BillingEmail))
	billingpb.RegisterBillingServiceServer(rpcSrv, billSrv)
	billSrv.Subscribe(bus)

	verifier := auth.NewVerifier(cfg.JWTSecret)
	mux := http.NewServeMux()
	mux.Handle("POST /rpc/", verifier.Middleware(rpcSrv))
	mux.Handle("/api/leave/", verifier.Middleware(leaveSvc.Routes()))
	mux.Handle("/api/expenses/", verifier.Middleware(expSvc.Routes()))
	mux.Handle("GET /api/people/{id}/profile", verifier.Middleware(peopleSrv.ProfileHandler(leaveSvc)))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		if err := pool.PingContext(r.Context()); err != nil {
			http.Error(w, "db unavailable", http.StatusServiceUnavailable)
			return
		}
		_, _ = w.Write([]byte("ok"))
	})

	srv := &http.Server{Addr: cfg.HTTPAddr, Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}()
	log.Info(ctx, "listening", "addr", cfg.HTTPAddr, "methods", len(rpcSrv.Methods()))
	if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Error(ctx, "http server", err)
		os.Exit(1)
	}
}
