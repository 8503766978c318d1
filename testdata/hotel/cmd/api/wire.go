package main

import (
	"database/sql"
	"net/http"

	"github.com/jmoiron/sqlx"

	"github.com/staybright/platform/internal/channel/inbound"
	"github.com/staybright/platform/internal/channel/mapping"
	"github.com/staybright/platform/internal/channel/ota"
	"github.com/staybright/platform/internal/channel/ota/bookingcom"
	"github.com/staybright/platform/internal/channel/ota/expedia"
	channelsync "github.com/staybright/platform/internal/channel/sync"
	bookinghandler "github.com/staybright/platform/internal/handler/booking"
	frontdeskhandler "github.com/staybright/platform/internal/handler/frontdesk"
	guesthandler "github.com/staybright/platform/internal/handler/guest"
	hkhandler "github.com/staybright/platform/internal/handler/housekeeping"
	inventoryhandler "github.com/staybright/platform/internal/handler/inventory"
	pricinghandler "github.com/staybright/platform/internal/handler/pricing"
	reviewhandler "github.com/staybright/platform/internal/handler/review"
	"github.com/staybright/platform/internal/loyalty/points"
	loyaltystore "github.com/staybright/platform/internal/loyalty/store"
	"github.com/staybright/platform/internal/payments"
	"github.com/staybright/platform/internal/payments/gateway"
	"github.com/staybright/platform/internal/payments/httpapi"
	"github.com/staybright/platform/internal/payments/ledger"
	paystore "github.com/staybright/platform/internal/payments/store"
	"github.com/staybright/platform/internal/pkg/auth"
	"github.com/staybright/platform/internal/pkg/clock"
	"github.com/staybright/platform/internal/pkg/config"
	"github.com/staybright/platform/internal/pkg/db"
	"github.com/staybright/platform/internal/pkg/events"
	"github.com/staybright/platform/internal/pkg/httpx"
	"github.com/staybright/platform/internal/pkg/log"
	"github.com/staybright/platform/internal/pkg/mailer"
	"github.com/staybright/platform/internal/service/availability"
	"github.com/staybright/platform/internal/service/booking"
	"github.com/staybright/platform/internal/service/booking/notify"
	"github.com/staybright/platform/internal/service/frontdesk"
	"github.com/staybright/platform/internal/service/guest"
	"github.com/staybright/platform/internal/service/housekeeping"
	"github.com/staybright/platform/internal/service/inventory"
	"github.com/staybright/platform/internal/service/pricing"
	"github.com/staybright/platform/internal/service/review"
	availstore "github.com/staybright/platform/internal/store/availability"
	gueststore "github.com/staybright/platform/internal/store/guest"
	hotelstore "github.com/staybright/platform/internal/store/hotel"
	hkstore "github.com/staybright/platform/internal/store/housekeeping"
	"github.com/staybright/platform/internal/store/promo"
	"github.com/staybright/platform/internal/store/rateplan"
	"github.com/staybright/platform/internal/store/reservation"
	reviewstore "github.com/staybright/platform/internal/store/review"
	"github.com/staybright/platform/internal/store/roomtype"
)

type app struct {
	db       *sql.DB
	verifier auth.Verifier

	inventory    *inventoryhandler.Handler
	pricing      *pricinghandler.Handler
	booking      *bookinghandler.Handler
	frontdesk    *frontdeskhandler.Handler
	guests       *guesthandler.Handler
	housekeeping *hkhandler.Handler
	reviews      *reviewhandler.Handler
	payments     *httpapi.Handler
	channels     *inbound.Handler
}

func wire(cfg *config.Config, logger *log.Logger) (*app, error) {
	conn, err := db.Open(cfg.DatabaseURL)
	if err != nil {
		return nil, err
	}
	xdb := sqlx.NewDb(conn, "postgres")
	bus := events.NewBus(logger)
	clk := clock.Real{}
	verifier := auth.StaticTokens(cfg.StaffTokens)

	var sender mailer.Sender = &mailer.LogSender{Logger: logger}
	if cfg.SMTPAddr != "" {
		sender = mailer.NewSMTP(cfg.SMTPAddr, cfg.MailFrom)
	}
	var gw gateway.Gateway = gateway.NewHTTP(cfg.PSPBaseURL, cfg.PSPAPIKey, cfg.PSPMerchantID)
	if cfg.UseFakePSP {
		gw = gateway.Fake{}
	}
	otas := ota.Registry{
		ota.BookingCom: bookingcom.New(cfg.BookingComURL, cfg.BookingComKey),
		ota.Expedia:    expedia.New(cfg.ExpediaURL, cfg.ExpediaKey),
	}

	// Stores.
	hotels := hotelstore.New(conn)
	roomTypes := roomtype.New(conn)
	calendar := availstore.New(conn)
	plans := rateplan.New(conn)
	promos := promo.New(conn)
	guestsDB := gueststore.New(conn)
	reservations := reservation.New(conn)
	loyaltyDB := loyaltystore.New(conn)
	payDB := paystore.New(xdb)
	hkDB := hkstore.New(conn)
	reviewDB := reviewstore.New(xdb)
	maps := mapping.New(xdb)

	// Services.
	inv := inventory.New(hotels, roomTypes, calendar, bus, clk, logger)
	avail := availability.New(calendar, hotels, roomTypes, bus, logger)
	price := pricing.New(plans, promos, inv, avail, bus, clk, logger)
	guestSvc := guest.New(guestsDB, logger)
	loyalty := points.New(loyaltyDB, reservations, guestSvc, clk, logger)
	pay := payments.New(payDB, gw, ledger.New(conn), bus,
		payments.Config{Provider: "psp", ApprovalLimit: cfg.RefundApproval}, logger)
	book := booking.New(booking.Deps{
		Store: reservations, Pricer: price, Inventory: avail, Catalog: inv, Guests: guestSvc,
		Payments: pay, Bus: bus, Clock: clk, Log: logger,
	})
	hk := housekeeping.New(hkDB, inv, bus, clk, logger)
	desk := frontdesk.New(reservations, inv, hk, pay, bus, clk, logger)
	reviews := review.New(reviewDB, book, payDB, clk, logger)
	pusher := channelsync.New(maps, avail, plans, otas, clk, cfg.CalendarDays, logger)

	// Event subscriptions.
	notify.New(sender, inv, guestSvc, logger).Subscribe(bus)
	loyalty.Subscribe(bus)
	hk.Subscribe(bus)
	pusher.Subscribe(bus)

	return &app{
		db:           conn,
		verifier:     verifier,
		inventory:    inventoryhandler.New(inv, avail, verifier),
		pricing:      pricinghandler.New(price, verifier),
		booking:      bookinghandler.New(book, guestSvc),
		frontdesk:    frontdeskhandler.New(desk, book, verifier),
		guests:       guesthandler.New(guestSvc, loyalty, reservations, verifier),
		housekeeping: hkhandler.New(hk, verifier),
		reviews:      reviewhandler.New(reviews, verifier),
		payments:     httpapi.New(pay, verifier, cfg.PSPWebhookKey),
		channels:     inbound.New(otas, maps, book, conn, logger),
	}, nil
}

func (a *app) routes(mux *http.ServeMux) {
	a.inventory.Register(mux)
	a.pricing.Register(mux)
	a.booking.Register(mux)
	a.frontdesk.Register(mux)
	a.guests.Register(mux)
	a.housekeeping.Register(mux)
	a.reviews.Register(mux)
	a.payments.Register(mux)
	a.channels.Register(mux)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		httpx.JSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
}

func (a *app) close() { _ = a.db.Close() }
