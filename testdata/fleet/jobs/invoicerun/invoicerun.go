// Package invoicerun is the monthly invoice run: on the 1st of the month,
// draft and issue last month's invoice for every customer with a contract,
// and e-mail it.
package invoicerun

import (
	"context"
	"errors"
	"time"

	"gitlab.com/roadrunner/fleet/lib/clock"
	"gitlab.com/roadrunner/fleet/lib/xlog"
	"gitlab.com/roadrunner/fleet/services/billing/contracts"
	"gitlab.com/roadrunner/fleet/services/billing/invoicing"
	"gitlab.com/roadrunner/fleet/services/customers/notify"
)

// Job implements sched.Job. It is safe to run every hour: drafting skips
// trips that are already on an invoice.
type Job struct {
	Contracts *contracts.Service
	Invoices  *invoicing.Service
	Outbox    *notify.Outbox
	Clock     clock.Clock
	Force     bool // run regardless of the date (fleetctl)
}

func (j *Job) Name() string { return "invoice-run" }

// Run does one invoice run for the previous month.
func (j *Job) Run(ctx context.Context) error {
	now := j.Clock.Now()
	if !j.Force && now.In(clock.Local).Day() != 1 {
		return nil
	}
	period := clock.PreviousMonth(now, clock.Local)
	customers, err := j.Contracts.CustomersIn(ctx, period)
	if err != nil {
		return err
	}
	var failed []error
	issued := 0
	for _, cid := range customers {
		inv, err := j.Invoices.Draft(ctx, cid, period)
		if err == nil && inv.ID != "" {
			inv, err = j.Invoices.Issue(ctx, inv.ID)
		}
		if err != nil {
			failed = append(failed, err)
			continue
		}
		if inv.ID == "" {
			continue
		}
		issued++
		err = j.Outbox.Enqueue(ctx, cid, notify.InvoiceIssued, map[string]any{
			"Number": inv.Number, "Total": inv.Total().String(), "Due": inv.DueAt.In(clock.Local).Format(time.DateOnly)})
		if err != nil {
			xlog.From(ctx).Warn("invoice e-mail not queued", "invoice", inv.ID, "err", err)
		}
	}
	xlog.From(ctx).Info("invoice run done", "period", period.String(), "customers", len(customers),
		"issued", issued, "failed", len(failed))
	return errors.Join(failed...)
}
