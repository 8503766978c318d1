// Package app builds every service and wires them together. The binaries in
// cmd/ only differ in what they start from here.
package app

import (
	"context"
	"database/sql"
	"net/http"

	"tablecraft.io/ops/config"
	"tablecraft.io/ops/db"
	kitchenapi "tablecraft.io/ops/internal/kitchen/api"
	"tablecraft.io/ops/internal/kitchen/display"
	kitchenstore "tablecraft.io/ops/internal/kitchen/store"
	loyaltyapi "tablecraft.io/ops/internal/loyalty/api"
	"tablecraft.io/ops/internal/loyalty/giftcards"
	"tablecraft.io/ops/internal/loyalty/points"
	onlineapi "tablecraft.io/ops/internal/online/api"
	"tablecraft.io/ops/internal/online/cart"
	"tablecraft.io/ops/internal/online/menusync"
	"tablecraft.io/ops/internal/online/partners"
	"tablecraft.io/ops/internal/online/partners/grubhop"
	"tablecraft.io/ops/internal/online/partners/swiftdash"
	"tablecraft.io/ops/internal/platform/events"
	"tablecraft.io/ops/internal/platform/httpx"
	"tablecraft.io/ops/internal/platform/notify"
	purchasingapi "tablecraft.io/ops/internal/purchasing/api"
	purchaseorders "tablecraft.io/ops/internal/purchasing/orders"
	"tablecraft.io/ops/internal/purchasing/suppliers"
	resapi "tablecraft.io/ops/internal/reservations/api"
	"tablecraft.io/ops/internal/reservations/booking"
	resstore "tablecraft.io/ops/internal/reservations/store"
	"tablecraft.io/ops/internal/reservations/waitlist"
	staffapi "tablecraft.io/ops/internal/staff/api"
	"tablecraft.io/ops/internal/staff/employees"
	"tablecraft.io/ops/internal/staff/schedule"
	"tablecraft.io/ops/internal/staff/timeclock"
	"tablecraft.io/ops/inventory"
	"tablecraft.io/ops/inventory/counts"
	"tablecraft.io/ops/logging"
	"tablecraft.io/ops/menu"
	"tablecraft.io/ops/menu/menuhttp"
	"tablecraft.io/ops/menu/pricing"
	"tablecraft.io/ops/payments"
	"tablecraft.io/ops/payments/gateway"
	"tablecraft.io/ops/payments/payhttp"
	"tablecraft.io/ops/payments/tips"
	"tablecraft.io/ops/pos"
	"tablecraft.io/ops/pos/posdb"
	"tablecraft.io/ops/pos/poshttp"
	"tablecraft.io/ops/pos/tickets"
	"tablecraft.io/ops/reports"
	"tablecraft.io/ops/reports/labor"
	"tablecraft.io/ops/stores"
)

// App holds every service.
type App struct {
	Cfg    *config.Config
	Log    *logging.Logger
	DB     *sql.DB
	Bus    *events.Bus
	Outbox *events.Outbox
	Notify notify.Sender

	Stores    *stores.Directory
	Menu      *menu.Service
	Pricing   *pricing.Engine
	Orders    *posdb.Store
	POS       *pos.Service
	Employees *employees.Service
	Schedule  *schedule.Service
	Clock     *timeclock.Service
	Kitchen   *kitchenstore.Store
	KDS       *display.Service
	ResStore  *resstore.Store
	Booking   *booking.Service
	Waitlist  *waitlist.Service
	Points    *points.Service
	GiftCards *giftcards.Service
	Payments  *payments.Service
	Tips      *tips.Pooler
	Partners  *partners.Registry
	Cart      *cart.Service
	MenuSync  *menusync.Syncer
	Inventory *inventory.Service
	Counts    *counts.Service
	Suppliers *suppliers.Service
	POs       *purchaseorders.Service
	Reports   *reports.Service
	Labor     *labor.Report
}

// New opens the database and constructs all services.
func New(cfg *config.Config, log *logging.Logger) (*App, error) {
	conn, err := db.Open(cfg.DatabaseURL)
	if err != nil {
		return nil, err
	}
	a := &App{Cfg: cfg, Log: log, DB: conn, Bus: events.NewBus(log), Outbox: events.NewOutbox(conn)}
	a.Notify = notify.LogSender{Log: log}
	if cfg.SMSProviderURL != "" {
		a.Notify = notify.NewHTTPSender(cfg.SMSProviderURL, cfg.SMSFrom)
	}

	a.Stores = stores.New(conn)
	a.Menu = menu.NewService(conn)
	a.Pricing = pricing.NewEngine(conn, a.Menu, a.Stores)

	a.Employees = employees.NewService(conn)
	a.Schedule = schedule.NewService(conn, a.Employees, a.Notify)
	a.Orders = posdb.New(conn)
	a.Clock = timeclock.NewService(conn, a.Employees, a.Schedule, a.Orders)
	a.POS = pos.NewService(a.Orders, a.Menu, a.Pricing, a.Stores, a.Employees, tickets.New(conn), a.Bus, log)

	a.Kitchen = kitchenstore.New(conn)
	a.KDS = display.New(a.Kitchen, a.Menu, a.Orders, a.Bus)

	a.ResStore = resstore.New(conn)
	a.Booking = booking.New(a.ResStore, a.Stores, a.Notify, a.Bus)
	a.Waitlist = waitlist.New(a.ResStore, a.Notify)

	a.Points = points.New(conn)
	a.GiftCards = giftcards.New(conn)
	a.Payments = payments.New(conn, a.POS, gateway.New(cfg.GatewayURL, cfg.GatewayKey), a.GiftCards, a.Bus)
	a.Tips = tips.New(conn, cfg.TipPoolPercent, cfg.BusinessDayCutoverHour)

	a.Partners = partners.NewRegistry(
		swiftdash.New(cfg.SwiftDashURL, cfg.SwiftDashSecret),
		grubhop.New(cfg.GrubHopURL, cfg.GrubHopToken),
	)
	a.Cart = cart.New(conn, a.Orders, a.Pricing, a.Payments, a.Stores, a.Partners, a.Notify, a.Bus)
	a.MenuSync = menusync.New(conn, a.Partners, log)

	a.Inventory = inventory.New(conn, a.Bus)
	a.Counts = counts.New(conn, a.Inventory)
	a.Suppliers = suppliers.New(conn)
	a.POs = purchaseorders.New(conn, a.Inventory, a.Suppliers, a.Notify)

	a.Reports = reports.New(conn, cfg.BusinessDayCutoverHour)
	a.Labor = labor.New(conn)
	return a, nil
}

// Subscribe wires event consumers. Both opsd and the worker call it: opsd
// gets immediate in-process delivery, the worker gets relayed outbox events.
func (a *App) Subscribe() {
	a.Bus.Subscribe(events.PaymentCaptured, a.POS.OnPaymentCaptured)
	a.Bus.Subscribe(events.OrderClosed, a.Points.OnOrderClosed)
	a.Bus.Subscribe(events.OrderClosed, a.Inventory.OnOrderClosed)
	a.Bus.Subscribe(events.OrderFired, a.KDS.OnOrderFired)
	a.Bus.Subscribe(events.OrderReady, a.Cart.OnOrderReady)
	a.Bus.Subscribe(events.StockLow, func(ctx context.Context, e events.Event) error {
		a.Log.Warnf("location %d: stock below par: %v", e.LocationID, e.Payload)
		return nil
	})
}

// Handler returns the full HTTP API.
func (a *App) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		if err := a.DB.PingContext(r.Context()); err != nil {
			http.Error(w, "db down", http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte("ok"))
	})
	a.Stores.Routes(mux)
	(&menuhttp.Handler{Menu: a.Menu, Pricing: a.Pricing}).Routes(mux)
	(&poshttp.Handler{POS: a.POS}).Routes(mux)
	(&payhttp.Handler{Payments: a.Payments, Tips: a.Tips}).Routes(mux)
	(&kitchenapi.Handler{KDS: a.KDS}).Routes(mux)
	(&resapi.Handler{Booking: a.Booking, Waitlist: a.Waitlist, Store: a.ResStore, Schedule: a.Schedule}).Routes(mux)
	(&staffapi.Handler{Employees: a.Employees, Schedule: a.Schedule, Clock: a.Clock}).Routes(mux)
	(&loyaltyapi.Handler{Points: a.Points, GiftCards: a.GiftCards}).Routes(mux)
	(&onlineapi.Handler{Cart: a.Cart, Partners: a.Partners, Kitchen: a.Kitchen}).Routes(mux)
	a.Inventory.Routes(mux)
	(&purchasingapi.Handler{Orders: a.POs, Suppliers: a.Suppliers, Counts: a.Counts}).Routes(mux)
	a.Reports.Routes(mux)
	return httpx.Logged(a.Log, mux)
}

// Close releases resources.
func (a *App) Close() error { return a.DB.Close() }
