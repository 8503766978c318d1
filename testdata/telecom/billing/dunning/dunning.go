// Package dunning chases overdue invoices: reminder, service bar, then
// referral to the collections agency.
package dunning

import (
	"context"
	"database/sql"
	"log/slog"
	"time"

	"mvno.telco/core/billing/store"
	"mvno.telco/core/models"
	"mvno.telco/core/platform/events"
	"mvno.telco/core/platform/notify"
	"mvno.telco/core/subscribers"
)

// Steps, in days past due.
const (
	LevelReminder    = 1
	LevelBar         = 2
	LevelCollections = 3
)

type Runner struct {
	store       *store.Store
	db          *sql.DB
	subscribers *subscribers.Service
	notifier    notify.Sender
	bus         *events.Bus
	graceDays   int
	log         *slog.Logger
}

func New(st *store.Store, pool *sql.DB, subs *subscribers.Service, n notify.Sender, bus *events.Bus, graceDays int, log *slog.Logger) *Runner {
	return &Runner{store: st, db: pool, subscribers: subs, notifier: n, bus: bus, graceDays: graceDays, log: log}
}

// LevelFor returns the dunning level an invoice should be at.
func LevelFor(dueAt, now time.Time, graceDays int) int {
	days := int(now.Sub(dueAt).Hours() / 24)
	switch {
	case days >= 30:
		return LevelCollections
	case days >= graceDays:
		return LevelBar
	case days >= 1:
		return LevelReminder
	}
	return 0
}

// Run is the daily dunning job. Levels only move up; a level is applied once.
func (r *Runner) Run(ctx context.Context) error {
	now := time.Now().UTC()
	overdue, err := r.store.Overdue(ctx, now)
	if err != nil {
		return err
	}
	for _, inv := range overdue {
		target := LevelFor(inv.DueAt, now, r.graceDays)
		for lvl := inv.DunningLevel + 1; lvl <= target; lvl++ {
			if err := r.apply(ctx, inv, lvl); err != nil {
				r.log.Error("dunning step failed", "invoice", inv.ID, "level", lvl, "err", err)
				break
			}
			if err := r.store.SetDunningLevel(ctx, inv.ID, lvl); err != nil {
				return err
			}
		}
	}
	return nil
}

func (r *Runner) apply(ctx context.Context, inv models.Invoice, level int) error {
	sub, err := r.subscribers.Get(ctx, inv.SubscriberID)
	if err != nil {
		return err
	}
	switch level {
	case LevelReminder:
		_ = r.bus.Publish(ctx, events.InvoiceOverdue, inv.SubscriberID, models.InvoiceIssuedEvent{
			InvoiceID: inv.ID, SubscriberID: inv.SubscriberID, Total: inv.Balance(), DueAt: inv.DueAt})
		return r.notifier.Send(ctx, sub.MSISDN, notify.TplPaymentReminder, map[string]string{
			"number": inv.Number, "total": inv.Balance().String()})
	case LevelBar:
		if sub.Status != models.SubscriberActive {
			return nil
		}
		if err := r.subscribers.Suspend(ctx, sub.ID, "non_payment"); err != nil {
			return err
		}
		return r.notifier.Send(ctx, sub.MSISDN, notify.TplServiceBarred, nil)
	case LevelCollections:
		if err := r.store.ReferToCollections(ctx, inv); err != nil {
			return err
		}
		// Credit hold stops the customer opening new lines or buying devices
		// on account. Subscribers has no endpoint for it, so set it here.
		_, err := r.db.ExecContext(ctx, `UPDATE subscribers SET credit_hold = true, credit_hold_reason = 'collections' WHERE id = $1`,
			inv.SubscriberID)
		return err
	}
	return nil
}
