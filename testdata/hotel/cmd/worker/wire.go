package main

import (
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/staybright/platform/internal/channel/mapping"
	"github.com/staybright/platform/internal/channel/ota"
	"github.com/staybright/platform/internal/channel/ota/bookingcom"
	"github.com/staybright/platform/internal/channel/ota/expedia"
	channelsync "github.com/staybright/platform/internal/channel/sync"
	"github.com/staybright/platform/internal/jobs/calendar"
	"github.com/staybright/platform/internal/jobs/noshow"
	"github.com/staybright/platform/internal/jobs/pendingexpiry"
	"github.com/staybright/platform/internal/loyalty/points"
	loyaltystore "github.com/staybright/platform/internal/loyalty/store"
	"github.com/staybright/platform/internal/payments"
	"github.com/staybright/platform/internal/payments/gateway"
	"github.com/staybright/platform/internal/payments/ledger"
	"github.com/staybright/platform/internal/payments/settlement"
	paystore "github.com/staybright/platform/internal/payments/store"
	"github.com/staybright/platform/internal/pkg/clock"
	"github.com/staybright/platform/internal/pkg/config"
	"github.com/staybright/platform/internal/pkg/db"
	"github.com/staybright/platform/internal/pkg/events"
	"github.com/staybright/platform/internal/pkg/log"
	"github.com/staybright/platform/internal/pkg/mailer"
	"github.com/staybright/platform/internal/service/availability"
	"github.com/staybright/platform/internal/service/booking"
	"github.com/staybright/platform/internal/service/booking/notify"
	"github.com/staybright/platform/internal/service/guest"
	"github.com/staybright/platform/internal/service/housekeeping"
	"github.com/staybright/platform/internal/service/inventory"
	"github.com/staybright/platform/internal/service/pricing"
	availstore "github.com/staybright/platform/internal/store/availability"
	gueststore "github.com/staybright/platform/internal/store/guest"
	hotelstore "github.com/staybright/platform/internal/store/hotel"
	hkstore "github.com/staybright/platform/internal/store/housekeeping"
	"github.com/staybright/platform/internal/store/promo"
	"github.com/staybright/platform/internal/store/rateplan"
	"github.com/staybright/platform/internal/store/reservation"
	"github.com/staybright/platform/internal/store/roomtype"
)

// wire builds the job list. The worker does not serve HTTP, but it still
// needs the booking engine (no-shows, expiry) and the subscribers that react
// to the events those jobs publish.
func wire(cfg *config.Config, logger *log.Logger) ([]scheduled, func(), error) {
	conn, err := db.Open(cfg.DatabaseURL)
	if err != nil {
		return nil, nil, err
	}
	xdb := sqlx.NewDb(conn, "postgres")
	bus := events.NewBus(logger)
	clk := clock.Real{}

	var sender mailer.Sender = &mailer.LogSender{Logger: logger}
	if cfg.SMTPAddr != "" {
		sender = mailer.NewSMTP(cfg.SMTPAddr, cfg.MailFrom)
	}
	var gw gateway.Gateway = gateway.NewHTTP(cfg.PSPBaseURL, cfg.PSPAPIKey, cfg.PSPMerchantID)
	if cfg.UseFakePSP {
		gw = gateway.Fake{}
	}

	hotels := hotelstore.New(conn)
	roomTypes := roomtype.New(conn)
	cal := availstore.New(conn)
	plans := rateplan.New(conn)
	reservations := reservation.New(conn)
	payDB := paystore.New(xdb)
	ldg := ledger.New(conn)
	maps := mapping.New(xdb)

	inv := inventory.New(hotels, roomTypes, cal, bus, clk, logger)
	avail := availability.New(cal, hotels, roomTypes, bus, logger)
	price := pricing.New(plans, promo.New(conn), inv, avail, bus, clk, logger)
	guestSvc := guest.New(gueststore.New(conn), logger)
	loyalty := points.New(loyaltystore.New(conn), reservations, guestSvc, clk, logger)
	pay := payments.New(payDB, gw, ldg, bus, payments.Config{Provider: "psp", ApprovalLimit: cfg.RefundApproval}, logger)
	book := booking.New(booking.Deps{
		Store: reservations, Pricer: price, Inventory: avail, Catalog: inv, Guests: guestSvc,
		Payments: pay, Bus: bus, Clock: clk, Log: logger,
	})
	hk := housekeeping.New(hkstore.New(conn), inv, bus, clk, logger)
	pusher := channelsync.New(maps, avail, plans, ota.Registry{
		ota.BookingCom: bookingcom.New(cfg.BookingComURL, cfg.BookingComKey),
		ota.Expedia:    expedia.New(cfg.ExpediaURL, cfg.ExpediaKey),
	}, clk, cfg.CalendarDays, logger)

	notify.New(sender, inv, guestSvc, logger).Subscribe(bus)
	pusher.Subscribe(bus)

	jobs := []scheduled{
		{calendar.New(hotels, roomTypes, cal, cfg.CalendarDays, clk, logger), 6 * time.Hour},
		{pendingexpiry.New(book, cfg.PendingTTL, logger), cfg.WorkerInterval},
		{noshow.New(reservations, book, clk, logger), time.Hour},
		{settlement.New(gw, payDB, ldg, clk, logger), 24 * time.Hour},
		{points.TierReviewJob{Svc: loyalty}, 24 * time.Hour},
		{housekeeping.DailyPlanJob{Svc: hk}, 24 * time.Hour},
		{channelsync.FullRefreshJob{P: pusher}, 12 * time.Hour},
	}
	return jobs, func() { _ = conn.Close() }, nil
}
