// Command ilsd is the ILS API server used by staff clients, the public
// website, the mobile app and self-check kiosks.
package main

import (
	"context"
	"errors"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"citylib.org/ils/config"
	"citylib.org/ils/db"
	accounth "citylib.org/ils/handlers/account"
	branchh "citylib.org/ils/handlers/branches"
	catalogh "citylib.org/ils/handlers/catalog"
	finesh "citylib.org/ils/handlers/fines"
	holdsh "citylib.org/ils/handlers/holds"
	loansh "citylib.org/ils/handlers/loans"
	membersh "citylib.org/ils/handlers/members"
	"citylib.org/ils/handlers/middleware"
	"citylib.org/ils/httputil"
	"citylib.org/ils/internal/catalog/search"
	"citylib.org/ils/internal/circulation/duedate"
	"citylib.org/ils/internal/circulation/holdqueue"
	"citylib.org/ils/internal/circulation/policy"
	"citylib.org/ils/internal/circulation/selfcheck"
	eventsapi "citylib.org/ils/internal/events/api"
	"citylib.org/ils/internal/events/rooms"
	eventsvc "citylib.org/ils/internal/events/service"
	eventstore "citylib.org/ils/internal/events/store"
	"citylib.org/ils/internal/fines/accrual"
	"citylib.org/ils/internal/fines/payments"
	"citylib.org/ils/internal/membership/eligibility"
	"citylib.org/ils/internal/notify/channels"
	"citylib.org/ils/internal/notify/dispatcher"
	notifystore "citylib.org/ils/internal/notify/store"
	"citylib.org/ils/internal/notify/templates"
	"citylib.org/ils/internal/platform/clock"
	"citylib.org/ils/internal/platform/eventbus"
	"citylib.org/ils/internal/reporting"
	transferapi "citylib.org/ils/internal/transfers/api"
	transfersvc "citylib.org/ils/internal/transfers/service"
	transferstore "citylib.org/ils/internal/transfers/store"
	"citylib.org/ils/logging"
	branchrepo "citylib.org/ils/repositories/branches"
	catalogrepo "citylib.org/ils/repositories/catalog"
	"citylib.org/ils/repositories/copies"
	finerepo "citylib.org/ils/repositories/fines"
	holdrepo "citylib.org/ils/repositories/holds"
	loanrepo "citylib.org/ils/repositories/loans"
	memberrepo "citylib.org/ils/repositories/members"
	branchsvc "citylib.org/ils/services/branches"
	catalogsvc "citylib.org/ils/services/catalog"
	finesvc "citylib.org/ils/services/fines"
	holdsvc "citylib.org/ils/services/holds"
	loansvc "citylib.org/ils/services/loans"
	membersvc "citylib.org/ils/services/members"
)

func main() {
	cfg, err := config.Load()
	if err != nil {
		panic(err)
	}
	log := logging.New(cfg.LogLevel, "ilsd")
	database, err := db.Open(cfg.DatabaseURL)
	if err != nil {
		log.Error("db", "err", err)
		os.Exit(1)
	}
	defer database.Close()

	clk := clock.System{}
	bus := eventbus.New(database, log)

	// Repositories.
	branchRepo := branchrepo.New(database)
	titleRepo := catalogrepo.NewTitleRepo(database)
	copyRepo := copies.New(database)
	holdRepo := holdrepo.New(database)
	loanRepo := loanrepo.New(database)
	memberRepo := memberrepo.New(database)
	fineRepo := finerepo.New(database)

	// Services.
	branches := branchsvc.NewService(branchRepo, bus)
	catalog := catalogsvc.NewService(titleRepo, copyRepo, holdRepo, search.New(database), branches)
	fines := finesvc.NewService(fineRepo, payments.New(cfg.PaymentGatewayURL, cfg.PaymentAPIKey), bus)
	members := membersvc.NewService(memberRepo, eligibility.New(database, cfg.FineBlockCents), fines, bus, clk)
	pol := policy.NewResolver(database)
	transfers := transfersvc.New(transferstore.New(database), copyRepo, bus)
	queue := holdqueue.New(holdRepo, copyRepo, transfers, bus, clk, cfg.HoldShelfDays)
	loans := loansvc.NewService(loansvc.Deps{
		Loans: loanRepo, Holds: holdRepo, Copies: copyRepo, Catalog: catalog, Members: members, Fines: fines,
		Policy: pol, DueDates: duedate.New(branches), HoldQueue: queue, Transfers: transfers, Bus: bus, Clock: clk,
	})
	holds := holdsvc.NewService(holdRepo, members, catalog, branches, pol, queue, bus)
	events := eventsvc.New(eventstore.New(database), rooms.New(database, branchRepo), members, bus)
	accrual.New(database, fines, pol, clk, bus, log)

	tmpl, err := templates.Load()
	if err != nil {
		log.Error("templates", "err", err)
		os.Exit(1)
	}
	notifier := dispatcher.New(notifystore.New(database), tmpl, map[string]channels.Sender{
		"email": channels.NewEmail(cfg.SMTPAddr, cfg.SMTPFrom),
		"sms":   channels.NewSMS(cfg.SMSGatewayURL, cfg.SMSAPIKey, clk),
	}, branches, clk, log)
	notifier.Subscribe(bus)

	// Kiosks identify themselves by branch code.
	locations := map[string]int64{}
	if bs, err := branches.List(context.Background()); err == nil {
		for _, b := range bs {
			locations[b.Code] = b.ID
		}
	} else {
		log.Warn("could not load branch codes for kiosks", "err", err)
	}

	mux := http.NewServeMux()
	catalogh.New(catalog).Register(mux)
	membersh.New(members).Register(mux)
	accounth.New(members, fines, loanRepo, holdRepo).Register(mux)
	loansh.New(loans).Register(mux)
	holdsh.New(holds).Register(mux)
	finesh.New(fines).Register(mux)
	branchh.New(branches).Register(mux)
	eventsapi.New(events).Register(mux)
	transferapi.New(transfers).Register(mux)
	selfcheck.New(loans, members, cfg.KioskSecret, locations).Register(mux)

	reporter := reporting.New(database)
	mux.HandleFunc("GET /reports/monthly", func(w http.ResponseWriter, r *http.Request) {
		month, err := time.ParseInLocation("2006-01", r.URL.Query().Get("month"), clock.Local)
		if err != nil {
			month = time.Now()
		}
		m, err := reporter.Month(r.Context(), month)
		if err != nil {
			httputil.WriteError(w, r, err)
			return
		}
		if r.URL.Query().Get("format") == "csv" {
			w.Header().Set("Content-Type", "text/csv")
			_ = reporting.WriteCSV(w, m)
			return
		}
		httputil.WriteJSON(w, http.StatusOK, m)
	})
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		if err := database.PingContext(r.Context()); err != nil {
			http.Error(w, "db down", http.StatusServiceUnavailable)
			return
		}
		_, _ = w.Write([]byte("ok"))
	})

	handler := middleware.Chain(mux,
		middleware.Recover,
		middleware.Logging(log),
		middleware.StaffAuth(cfg.StaffToken, []string{"/titles", "/events", "/branches", "/healthz"}, "/sip2"),
	)
	srv := &http.Server{Addr: cfg.HTTPAddr, Handler: handler, ReadHeaderTimeout: 10 * time.Second}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		log.Info("listening", "addr", cfg.HTTPAddr)
		if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("server", "err", err)
			stop()
		}
	}()
	<-ctx.Done()
	shutdown, cancel := context.WithTimeout(context.Background(), cfg.ShutdownWait)
	defer cancel()
	_ = srv.Shutdown(shutdown)
}
