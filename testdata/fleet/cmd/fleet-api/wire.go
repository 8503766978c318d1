package main

import (
	"context"
	"database/sql"
	"net/http"

	"gitlab.com/roadrunner/fleet/lib/clock"
	"gitlab.com/roadrunner/fleet/lib/conf"
	"gitlab.com/roadrunner/fleet/lib/geo"
	"gitlab.com/roadrunner/fleet/lib/httpx"
	"gitlab.com/roadrunner/fleet/lib/xlog"
	"gitlab.com/roadrunner/fleet/services/billing/billinghttp"
	"gitlab.com/roadrunner/fleet/services/billing/contracts"
	"gitlab.com/roadrunner/fleet/services/billing/invoicing"
	"gitlab.com/roadrunner/fleet/services/billing/pricing"
	"gitlab.com/roadrunner/fleet/services/crew/crewhttp"
	"gitlab.com/roadrunner/fleet/services/crew/hos"
	"gitlab.com/roadrunner/fleet/services/crew/licence"
	"gitlab.com/roadrunner/fleet/services/crew/roster"
	"gitlab.com/roadrunner/fleet/services/customers/account"
	"gitlab.com/roadrunner/fleet/services/customers/notify"
	"gitlab.com/roadrunner/fleet/services/customers/shipments"
	"gitlab.com/roadrunner/fleet/services/dispatch/api"
	"gitlab.com/roadrunner/fleet/services/dispatch/planner"
	"gitlab.com/roadrunner/fleet/services/dispatch/routing"
	"gitlab.com/roadrunner/fleet/services/dispatch/store"
	"gitlab.com/roadrunner/fleet/services/fleet/fleetapi"
	"gitlab.com/roadrunner/fleet/services/fleet/inspections"
	"gitlab.com/roadrunner/fleet/services/fleet/maintenance"
	"gitlab.com/roadrunner/fleet/services/fleet/vehicle"
	"gitlab.com/roadrunner/fleet/services/fleet/vehicle/pgstore"
	"gitlab.com/roadrunner/fleet/services/fuel/fuelindex"
	"gitlab.com/roadrunner/fleet/services/telematics/alerts"
	"gitlab.com/roadrunner/fleet/services/telematics/geofence"
	"gitlab.com/roadrunner/fleet/services/telematics/ingest"
	"gitlab.com/roadrunner/fleet/services/telematics/positions"
	"gitlab.com/roadrunner/fleet/web/livemap"
	"gitlab.com/roadrunner/fleet/web/middleware"
	"gitlab.com/roadrunner/fleet/web/portal"
)

// wire builds every module and returns the root handler. There is no DI
// framework on purpose; the order below is the dependency order.
func wire(ctx context.Context, cfg conf.Config, db *sql.DB) http.Handler {
	clk, log := clock.System, xlog.From(ctx)

	vehicles := vehicle.NewService(pgstore.New(db), clk)
	maint := maintenance.New(db, vehicles, clk)
	driverStore := roster.NewStore(db)
	insp := inspections.New(db, vehicles, maint, driverStore, clk)

	licences := licence.NewService(db, driverStore, clk)
	drivers := roster.NewService(driverStore, licences, clk)
	hours := hos.New(db, clk)

	pos := positions.NewStore(db)
	fences := geofence.NewEngine(db)
	if err := fences.Reload(ctx); err != nil {
		log.Warn("geofences not loaded; continuing without", "err", err)
	}
	alertStore := alerts.NewStore(db)

	trips := store.NewTripStore(db)
	plan := planner.New(planner.Deps{
		Trips: trips, Vehicles: vehicles, Drivers: drivers, Hours: hours, Positions: pos, Inspector: insp,
		Depot: geo.Point{Lat: cfg.DepotLat, Lon: cfg.DepotLon}, Routing: routing.Defaults, Clock: clk,
	})

	accounts := account.New(db, clk)
	outbox := notify.NewOutbox(db, accounts, nil, clk) // the worker sends
	ships := shipments.New(db, accounts, plan, outbox, clk)
	plan.OnChange(ships.OnTripChange)

	ctrs := contracts.New(db, clk)
	invoices := invoicing.New(db, pricing.NewPricer(ctrs, fuelindex.New(db, clk)), ctrs, accounts, clk)

	internal := http.NewServeMux()
	(&fleetapi.Handler{Vehicles: vehicles, Maintenance: maint, Inspections: insp}).Register(internal)
	crewhttp.Routes(internal, crewhttp.Deps{Roster: drivers, Licences: licences, Hours: hours})
	dispatchAPI := api.NewServer(plan, trips, vehicles, drivers)
	internal.Handle("/v1/trips", dispatchAPI)
	internal.Handle("/v1/trips/", dispatchAPI)
	internal.Handle("/v1/board", dispatchAPI)
	(&livemap.Map{Positions: pos, Alerts: alertStore, Vehicles: vehicles}).Register(internal)
	httpx.Mount(internal, (&billinghttp.Handlers{Contracts: ctrs, Invoices: invoices}).Routes())

	root := http.NewServeMux()
	root.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		if err := db.PingContext(r.Context()); err != nil {
			httpx.JSON(w, http.StatusServiceUnavailable, map[string]string{"db": err.Error()})
			return
		}
		httpx.OK(w, map[string]string{"status": "ok", "version": version})
	})
	root.Handle("/portal/", (&portal.Portal{Accounts: accounts, Shipments: ships, Invoices: invoices}).Handler())
	// devices are authenticated by an IMEI allow-list at the load balancer
	root.Handle("POST /ingest", (&ingest.Pipeline{DB: db, Positions: pos, Fences: fences, Alerts: alertStore,
		Vehicles: vehicles, Log: log.With("component", "ingest")}).Handler())
	root.Handle("/", middleware.StaticToken(conf.String("INTERNAL_TOKEN", ""))(internal))
	return middleware.Chain(root, middleware.RequestLog)
}
