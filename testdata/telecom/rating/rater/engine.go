// Package rater prices CDRs: it draws from allowance buckets, prices the
// remainder with out-of-bundle tariffs and debits prepaid credit.
package rater

import (
	"context"
	"database/sql"
	"log/slog"
	"time"

	catalogstore "mvno.telco/core/catalog/store"
	"mvno.telco/core/models"
	"mvno.telco/core/platform/errs"
	"mvno.telco/core/platform/events"
	"mvno.telco/core/platform/ids"
	"mvno.telco/core/platform/money"
	"mvno.telco/core/provisioning"
	"mvno.telco/core/rating/balances"
	"mvno.telco/core/rating/cdr"
	"mvno.telco/core/rating/store"
)

const batchSize = 5000

// line is the subscriber context needed to rate a record.
type line struct {
	SubscriberID string
	PlanCode     string
	PaymentMode  string
	Status       string
	IMSI         string
}

type Engine struct {
	store    *store.Store
	tariffs  *catalogstore.Store // direct store: tariff lookups are the hot path
	balances *balances.Manager
	prov     *provisioning.Service
	bus      *events.Bus
	currency string
	log      *slog.Logger
}

func New(s *store.Store, tariffs *catalogstore.Store, b *balances.Manager, prov *provisioning.Service,
	bus *events.Bus, currency string, log *slog.Logger) *Engine {
	return &Engine{store: s, tariffs: tariffs, balances: b, prov: prov, bus: bus, currency: currency, log: log}
}

// BillableUnits converts raw units to the unit used by allowances and tariffs:
// voice in started minutes, data in started megabytes (from KB), SMS as-is.
func BillableUnits(service string, raw int64) int64 {
	switch service {
	case models.ServiceVoice:
		return (raw + 59) / 60
	case models.ServiceData:
		return (raw + 1023) / 1024
	}
	return raw
}

// AllowanceApplies reports whether bundles cover usage in a zone.
func AllowanceApplies(zone string) bool {
	return zone == cdr.ZoneHome || zone == cdr.ZoneEU
}

// RateBatch is the scheduler job: rate up to batchSize new CDRs.
func (e *Engine) RateBatch(ctx context.Context) error {
	cdrs, err := e.store.UnratedCDRs(ctx, batchSize)
	if err != nil {
		return err
	}
	lines := map[string]*line{}
	rated, failed := 0, 0
	for _, c := range cdrs {
		ln, ok := lines[c.MSISDN]
		if !ok {
			ln, err = e.lookupLine(ctx, c.MSISDN, c.StartedAt)
			if err != nil && !errs.Is(err, errs.NotFound) {
				return err
			}
			lines[c.MSISDN] = ln
		}
		if ln == nil {
			_ = e.store.MarkCDR(ctx, c.ID, "error", "unknown msisdn")
			failed++
			continue
		}
		if err := e.rate(ctx, c, ln); err != nil {
			e.log.Error("rating failed", "cdr", c.ID, "err", err)
			_ = e.store.MarkCDR(ctx, c.ID, "error", err.Error())
			failed++
			continue
		}
		rated++
	}
	if len(cdrs) > 0 {
		e.log.Info("rating batch", "rated", rated, "failed", failed)
	}
	return nil
}

// lookupLine resolves an MSISDN to the subscriber that held it at the time.
func (e *Engine) lookupLine(ctx context.Context, msisdn string, at time.Time) (*line, error) {
	var ln line
	err := e.store.DB().QueryRowContext(ctx, `SELECT s.id, sub.plan_code, s.payment_mode, s.status, sc.imsi
		FROM subscribers s
		JOIN subscriptions sub ON sub.subscriber_id = s.id AND sub.started_at <= $2 AND (sub.ended_at IS NULL OR sub.ended_at > $2)
		JOIN sim_cards sc ON sc.iccid = s.iccid
		WHERE s.msisdn = $1`, msisdn, at).Scan(&ln.SubscriberID, &ln.PlanCode, &ln.PaymentMode, &ln.Status, &ln.IMSI)
	if err == sql.ErrNoRows {
		return nil, errs.E(errs.NotFound, "rater.lookupLine", msisdn)
	}
	if err != nil {
		return nil, err
	}
	return &ln, nil
}

func (e *Engine) rate(ctx context.Context, c models.CDR, ln *line) error {
	units := BillableUnits(c.Service, c.Units)
	ev := models.RatedEvent{ID: ids.New("rev"), CDRID: c.ID, SubscriberID: ln.SubscriberID, Service: c.Service,
		Zone: c.Zone, BilledUnits: units, Charge: money.Zero(e.currency), RatedAt: c.StartedAt}
	remaining := units
	if AllowanceApplies(c.Zone) && units > 0 {
		covered, err := e.balances.Consume(ctx, ln.SubscriberID, c.Service, units)
		if err != nil {
			return err
		}
		ev.FromAllowance = covered
		remaining -= covered
	}
	if remaining > 0 {
		t, err := e.tariffs.Tariff(ctx, ln.PlanCode, c.Service, c.Zone)
		if err != nil {
			return err
		}
		ev.Charge = t.Rate.Mul(remaining)
	}
	if ln.PaymentMode == models.PaymentModePrepaid && !ev.Charge.IsZero() {
		if err := e.balances.Debit(ctx, ln.SubscriberID, ev.Charge); err != nil {
			if !errs.Is(err, errs.PaymentRequired) {
				return err
			}
			// Usage already happened (offline charging); record it and bar the line.
			e.depleted(ctx, ln)
		}
	}
	return e.store.InsertRated(ctx, ev)
}

func (e *Engine) depleted(ctx context.Context, ln *line) {
	if ln.Status != string(models.SubscriberActive) {
		return
	}
	if err := e.prov.Bar(ctx, ln.SubscriberID, ln.IMSI, "credit_exhausted"); err != nil {
		e.log.Error("bar on depletion failed", "subscriber", ln.SubscriberID, "err", err)
		return
	}
	ln.Status = "barred"
	_ = e.bus.Publish(ctx, events.BalanceDepleted, ln.SubscriberID, map[string]string{"subscriber_id": ln.SubscriberID})
}
