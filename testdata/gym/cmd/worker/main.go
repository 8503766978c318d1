// Command worker runs the scheduled jobs: billing runs, renewals, timetable, campaigns, housekeeping.
package main

import (
	"context"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/pulsefit/clubs/internal/billing/directdebit"
	"github.com/pulsefit/clubs/internal/billing/dunning"
	billingjobs "github.com/pulsefit/clubs/internal/billing/jobs"
	"github.com/pulsefit/clubs/internal/billing/payments"
	billingsvc "github.com/pulsefit/clubs/internal/billing/service"
	billingstore "github.com/pulsefit/clubs/internal/billing/store"
	"github.com/pulsefit/clubs/internal/classes/booking"
	classstore "github.com/pulsefit/clubs/internal/classes/store"
	"github.com/pulsefit/clubs/internal/classes/timetable"
	"github.com/pulsefit/clubs/internal/legacy/campaigns"
	"github.com/pulsefit/clubs/internal/legacy/lockers"
	"github.com/pulsefit/clubs/internal/membership/freeze"
	"github.com/pulsefit/clubs/internal/membership/plans"
	membershipsvc "github.com/pulsefit/clubs/internal/membership/service"
	memberstore "github.com/pulsefit/clubs/internal/membership/store"
	"github.com/pulsefit/clubs/internal/shop/stock"
	"github.com/pulsefit/clubs/pkg/config"
	"github.com/pulsefit/clubs/pkg/db"
	"github.com/pulsefit/clubs/pkg/events"
	"github.com/pulsefit/clubs/pkg/jobs"
	"github.com/pulsefit/clubs/pkg/logging"
	"github.com/pulsefit/clubs/pkg/notify"
)

// alwaysEligible is used for no-show processing, which never books.
type alwaysEligible struct{}

func (alwaysEligible) CanBook(context.Context, string, string) (bool, string, error) {
	return true, "", nil
}

func main() {
	cfg, err := config.Load()
	if err != nil {
		panic(err)
	}
	log := logging.New("worker", cfg.Env)
	conn, err := db.Open(cfg.DatabaseURL, 5)
	if err != nil {
		log.Error("db", "err", err)
		os.Exit(1)
	}
	defer conn.Close()
	bus := events.NewBus(conn, log)
	mail := &notify.SMTPSender{Host: cfg.SMTPHost, From: cfg.SMTPFrom, Logger: log, DryRun: cfg.Env == "dev"}

	bStore := billingstore.New(conn)
	mandates := directdebit.New(conn)
	billing := billingsvc.New(conn, bStore, mandates, payments.NewGateway(os.Getenv("PULSE_PSP_URL"), os.Getenv("PULSE_PSP_KEY")), dunning.NewStore(conn), bus)
	outDir := os.Getenv("PULSE_BACS_OUT")
	monthly := &billingjobs.MonthlyRun{DB: conn, Store: bStore, Mandates: mandates, Billing: billing, Logger: log,
		Upload: func(_ context.Context, name, body string) error {
			return os.WriteFile(filepath.Join(outDir, name), []byte(body), 0o600)
		}}

	mStore := memberstore.New(conn)
	members := membershipsvc.New(conn, mStore, plans.New(conn), billing, bus, mail)
	freezes := freeze.New(conn, mStore, mandates, bus)
	cStore := classstore.New(conn)
	bookings := booking.New(conn, cStore, alwaysEligible{}, billing, bus)
	planner := timetable.New(conn, cStore, bus)
	engine := &campaigns.Engine{DB: conn, Mail: mail, SMS: mail, Logger: log}
	lockerMod := &lockers.Module{DB: conn}
	ledger := stock.New(conn)

	bus.Subscribe(events.PaymentSucceeded, members.OnPaymentSucceeded)
	bus.Subscribe(events.PaymentFailed, func(ctx context.Context, e events.Event) error {
		m, err := members.Get(ctx, e.Key)
		if err != nil {
			return err
		}
		var p struct {
			Amount string `json:"amount"`
		}
		_ = e.Decode(&p)
		return mail.Send(ctx, notify.Message{To: m.Email, Subject: "Payment failed", Template: "payment_failed",
			Data: map[string]any{"FirstName": m.FirstName, "Amount": p.Amount}})
	})

	r := jobs.NewRunner(conn, log)
	r.Add(jobs.Job{Name: "membership.renewals", Interval: time.Hour, Run: members.RunRenewals})
	r.Add(jobs.Job{Name: "membership.unfreeze", Interval: time.Hour, Run: func(ctx context.Context) error {
		_, err := freezes.Unfreeze(ctx, time.Now().UTC())
		return err
	}})
	r.Add(jobs.Job{Name: "billing.monthly", Interval: 6 * time.Hour, Run: func(ctx context.Context) error {
		if time.Now().UTC().Day() != cfg.DDCollectionDay {
			return nil
		}
		return monthly.Run(ctx)
	}})
	r.Add(jobs.Job{Name: "billing.bacs", Interval: 24 * time.Hour, Run: func(ctx context.Context) error {
		return monthly.SubmitCollections(ctx, cfg.DDLeadDays)
	}})
	r.Add(jobs.Job{Name: "billing.daily", Interval: 24 * time.Hour, Run: monthly.Daily})
	r.Add(jobs.Job{Name: "classes.noshows", Interval: 15 * time.Minute, Run: bookings.ProcessNoShows})
	r.Add(jobs.Job{Name: "classes.timetable", Interval: 24 * time.Hour, Run: planner.GenerateAll})
	r.Add(jobs.Job{Name: "marketing.campaigns", Interval: cfg.WorkerInterval, Run: engine.SendDue})
	r.Add(jobs.Job{Name: "facilities.lockers", Interval: 24 * time.Hour, Run: func(ctx context.Context) error {
		_, err := lockerMod.ExpireUnpaid(ctx)
		return err
	}})
	r.Add(jobs.Job{Name: "shop.lowstock", Interval: 24 * time.Hour, Run: func(ctx context.Context) error {
		low, err := ledger.LowStock(ctx)
		for _, l := range low {
			log.Warn("low stock", "club", l.ClubID, "product", l.Name, "on_hand", l.OnHand)
		}
		return err
	}})

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	log.Info("worker started")
	r.Start(ctx)
}
