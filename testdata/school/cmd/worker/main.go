// Command worker runs the scheduled background jobs.
package main

import (
	"context"
	"log"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/k12district/sis/cafeteria"
	"github.com/k12district/sis/config"
	"github.com/k12district/sis/events"
	jobadm "github.com/k12district/sis/jobs/admissions"
	jobatt "github.com/k12district/sis/jobs/attendance"
	jobcaf "github.com/k12district/sis/jobs/cafeteria"
	jobmsg "github.com/k12district/sis/jobs/messaging"
	jobrc "github.com/k12district/sis/jobs/reportcards"
	"github.com/k12district/sis/jobs/runner"
	"github.com/k12district/sis/lib/clock"
	"github.com/k12district/sis/lib/db"
	"github.com/k12district/sis/lib/logging"
	"github.com/k12district/sis/lib/money"
	"github.com/k12district/sis/notify"
	"github.com/k12district/sis/reportcards"
	admrepo "github.com/k12district/sis/repositories/admissions"
	attrepo "github.com/k12district/sis/repositories/attendance"
	graderepo "github.com/k12district/sis/repositories/grades"
	guardrepo "github.com/k12district/sis/repositories/guardians"
	msgrepo "github.com/k12district/sis/repositories/messages"
	studrepo "github.com/k12district/sis/repositories/students"
	admsvc "github.com/k12district/sis/services/admissions"
	"github.com/k12district/sis/services/messaging"
	studsvc "github.com/k12district/sis/services/students"
)

func main() {
	cfg, err := config.Load()
	if err != nil {
		log.Fatal(err)
	}
	logger := logging.New("worker")
	conn, err := db.Open(cfg.DatabaseDriver, cfg.DatabaseURL)
	if err != nil {
		log.Fatal(err)
	}
	defer conn.Close()
	clk := clock.Real{Loc: cfg.Location()}

	msgStore := msgrepo.New(conn)
	guardianStore := guardrepo.New(conn)
	msgSvc := &messaging.Service{Messages: msgStore, Guardians: guardianStore, Log: logger}
	meals := &cafeteria.Service{DB: conn, Log: logger, NegativeLimit: money.Cents(cfg.NegativeLimitCents), Prices: cafeteria.DefaultPrices()}
	// Lottery acceptance never happens in the worker, but the admissions
	// service needs a students service to verify sibling claims.
	studentSvc := &studsvc.Service{DB: conn, Students: studrepo.New(conn), Guardians: guardianStore,
		Bus: events.NewBus(logger), Clock: clk, Log: logger}
	appStore := admrepo.New(conn)
	admSvc := &admsvc.Service{DB: conn, Apps: appStore, Students: studentSvc, Meals: meals, Messaging: msgSvc, Clock: clk, Log: logger}
	builder := &reportcards.Builder{DB: conn, Grades: graderepo.New(conn), Attendance: attrepo.New(conn),
		Students: studentSvc, Messaging: msgSvc, Clock: clk, Log: logger}

	r := runner.New(conn, logger)
	r.Every(30*time.Second, &jobmsg.Dispatcher{Messages: msgStore, Log: logger, Router: notify.Router{
		"sms":   notify.NewSMSGateway(cfg.SMSGatewayURL, cfg.SMSGatewayToken),
		"email": &notify.Mailer{Addr: cfg.SMTPAddr, From: cfg.MailFrom},
	}})
	r.Every(15*time.Minute, &jobadm.LotteryJob{Store: appStore, Service: admSvc, Log: logger})
	r.Every(24*time.Hour, &jobadm.ExpireOffersJob{Store: appStore, Log: logger})
	r.Every(24*time.Hour, &jobatt.TruancyJob{DB: conn, Store: attrepo.New(conn), Clock: clk, Threshold: cfg.TruancyThreshold, Log: logger})
	r.Every(24*time.Hour, &jobcaf.LowBalanceJob{Meals: meals, Messaging: msgSvc, Threshold: money.Cents(cfg.LowBalanceCents), Log: logger})
	r.Every(time.Hour, &jobrc.GenerateJob{DB: conn, Builder: builder, Term: jobrc.CurrentTerm(conn), Log: logger})

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	logger.Info("worker started")
	r.Start(ctx)
}
