// Package outages records supply interruptions reported by the network
// operators, contacts affected customers (PSR first) and works out
// Guaranteed Standards compensation when supply is restored.
package outages

import (
	"context"
	"database/sql"
	"log/slog"
	"math"
	"time"

	"gridline.energy/platform/core/db"
	"gridline.energy/platform/core/models"
	"gridline.energy/platform/core/notify"
	"gridline.energy/platform/core/util"
	"gridline.energy/platform/kit/errs"
	"gridline.energy/platform/kit/events"
	"gridline.energy/platform/kit/ids"
	"gridline.energy/platform/kit/money"
	"gridline.energy/platform/services/fieldops/store"
)

// Guaranteed Standards of Performance for supply restoration (domestic).
const (
	ElecThresholdHours   = 12.0
	SevereThresholdHours = 24.0
	GasThresholdHours    = 24.0
	BasePayment          = money.Pence(9500)
	FurtherPeriodPayment = money.Pence(4500)
	FurtherPeriodHours   = 12.0
	PaymentCap           = money.Pence(70000)
)

type Service struct {
	db     *sql.DB
	store  *store.Store
	notify *notify.Sender
	bus    *events.Bus
	log    *slog.Logger
}

func New(d *sql.DB, s *store.Store, n *notify.Sender, bus *events.Bus, log *slog.Logger) *Service {
	return &Service{db: d, store: s, notify: n, bus: bus, log: log}
}

type DeclareRequest struct {
	Fuel      models.Fuel `json:"fuel"`
	Postcodes []string    `json:"postcodes"`
	Cause     string      `json:"cause"`
	ETA       *time.Time  `json:"eta,omitempty"`
	Severe    bool        `json:"severe_weather"`
}

func (s *Service) Declare(ctx context.Context, req DeclareRequest) (store.Outage, error) {
	const op = "outages.Declare"
	seen := map[string]bool{}
	var districts []string
	for _, pc := range req.Postcodes {
		d := util.PostcodeDistrict(util.NormalisePostcode(pc))
		if d == "" {
			d = util.PostcodeDistrict(pc) // district given on its own
		}
		if d != "" && !seen[d] {
			seen[d] = true
			districts = append(districts, d)
		}
	}
	if len(districts) == 0 {
		return store.Outage{}, errs.Invalid(op, "at least one postcode or district is required")
	}
	o := store.Outage{ID: ids.New(ids.PrefixOutage), Fuel: req.Fuel, Districts: districts, Cause: req.Cause,
		Status: "open", StartedAt: time.Now().UTC(), ETA: req.ETA, Severe: req.Severe}
	affected, err := s.findAffected(ctx, req.Fuel, districts)
	if err != nil {
		return o, err
	}
	siteIDs := make([]string, len(affected))
	for i, a := range affected {
		siteIDs[i] = a.SiteID
	}
	err = db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		if err := s.store.InsertOutage(ctx, tx, o); err != nil {
			return err
		}
		return s.store.AddAffected(ctx, tx, o.ID, siteIDs)
	})
	if err != nil {
		return o, err
	}
	o.Sites = len(siteIDs)
	eta := "not yet known"
	if req.ETA != nil {
		eta = req.ETA.Format("15:04 on 2 Jan")
	}
	for _, a := range affected { // ordered medical first, then PSR
		if !a.PSR || a.Phone == "" {
			continue
		}
		if err := s.notify.SMS(ctx, a.AccountID, a.Phone, "outage", map[string]string{"Area": districts[0], "ETA": eta}); err != nil {
			s.log.Warn("outage sms", "account", a.AccountID, "err", err)
		}
	}
	return o, nil
}

// Compensation returns the Guaranteed Standards payment for an interruption
// of the given length.
func Compensation(fuel models.Fuel, hours float64, severe bool) money.Pence {
	threshold := ElecThresholdHours
	if fuel == models.Gas {
		threshold = GasThresholdHours
	} else if severe {
		threshold = SevereThresholdHours
	}
	if hours < threshold {
		return 0
	}
	further := math.Floor((hours - threshold) / FurtherPeriodHours)
	return money.Min(BasePayment+FurtherPeriodPayment*money.Pence(further), PaymentCap)
}

func (s *Service) Restore(ctx context.Context, id string, at time.Time) (store.Outage, error) {
	o, err := s.store.Outage(ctx, id)
	if err != nil {
		return o, err
	}
	if at.Before(o.StartedAt) {
		return o, errs.Invalid("outages.Restore", "restoration before start")
	}
	if err := s.store.Restore(ctx, id, at); err != nil {
		return o, err
	}
	o.Status, o.RestoredAt = "restored", &at
	hours := at.Sub(o.StartedAt).Hours()
	sites, err := s.store.AffectedSites(ctx, id)
	if err != nil {
		return o, err
	}
	return o, s.bus.Publish(ctx, models.EventOutageRestored, id, models.OutageRestoredPayload{
		OutageID: id, SiteIDs: sites, Hours: hours, Compensation: Compensation(o.Fuel, hours, o.Severe)})
}

func (s *Service) Get(ctx context.Context, id string) (store.Outage, error) {
	return s.store.Outage(ctx, id)
}

func (s *Service) Open(ctx context.Context) ([]store.Outage, error) { return s.store.OpenOutages(ctx) }
