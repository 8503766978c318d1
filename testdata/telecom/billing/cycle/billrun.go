// Package cycle produces monthly postpaid invoices (the "bill run").
package cycle

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	billingstore "mvno.telco/core/billing/store"
	"mvno.telco/core/billing/tax"
	"mvno.telco/core/catalog"
	"mvno.telco/core/models"
	"mvno.telco/core/platform/events"
	"mvno.telco/core/platform/ids"
	"mvno.telco/core/platform/money"
	"mvno.telco/core/platform/notify"
	"mvno.telco/core/platform/proration"
	ratingstore "mvno.telco/core/rating/store"
	"mvno.telco/core/subscribers"
)

type Runner struct {
	store       *billingstore.Store
	usage       *ratingstore.Store
	subscribers *subscribers.Service
	catalog     *catalog.Service
	bus         *events.Bus
	notifier    notify.Sender
	region      string
	currency    string
	termDays    int
	log         *slog.Logger
}

func New(st *billingstore.Store, usage *ratingstore.Store, subs *subscribers.Service, cat *catalog.Service,
	bus *events.Bus, n notify.Sender, region, currency string, termDays int, log *slog.Logger) *Runner {
	return &Runner{store: st, usage: usage, subscribers: subs, catalog: cat, bus: bus, notifier: n,
		region: region, currency: currency, termDays: termDays, log: log}
}

type Stats struct {
	Subscribers, Issued, Skipped, Failed int
	Billed                               money.Money
}

// Run bills every postpaid subscriber whose cycle ends on day.
func (r *Runner) Run(ctx context.Context, day time.Time) (Stats, error) {
	st := Stats{Billed: money.Zero(r.currency)}
	if day.Day() > 28 {
		return st, nil // billing days are capped at 28
	}
	subs, err := r.subscribers.DueForBilling(ctx, day.Day())
	if err != nil {
		return st, err
	}
	period := proration.MonthlyPeriod(day, day.Day())
	for _, sub := range subs {
		st.Subscribers++
		inv, err := r.BillSubscriber(ctx, sub, period)
		switch {
		case err != nil:
			st.Failed++
			r.log.Error("bill failed", "subscriber", sub.ID, "err", err)
		case inv == nil:
			st.Skipped++
		default:
			st.Issued++
			st.Billed = st.Billed.MustAdd(inv.Total)
		}
	}
	r.log.Info("bill run done", "day", day.Format("2006-01-02"), "issued", st.Issued, "failed", st.Failed, "billed", st.Billed.String())
	return st, nil
}

// BillSubscriber builds and issues one invoice. Returns nil if already billed.
func (r *Runner) BillSubscriber(ctx context.Context, sub models.Subscriber, p proration.Period) (*models.Invoice, error) {
	done, err := r.store.ExistsForPeriod(ctx, sub.ID, p.Start)
	if err != nil || done {
		return nil, err
	}
	subscription, err := r.subscribers.Subscription(ctx, sub.ID)
	if err != nil {
		return nil, err
	}
	plan, err := r.catalog.Plan(ctx, subscription.PlanCode)
	if err != nil {
		return nil, err
	}
	var lines []models.InvoiceLine
	fee := proration.Prorate(plan.MonthlyFee, p, subscription.StartedAt, time.Time{})
	lines = append(lines, models.InvoiceLine{Kind: "plan", Description: plan.Name, Quantity: 1, Amount: fee, TaxCode: tax.CodeTelecom})
	for _, code := range subscription.AddOns {
		a, err := r.catalog.AddOn(ctx, code)
		if err != nil {
			return nil, err
		}
		lines = append(lines, models.InvoiceLine{Kind: "addon", Description: a.Name, Quantity: 1, Amount: a.Price, TaxCode: tax.CodeTelecom})
	}
	usage, err := r.usage.UsageByService(ctx, sub.ID, p.Start, p.End, true)
	if err != nil {
		return nil, err
	}
	for _, svc := range []string{models.ServiceVoice, models.ServiceSMS, models.ServiceData} {
		amt, ok := usage.ByService[svc]
		if !ok || amt.IsZero() {
			continue
		}
		lines = append(lines, models.InvoiceLine{Kind: "usage", Description: fmt.Sprintf("Out-of-bundle %s", svc),
			Quantity: usage.Units[svc], Amount: amt, TaxCode: tax.CodeTelecom})
	}
	inv := &models.Invoice{ID: ids.New("inv"), SubscriberID: sub.ID, PeriodStart: p.Start, PeriodEnd: p.End,
		Status: models.InvoiceIssued, Subtotal: money.Zero(r.currency), Lines: lines}
	for _, l := range lines {
		inv.Subtotal = inv.Subtotal.MustAdd(l.Amount)
	}
	if inv.Tax, err = tax.Compute(r.region, lines); err != nil {
		return nil, err
	}
	inv.Total = inv.Subtotal.MustAdd(inv.Tax)
	inv.IssuedAt = time.Now().UTC()
	inv.DueAt = inv.IssuedAt.AddDate(0, 0, r.termDays)
	if err := r.store.Insert(ctx, inv); err != nil {
		return nil, err
	}
	_ = r.bus.Publish(ctx, events.InvoiceIssued, sub.ID, models.InvoiceIssuedEvent{
		InvoiceID: inv.ID, SubscriberID: sub.ID, Total: inv.Total, DueAt: inv.DueAt})
	if sub.MSISDN != "" {
		_ = r.notifier.Send(ctx, sub.MSISDN, notify.TplInvoiceReady, map[string]string{
			"number": inv.Number, "total": inv.Total.String(), "due": inv.DueAt.Format("2 Jan")})
	}
	return inv, nil
}
