// Command clinic-api serves the clinic's HTTP API.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	_ "github.com/go-sql-driver/mysql"

	"github.com/acme/clinic/api/v1/appointments"
	"github.com/acme/clinic/billing"
	billinghandler "github.com/acme/clinic/billing/handler"
	"github.com/acme/clinic/billing/insurance"
	"github.com/acme/clinic/billing/invoices"
	billingstore "github.com/acme/clinic/billing/sqlstore"
	"github.com/acme/clinic/internal/reports/billingreport"
	"github.com/acme/clinic/internal/reports/labturnaround"
	labshandler "github.com/acme/clinic/labs/handler"
	"github.com/acme/clinic/labs/orders"
	labstore "github.com/acme/clinic/labs/sqlstore"
	labs "github.com/acme/clinic/labs/usecase"
	"github.com/acme/clinic/patients"
	patientshandler "github.com/acme/clinic/patients/handler"
	"github.com/acme/clinic/patients/records"
	patientrepo "github.com/acme/clinic/patients/repo"
	"github.com/acme/clinic/pharmacy/grpcapi"
	"github.com/acme/clinic/pharmacy/inventory"
	rxrepo "github.com/acme/clinic/pharmacy/repo"
	pharmacy "github.com/acme/clinic/pharmacy/usecase"
	"github.com/acme/clinic/pkg/config"
	"github.com/acme/clinic/pkg/database"
	"github.com/acme/clinic/pkg/logger"
	"github.com/acme/clinic/pkg/notify"
	"github.com/acme/clinic/pkg/timeutil"
	"github.com/acme/clinic/pkg/web"
	"github.com/acme/clinic/scheduling"
	"github.com/acme/clinic/scheduling/calendar"
	schedhandler "github.com/acme/clinic/scheduling/handler"
	schedstore "github.com/acme/clinic/scheduling/sqlstore"
	"github.com/acme/clinic/staff"
	"github.com/acme/clinic/staff/credentials"
	staffhandler "github.com/acme/clinic/staff/handler"
	staffrepo "github.com/acme/clinic/staff/repo"
	"github.com/acme/clinic/staff/rostering"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "clinic-api:", err)
		os.Exit(1)
	}
}

func run() error {
	cfg, err := config.Load()
	if err != nil {
		return err
	}
	format := "text"
	if cfg.LogJSON {
		format = "json"
	}
	log := logger.New(os.Stderr, "clinic-api", cfg.LogLevel, format)
	loc, err := cfg.Clinic.Location()
	if err != nil {
		return err
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	db, err := database.Open(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer db.Close()

	clock := timeutil.SystemClock{}
	sender := notify.FromConfig(cfg.Notify, log)

	// staff
	roster := rostering.NewRoster(rostering.NewStore(db), clock)
	staffSvc := staff.New(staffrepo.NewStaffRepo(db), credentials.NewStore(db), roster, clock, log)

	// patients
	patientSvc := patients.NewService(patientrepo.New(db), records.NewService(records.NewStore(db), clock), clock, log)

	// scheduling
	year := clock.Now().In(loc).Year()
	holidays := calendar.USHolidays(year)
	for k, v := range calendar.USHolidays(year + 1) {
		holidays[k] = v
	}
	hours := calendar.DefaultHours()
	hours.Open, hours.Close = cfg.Clinic.OpenHour, cfg.Clinic.CloseHour
	planner := calendar.NewPlanner(hours, time.Duration(cfg.Clinic.SlotMinutes)*time.Minute, loc, holidays)
	schedSvc := scheduling.NewService(schedstore.NewAppointmentStore(db), planner, patientSvc, staffSvc,
		clock, cfg.Clinic.LateCancelWindow, log)

	// labs
	labSvc := labs.New(labstore.New(db), orders.DefaultCatalog, staffSvc, sender, clock, log)

	// billing
	var house insurance.Clearinghouse = &insurance.HTTPClearinghouse{
		BaseURL: cfg.Billing.ClearinghouseURL, APIKey: cfg.Billing.ClearinghouseKey,
		Client: &http.Client{Timeout: 20 * time.Second},
	}
	billingSvc := billing.New(billing.Config{
		Store:         billingstore.NewStore(db),
		Builder:       invoices.NewBuilder(invoices.DefaultFees, orders.DefaultCatalog, cfg.Billing.TaxRate, cfg.Billing.PaymentTermsDays, clock),
		Claims:        insurance.NewClaimStore(db),
		Clearinghouse: house,
		Appointments:  schedSvc,
		Patients:      patientSvc,
		Labs:          labSvc,
		Clock:         clock,
		Log:           log,
	})
	schedSvc.SetFeeCharger(billingSvc)

	// pharmacy
	rx := pharmacy.NewPharmacy(rxrepo.New(db), inventory.NewStore(db), patientSvc, staffSvc, clock, log)

	mux := http.NewServeMux()
	for _, r := range []web.Registrar{
		patientshandler.New(patientSvc),
		staffhandler.NewStaffHandler(staffSvc, loc),
		schedhandler.NewFrontDesk(schedSvc, loc),
		appointments.NewAPI(schedSvc, loc),
		labshandler.New(labSvc),
		billinghandler.NewBillingHandler(billingSvc),
	} {
		r.Register(mux)
	}
	grpcapi.RegisterGateway(mux, grpcapi.NewServer(rx, log))
	registerReports(mux, billingreport.New(db, clock), labturnaround.NewGenerator(db, orders.DefaultCatalog))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		if err := db.PingContext(r.Context()); err != nil {
			http.Error(w, "db: "+err.Error(), http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintln(w, "ok")
	})

	srv := &http.Server{
		Addr:              cfg.HTTPAddr,
		Handler:           web.Chain(mux, web.Recover(), web.RequestLogger(log)),
		ReadHeaderTimeout: 5 * time.Second,
		WriteTimeout:      30 * time.Second,
	}
	errc := make(chan error, 1)
	go func() {
		log.Info("listening", "addr", cfg.HTTPAddr)
		errc <- srv.ListenAndServe()
	}()
	select {
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			return err
		}
	case <-ctx.Done():
		log.Info("shutting down")
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	return srv.Shutdown(shutdownCtx)
}

func registerReports(mux *http.ServeMux, ar *billingreport.Reports, tat *labturnaround.Generator) {
	csvHandler := func(build func(r *http.Request) (interface{ WriteCSV(io.Writer) error }, error)) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			rep, err := build(r)
			if err != nil {
				web.Error(w, r, err)
				return
			}
			w.Header().Set("Content-Type", "text/csv")
			_ = rep.WriteCSV(w)
		}
	}
	mux.HandleFunc("GET /reports/ar-aging.csv", csvHandler(func(r *http.Request) (interface{ WriteCSV(io.Writer) error }, error) {
		return ar.Aging(r.Context())
	}))
	mux.HandleFunc("GET /reports/lab-tat.csv", csvHandler(func(r *http.Request) (interface{ WriteCSV(io.Writer) error }, error) {
		to := time.Now().UTC()
		return tat.Build(r.Context(), to.AddDate(0, -1, 0), to)
	}))
}
