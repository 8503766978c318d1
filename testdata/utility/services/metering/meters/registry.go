// Package meters is the meter asset register: installs, exchanges and
// removals, each with the opening and closing reads the industry requires.
package meters

import (
	"context"
	"database/sql"
	"time"

	"gridline.energy/platform/core/db"
	"gridline.energy/platform/core/models"
	"gridline.energy/platform/kit/errs"
	"gridline.energy/platform/kit/events"
	"gridline.energy/platform/kit/ids"
	"gridline.energy/platform/services/metering/domain"
	"gridline.energy/platform/services/metering/store"
)

type Registry struct {
	store *store.Store
	bus   *events.Bus
}

func New(s *store.Store, bus *events.Bus) *Registry { return &Registry{store: s, bus: bus} }

type InstallRequest struct {
	SiteID  string             `json:"site_id"`
	Serial  string             `json:"serial"`
	Fuel    models.Fuel        `json:"fuel"`
	Kind    domain.Kind        `json:"kind"`
	Unit    domain.Unit        `json:"unit"`
	Dials   int                `json:"dials"`
	Opening map[string]float64 `json:"opening_reads"` // register -> value
	At      time.Time          `json:"at"`
}

func (req InstallRequest) meter() (domain.Meter, error) {
	const op = "meters.Install"
	if req.Serial == "" || req.SiteID == "" {
		return domain.Meter{}, errs.Invalid(op, "serial and site are required")
	}
	if len(req.Opening) == 0 {
		return domain.Meter{}, errs.Invalid(op, "an opening read is required for every register")
	}
	if req.Fuel == models.Gas && req.Unit == domain.UnitKWh {
		return domain.Meter{}, errs.Invalid(op, "gas meters record volume, not kWh")
	}
	if req.Unit == "" {
		req.Unit = domain.UnitKWh
	}
	if req.Dials == 0 {
		req.Dials = 5
	}
	m := domain.Meter{ID: ids.New(ids.PrefixMeter), Serial: req.Serial, SiteID: req.SiteID, Fuel: req.Fuel,
		Kind: req.Kind, Unit: req.Unit, Dials: req.Dials, InstalledAt: req.At}
	for reg := range req.Opening {
		m.Registers = append(m.Registers, reg)
	}
	return m, nil
}

func (r *Registry) install(ctx context.Context, tx *sql.Tx, req InstallRequest) (domain.Meter, error) {
	m, err := req.meter()
	if err != nil {
		return m, err
	}
	if _, err := r.store.MeterBySerial(ctx, req.Serial); err == nil {
		return m, errs.Conflict("meters.Install", "serial %s is already installed", req.Serial)
	}
	if err := r.store.InsertMeter(ctx, tx, m); err != nil {
		return m, err
	}
	for reg, v := range req.Opening {
		rd := models.Reading{ID: ids.New(ids.PrefixReading), MeterID: m.ID, Register: reg, Value: v,
			ReadAt: req.At, Source: models.ReadActual, Status: models.ReadAccepted}
		if err := r.store.InsertReading(ctx, tx, rd); err != nil {
			return m, err
		}
	}
	return m, nil
}

func (r *Registry) Install(ctx context.Context, req InstallRequest) (domain.Meter, error) {
	var m domain.Meter
	err := db.WithTx(ctx, r.store.DB(), func(tx *sql.Tx) error {
		var err error
		m, err = r.install(ctx, tx, req)
		return err
	})
	return m, err
}

// Exchange removes oldID with closing reads and installs the replacement.
func (r *Registry) Exchange(ctx context.Context, oldID string, closing map[string]float64, repl InstallRequest) (domain.Meter, error) {
	old, err := r.store.Meter(ctx, oldID)
	if err != nil {
		return domain.Meter{}, err
	}
	if old.RemovedAt != nil {
		return domain.Meter{}, errs.Conflict("meters.Exchange", "meter %s already removed", old.Serial)
	}
	for _, reg := range old.Registers {
		if _, ok := closing[reg]; !ok {
			return domain.Meter{}, errs.Invalid("meters.Exchange", "closing read missing for register %s", reg)
		}
	}
	repl.SiteID, repl.Fuel = old.SiteID, old.Fuel
	var m domain.Meter
	err = db.WithTx(ctx, r.store.DB(), func(tx *sql.Tx) error {
		for reg, v := range closing {
			rd := models.Reading{ID: ids.New(ids.PrefixReading), MeterID: old.ID, Register: reg, Value: v,
				ReadAt: repl.At, Source: models.ReadActual, Status: models.ReadAccepted}
			if err := r.store.InsertReading(ctx, tx, rd); err != nil {
				return err
			}
		}
		if err := r.store.RemoveMeter(ctx, tx, old.ID, repl.At); err != nil {
			return err
		}
		m, err = r.install(ctx, tx, repl)
		if err != nil {
			return err
		}
		return r.bus.PublishTx(ctx, tx, models.EventMeterExchanged, old.SiteID,
			map[string]string{"old_meter": old.ID, "new_meter": m.ID, "site_id": old.SiteID})
	})
	return m, err
}

func (r *Registry) ForSite(ctx context.Context, siteID string) ([]domain.Meter, error) {
	return r.store.MetersForSite(ctx, siteID, false)
}

func (r *Registry) Get(ctx context.Context, id string) (domain.Meter, error) {
	return r.store.Meter(ctx, id)
}
