// Command api is the main HTTP API used by the member app, web join flow and staff back office.
package main

import (
	"context"
	"errors"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	accesscards "github.com/pulsefit/clubs/internal/access/cards"
	"github.com/pulsefit/clubs/internal/access/checkin"
	accesshttp "github.com/pulsefit/clubs/internal/access/http"
	accessstore "github.com/pulsefit/clubs/internal/access/store"
	"github.com/pulsefit/clubs/internal/billing/directdebit"
	"github.com/pulsefit/clubs/internal/billing/dunning"
	billinghttp "github.com/pulsefit/clubs/internal/billing/http"
	"github.com/pulsefit/clubs/internal/billing/payments"
	billingsvc "github.com/pulsefit/clubs/internal/billing/service"
	billingstore "github.com/pulsefit/clubs/internal/billing/store"
	"github.com/pulsefit/clubs/internal/classes/booking"
	classeshttp "github.com/pulsefit/clubs/internal/classes/http"
	classstore "github.com/pulsefit/clubs/internal/classes/store"
	"github.com/pulsefit/clubs/internal/classes/timetable"
	"github.com/pulsefit/clubs/internal/classes/waitlist"
	"github.com/pulsefit/clubs/internal/facilities/clubs"
	facilitieshttp "github.com/pulsefit/clubs/internal/facilities/http"
	"github.com/pulsefit/clubs/internal/facilities/maintenance"
	"github.com/pulsefit/clubs/internal/legacy/campaigns"
	"github.com/pulsefit/clubs/internal/legacy/lockers"
	marketinghttp "github.com/pulsefit/clubs/internal/marketing/http"
	"github.com/pulsefit/clubs/internal/marketing/referrals"
	"github.com/pulsefit/clubs/internal/membership/freeze"
	membershiphttp "github.com/pulsefit/clubs/internal/membership/http"
	"github.com/pulsefit/clubs/internal/membership/plans"
	membershipsvc "github.com/pulsefit/clubs/internal/membership/service"
	memberstore "github.com/pulsefit/clubs/internal/membership/store"
	"github.com/pulsefit/clubs/internal/reports"
	"github.com/pulsefit/clubs/internal/shop/catalog"
	shophttp "github.com/pulsefit/clubs/internal/shop/http"
	"github.com/pulsefit/clubs/internal/shop/orders"
	"github.com/pulsefit/clubs/internal/shop/stock"
	traininghttp "github.com/pulsefit/clubs/internal/training/http"
	"github.com/pulsefit/clubs/internal/training/sessions"
	"github.com/pulsefit/clubs/internal/training/trainers"
	"github.com/pulsefit/clubs/pkg/config"
	"github.com/pulsefit/clubs/pkg/db"
	"github.com/pulsefit/clubs/pkg/events"
	"github.com/pulsefit/clubs/pkg/httpx"
	"github.com/pulsefit/clubs/pkg/logging"
	"github.com/pulsefit/clubs/pkg/notify"
)

// bookingEligibility adapts the membership service to the classes booking port.
type bookingEligibility struct{ m *membershipsvc.Service }

func (b bookingEligibility) CanBook(ctx context.Context, memberID, clubID string) (bool, string, error) {
	e, err := b.m.CheckEligibility(ctx, memberID)
	if err != nil {
		return false, "", err
	}
	if !e.Active {
		return false, e.Reason, nil
	}
	if !e.AllClubs && e.HomeClubID != clubID {
		return false, "classes at your home club only", nil
	}
	return e.Reason == "", e.Reason, nil
}

func main() {
	cfg, err := config.Load()
	if err != nil {
		panic(err)
	}
	log := logging.New("api", cfg.Env)
	conn, err := db.Open(cfg.DatabaseURL, cfg.DBMaxOpen)
	if err != nil {
		log.Error("db", "err", err)
		os.Exit(1)
	}
	defer conn.Close()

	bus := events.NewBus(conn, log)
	mail := &notify.SMTPSender{Host: cfg.SMTPHost, From: cfg.SMTPFrom, Logger: log, DryRun: cfg.Env == "dev"}

	// billing
	bStore := billingstore.New(conn)
	mandates := directdebit.New(conn)
	gateway := payments.NewGateway(os.Getenv("PULSE_PSP_URL"), os.Getenv("PULSE_PSP_KEY"))
	billing := billingsvc.New(conn, bStore, mandates, gateway, dunning.NewStore(conn), bus)

	// membership
	mStore := memberstore.New(conn)
	catalogue := plans.New(conn)
	members := membershipsvc.New(conn, mStore, catalogue, billing, bus, mail)
	freezes := freeze.New(conn, mStore, mandates, bus)

	// facilities
	clubDir := clubs.New(conn)
	maint := maintenance.New(conn, clubDir)
	lockerMod := &lockers.Module{DB: conn}

	// access
	aStore := accessstore.New(conn)
	cardReg := accesscards.NewRegistry(conn, os.Getenv("PULSE_QR_KEY"))
	checkins := checkin.New(cardReg, aStore, mStore, clubDir, bus)

	// classes
	cStore := classstore.New(conn)
	bookings := booking.New(conn, cStore, bookingEligibility{members}, billing, bus)
	waits := waitlist.New(conn, cStore, bookings, mail)
	planner := timetable.New(conn, cStore, bus)

	// training
	tStore := trainers.New(conn)
	pt := sessions.New(conn, tStore, billing, bus)

	// shop
	cat := catalog.New(conn)
	ledger := stock.New(conn)
	shopOrders := orders.New(conn, cat, ledger, bStore, billing, bus)

	// marketing
	engine := &campaigns.Engine{DB: conn, Mail: mail, SMS: mail, Logger: log}
	refs := referrals.New(conn, members, billing)

	bus.Subscribe(events.BookingCancelled, waits.OnBookingCancelled)
	bus.Subscribe(events.MemberJoined, refs.OnMemberJoined)
	bus.Subscribe(events.PaymentSucceeded, members.OnPaymentSucceeded)
	bus.Subscribe(events.PaymentSucceeded, refs.OnPaymentSucceeded)

	mux := http.NewServeMux()
	(&membershiphttp.Handlers{Svc: members, Freeze: freezes, Plans: catalogue, Store: mStore}).Register(mux)
	(&accesshttp.Handlers{Checkin: checkins, Cards: cardReg, Store: aStore}).RegisterStaff(mux)
	(&classeshttp.Handlers{Store: cStore, Bookings: bookings, Waitlist: waits, Timetable: planner}).Register(mux)
	(&traininghttp.Handlers{Trainers: tStore, Sessions: pt}).Register(mux)
	(&billinghttp.Handlers{Store: bStore, Billing: billing, Mandates: mandates}).Register(mux)
	(&shophttp.Handlers{Catalog: cat, Stock: ledger, Orders: shopOrders}).Register(mux)
	(&facilitieshttp.Handlers{Clubs: clubDir, Maintenance: maint, Lockers: lockerMod}).Register(mux)
	(&marketinghttp.Handlers{Campaigns: engine, Referrals: refs}).Register(mux)
	(&reports.Reports{Replica: conn}).Register(mux)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		if err := conn.PingContext(r.Context()); err != nil {
			http.Error(w, "db down", http.StatusServiceUnavailable)
			return
		}
		_, _ = w.Write([]byte("ok"))
	})

	srv := &http.Server{Addr: cfg.HTTPAddr, Handler: httpx.Recover(httpx.Logging(log, mux)), ReadHeaderTimeout: 10 * time.Second}
	go func() {
		log.Info("listening", "addr", cfg.HTTPAddr)
		if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("serve", "err", err)
			os.Exit(1)
		}
	}()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	<-ctx.Done()
	shutdown, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	_ = srv.Shutdown(shutdown)
}
