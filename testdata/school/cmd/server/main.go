// Command server is the SIS HTTP API.
package main

import (
	"context"
	"errors"
	"log"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/k12district/sis/cafeteria"
	"github.com/k12district/sis/cafeteria/pos"
	"github.com/k12district/sis/config"
	"github.com/k12district/sis/controllers/admissions"
	"github.com/k12district/sis/controllers/attendance"
	"github.com/k12district/sis/controllers/base"
	"github.com/k12district/sis/controllers/grades"
	"github.com/k12district/sis/controllers/guardians"
	"github.com/k12district/sis/controllers/messages"
	"github.com/k12district/sis/controllers/scheduling"
	"github.com/k12district/sis/controllers/staff"
	"github.com/k12district/sis/controllers/students"
	"github.com/k12district/sis/controllers/transport"
	"github.com/k12district/sis/events"
	"github.com/k12district/sis/lib/clock"
	"github.com/k12district/sis/lib/db"
	"github.com/k12district/sis/lib/logging"
	"github.com/k12district/sis/lib/money"
	admrepo "github.com/k12district/sis/repositories/admissions"
	attrepo "github.com/k12district/sis/repositories/attendance"
	graderepo "github.com/k12district/sis/repositories/grades"
	guardrepo "github.com/k12district/sis/repositories/guardians"
	msgrepo "github.com/k12district/sis/repositories/messages"
	schedrepo "github.com/k12district/sis/repositories/scheduling"
	staffrepo "github.com/k12district/sis/repositories/staff"
	studrepo "github.com/k12district/sis/repositories/students"
	transrepo "github.com/k12district/sis/repositories/transport"
	admsvc "github.com/k12district/sis/services/admissions"
	attsvc "github.com/k12district/sis/services/attendance"
	gradesvc "github.com/k12district/sis/services/grades"
	"github.com/k12district/sis/services/messaging"
	schedsvc "github.com/k12district/sis/services/scheduling"
	staffsvc "github.com/k12district/sis/services/staff"
	studsvc "github.com/k12district/sis/services/students"
	transsvc "github.com/k12district/sis/services/transport"
	"github.com/k12district/sis/substitutes"
)

func main() {
	cfg, err := config.Load()
	if err != nil {
		log.Fatal(err)
	}
	logger := logging.New("server")
	conn, err := db.Open(cfg.DatabaseDriver, cfg.DatabaseURL)
	if err != nil {
		log.Fatal(err)
	}
	defer conn.Close()

	clk := clock.Real{Loc: cfg.Location()}
	bus := events.NewBus(logger)
	term := func(ctx context.Context) string { return currentTerm(ctx, conn) }

	// Stores.
	studentStore, guardianStore := studrepo.New(conn), guardrepo.New(conn)
	schedStore, attStore, gradeStore := schedrepo.New(conn), attrepo.New(conn), graderepo.New(conn)
	transStore, staffStore, msgStore := transrepo.New(conn), staffrepo.New(conn), msgrepo.New(conn)

	// Services.
	msgSvc := &messaging.Service{Messages: msgStore, Guardians: guardianStore, Log: logger}
	meals := &cafeteria.Service{DB: conn, Log: logger, NegativeLimit: money.Cents(cfg.NegativeLimitCents), Prices: cafeteria.DefaultPrices()}
	studentSvc := &studsvc.Service{DB: conn, Students: studentStore, Guardians: guardianStore, Bus: bus, Clock: clk, Log: logger,
		SchoolCodes: loadSchoolCodes(conn)}
	admSvc := &admsvc.Service{DB: conn, Apps: admrepo.New(conn), Students: studentSvc, Meals: meals, Messaging: msgSvc, Clock: clk, Log: logger}
	schedSvc := &schedsvc.Service{DB: conn, Store: schedStore, Log: logger}
	attSvc := &attsvc.Service{DB: conn, Store: attStore, Sections: schedStore, Messaging: msgSvc, Clock: clk, Log: logger,
		EditWindow: 72 * time.Hour}
	gradeSvc := &gradesvc.Service{DB: conn, Store: gradeStore, Scheduling: schedSvc, Bus: bus, Clock: clk, Log: logger}
	transSvc := &transsvc.Service{DB: conn, Store: transStore, Messaging: msgSvc, Log: logger}
	staffSvc := &staffsvc.Service{Store: staffStore, Bus: bus, Clock: clk, Log: logger}
	subs := &substitutes.Dispatcher{DB: conn, Staff: staffStore, Sections: schedStore, Messaging: msgSvc, Clock: clk, Log: logger, Term: term}

	// Event wiring.
	bus.Subscribe(events.StudentWithdrawn, schedSvc.OnStudentWithdrawn)
	bus.Subscribe(events.StudentWithdrawn, transSvc.OnStudentWithdrawn)
	bus.Subscribe(events.StudentWithdrawn, meals.OnStudentWithdrawn)
	bus.Subscribe(events.StudentAddressChanged, transSvc.OnAddressChanged)
	bus.Subscribe(events.StaffAbsenceReported, subs.OnAbsenceReported)

	b := base.Controller{Log: logger}
	mux := http.NewServeMux()
	(&students.Controller{Controller: b, Service: studentSvc, Grades: gradeStore, Transport: transSvc, Meals: meals}).Routes(mux)
	(&guardians.Controller{Controller: b, Store: guardianStore, Meals: meals}).Routes(mux)
	(&admissions.Controller{Controller: b, Service: admSvc}).Routes(mux)
	(&scheduling.Controller{Controller: b, Service: schedSvc}).Routes(mux)
	(&attendance.Controller{Controller: b, Service: attSvc}).Routes(mux)
	(&grades.Controller{Controller: b, Service: gradeSvc, Store: gradeStore}).Routes(mux)
	(&transport.Controller{Controller: b, Service: transSvc}).Routes(mux)
	(&staff.Controller{Controller: b, Service: staffSvc, Substitutes: subs}).Routes(mux)
	(&messages.Controller{Controller: b, Service: msgSvc, Store: msgStore}).Routes(mux)
	(&pos.Handler{Controller: b, Meals: meals}).Routes(mux)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		if err := conn.PingContext(r.Context()); err != nil {
			http.Error(w, "db down", http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte("ok"))
	})

	srv := &http.Server{Addr: cfg.HTTPAddr, Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		logger.Info("listening", "addr", cfg.HTTPAddr, "school_year", cfg.SchoolYear)
		if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Fatal(err)
		}
	}()
	<-ctx.Done()
	shutdown, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	_ = srv.Shutdown(shutdown)
}
