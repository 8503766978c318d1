// Package container is the composition root shared by all binaries: it
// builds stores, clients and application services from configuration.
package container

import (
	"database/sql"
	"log/slog"
	"net/http"
	"time"

	appbilling "parcelgo.com/platform/application/billing"
	appdispatch "parcelgo.com/platform/application/dispatch"
	appdriver "parcelgo.com/platform/application/driver"
	appmerchant "parcelgo.com/platform/application/merchant"
	apppayouts "parcelgo.com/platform/application/payouts"
	appreturns "parcelgo.com/platform/application/returns"
	appshipment "parcelgo.com/platform/application/shipment"
	apptracking "parcelgo.com/platform/application/tracking"
	"parcelgo.com/platform/domain/addressing"
	"parcelgo.com/platform/infrastructure/bankfile"
	"parcelgo.com/platform/infrastructure/events"
	"parcelgo.com/platform/infrastructure/geocoder"
	"parcelgo.com/platform/infrastructure/labels"
	"parcelgo.com/platform/infrastructure/notify"
	paddressing "parcelgo.com/platform/infrastructure/persistence/addressing"
	pbilling "parcelgo.com/platform/infrastructure/persistence/billing"
	pclaims "parcelgo.com/platform/infrastructure/persistence/claims"
	pdispatch "parcelgo.com/platform/infrastructure/persistence/dispatch"
	pdriver "parcelgo.com/platform/infrastructure/persistence/driver"
	pmerchant "parcelgo.com/platform/infrastructure/persistence/merchant"
	ppayouts "parcelgo.com/platform/infrastructure/persistence/payouts"
	preturns "parcelgo.com/platform/infrastructure/persistence/returns"
	pshipment "parcelgo.com/platform/infrastructure/persistence/shipment"
	ptracking "parcelgo.com/platform/infrastructure/persistence/tracking"
	"parcelgo.com/platform/shared/config"
)

// Stores are exposed because a few handlers still use them directly.
type Stores struct {
	Merchant   *pmerchant.Store
	Addressing *paddressing.Store
	Shipment   *pshipment.Store
	Billing    *pbilling.Store
	Tracking   *ptracking.Store
	Dispatch   *pdispatch.Store
	Driver     *pdriver.Store
	Returns    *preturns.Store
	Payouts    *ppayouts.Store
	Claims     *pclaims.Store
}

type Container struct {
	Cfg    config.Config
	Log    *slog.Logger
	DB     *sql.DB
	Bus    *events.Bus
	Stores Stores

	Addressing *addressing.Service
	Merchants  *appmerchant.Service
	Billing    *appbilling.Service
	Tracking   *apptracking.Service
	Shipments  *appshipment.Service
	Dispatch   *appdispatch.Service
	Drivers    *appdriver.Service
	Returns    *appreturns.Service
	Payouts    *apppayouts.Service
}

// Build wires everything. Order matters: services are built after the
// services they depend on.
func Build(cfg config.Config, log *slog.Logger, db *sql.DB) *Container {
	c := &Container{Cfg: cfg, Log: log, DB: db, Bus: events.NewBus(db, log)}
	c.Stores = Stores{
		Merchant: pmerchant.NewStore(db), Addressing: paddressing.NewStore(db), Shipment: pshipment.NewStore(db),
		Billing: pbilling.NewStore(db), Tracking: ptracking.NewStore(db), Dispatch: pdispatch.NewStore(db),
		Driver: pdriver.NewStore(db), Returns: preturns.NewStore(db), Payouts: ppayouts.NewStore(db),
		Claims: pclaims.NewStore(db),
	}
	httpClient := &http.Client{Timeout: 10 * time.Second}
	sender := &notify.Router{
		SMS:   &notify.SMSGateway{URL: cfg.SMSGatewayURL, Key: cfg.SMSGatewayKey, From: "ParcelGo", Client: httpClient},
		Email: &notify.SMTP{Addr: cfg.SMTPAddr, From: cfg.FromEmail},
	}

	c.Addressing = addressing.NewService(geocoder.New(cfg.GeocoderURL, cfg.GeocoderKey), c.Stores.Addressing)
	c.Merchants = appmerchant.NewService(c.Stores.Merchant, c.Bus, log)
	c.Billing = appbilling.NewService(c.Stores.Billing, c.Merchants, c.Bus, log, cfg.TaxBps, cfg.DefaultCurrency)
	c.Tracking = apptracking.NewService(c.Stores.Tracking, sender, log, "https://track.parcelgo.com")
	c.Shipments = appshipment.NewService(appshipment.Deps{
		Repo: c.Stores.Shipment, Merchants: c.Merchants, Addresses: c.Addressing, Billing: c.Billing,
		Labels: labels.NewRenderer(203), Tracking: c.Tracking, Bus: c.Bus, Log: log,
		Cutoff: cfg.BookingCutoff, Currency: cfg.DefaultCurrency,
	})
	c.Dispatch = appdispatch.NewService(c.Stores.Dispatch, c.Stores.Shipment, c.Tracking, c.Bus, log,
		appdispatch.Config{CapacityGrams: cfg.VehicleCapacity, MaxStops: cfg.MaxStopsPerRoute})
	c.Drivers = appdriver.NewService(c.Stores.Driver, c.Stores.Dispatch, c.Shipments, c.Tracking, log)
	c.Returns = appreturns.NewService(c.Stores.Returns, c.Shipments, c.Tracking, sender, c.Bus, log,
		"https://returns.parcelgo.com")
	c.Payouts = apppayouts.NewService(c.Stores.Payouts, c.Drivers,
		bankfile.NewWriter(cfg.PayoutDebtorName, cfg.PayoutDebtorIBAN), log)
	return c
}
