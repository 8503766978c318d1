package server

import (
	"context"
	"fmt"

	"github.com/ledgerly/people/pkg/dates"
	"github.com/ledgerly/people/pkg/db"
	"github.com/ledgerly/people/pkg/log"
	"github.com/ledgerly/people/pkg/models"
	"github.com/ledgerly/people/pkg/money"
	"github.com/ledgerly/people/pkg/notify"
	"github.com/ledgerly/people/services/billing/store"
	payrollstore "github.com/ledgerly/people/services/payroll/store"
)

// Invoicer issues monthly invoices.
type Invoicer struct {
	store   *store.Store
	payroll *payrollstore.Store
	mail    notify.Sender
	billTo  func(ctx context.Context, tenantID string) string
}

// NewInvoicer builds an Invoicer. The payroll store is used to compute the
// gross payroll volume that enterprise contracts charge a fee on.
func NewInvoicer(s *store.Store, payroll *payrollstore.Store, mail notify.Sender, billTo func(context.Context, string) string) *Invoicer {
	return &Invoicer{store: s, payroll: payroll, mail: mail, billTo: billTo}
}

// Issue builds and stores the invoice for tenant and month p.
func (iv *Invoicer) Issue(ctx context.Context, tenantID string, p dates.Period) (*store.Invoice, error) {
	sub, err := iv.store.Subscription(ctx, tenantID)
	if err != nil {
		return nil, err
	}
	if sub.Status != "active" {
		return nil, nil
	}
	cur := sub.BasePrice.Currency
	inv := &store.Invoice{ID: db.NewID("inv"), TenantID: tenantID, Status: "open", Period: p, IssuedOn: dates.Today()}
	inv.Lines = append(inv.Lines, store.InvoiceLine{Description: fmt.Sprintf("Ledgerly People %s plan", sub.Plan),
		Quantity: 1, UnitPrice: sub.BasePrice, Amount: sub.BasePrice})

	seats, err := iv.store.PeakSeats(ctx, tenantID, p)
	if err != nil {
		return nil, err
	}
	if seats > 0 {
		inv.Lines = append(inv.Lines, store.InvoiceLine{Description: "Active employees", Quantity: seats,
			UnitPrice: sub.SeatPrice, Amount: sub.SeatPrice.Mul(float64(seats))})
	}

	runs, err := iv.store.UsageTotal(ctx, tenantID, "pay_runs", p)
	if err != nil {
		return nil, err
	}
	if included := includedRuns(sub.Plan); runs > included {
		extra := runs - included
		price := money.New(4_900, cur)
		inv.Lines = append(inv.Lines, store.InvoiceLine{Description: "Additional off-cycle pay runs", Quantity: extra,
			UnitPrice: price, Amount: price.Mul(float64(extra))})
	}

	if sub.Plan == models.PlanEnterprise && sub.VolumeFeeBps > 0 {
		paid, err := iv.payroll.ListRuns(ctx, tenantID, p.Start, p.End, models.RunPaid)
		if err != nil {
			return nil, err
		}
		volume := money.Zero(cur)
		for _, r := range paid {
			volume = volume.Add(r.GrossTotal)
		}
		fee := volume.Mul(float64(sub.VolumeFeeBps) / 10_000)
		inv.Lines = append(inv.Lines, store.InvoiceLine{Description: fmt.Sprintf("Payroll volume fee (%d bps of %s)", sub.VolumeFeeBps, volume),
			Quantity: 1, UnitPrice: fee, Amount: fee})
	}

	total := money.Zero(cur)
	for _, l := range inv.Lines {
		total = total.Add(l.Amount)
	}
	inv.Total = total
	if err := iv.store.InsertInvoice(ctx, inv); err != nil {
		return nil, err
	}
	if to := iv.billTo(ctx, tenantID); to != "" {
		_ = iv.mail.Send(ctx, notify.Message{To: to, Subject: "Your Ledgerly invoice", Template: "invoice_issued",
			Data: map[string]any{"Number": inv.Number, "Total": inv.Total.String()}})
	}
	log.Info(ctx, "invoice issued", "tenant", tenantID, "number", inv.Number, "total", inv.Total.String())
	return inv, nil
}

func includedRuns(p models.Plan) int64 {
	switch p {
	case models.PlanStarter:
		return 2
	case models.PlanGrowth:
		return 4
	default:
		return 1 << 30
	}
}
