// Package invoices generates monthly invoices from subscriptions and usage.
package invoices

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"time"

	"pipelinelabs.io/crm/internal/billing"
	"pipelinelabs.io/crm/internal/billing/plans"
	"pipelinelabs.io/crm/internal/core"
	"pipelinelabs.io/crm/internal/platform/clock"
	"pipelinelabs.io/crm/internal/platform/db"
	"pipelinelabs.io/crm/internal/reporting"
)

// Line is an invoice line.
type Line struct {
	Description string `json:"description"`
	Quantity    int    `json:"quantity"`
	UnitAmount  int64  `json:"unit_amount"`
	Amount      int64  `json:"amount"`
}

// Invoice is a bill for one period.
type Invoice struct {
	ID          core.ID    `json:"id"`
	Number      string     `json:"number"`
	PeriodStart time.Time  `json:"period_start"`
	PeriodEnd   time.Time  `json:"period_end"`
	Total       core.Money `json:"total"`
	Status      string     `json:"status"`
	Lines       []Line     `json:"lines,omitempty"`
	IssuedAt    time.Time  `json:"issued_at"`
}

// Generator issues invoices.
type Generator struct {
	DB      *sql.DB
	Billing *billing.Service
	Usage   *reporting.Metrics // contact overage is billed from reporting's usage counts
	Gateway billing.Gateway
	Clock   clock.Clock
	Log     *slog.Logger
}

// Build computes the lines for a subscription period.
func (g *Generator) Build(ctx context.Context, sub billing.Subscription) ([]Line, error) {
	plan := plans.MustGet(sub.Plan)
	u, err := g.Usage.UsageFor(ctx, sub.TenantID)
	if err != nil {
		return nil, err
	}
	seats := max(u.Seats, 1)
	price := plan.PricePerSeat
	if sub.Interval == "year" {
		price = price * 12 * int64(100-plan.AnnualDiscount) / 100
	}
	lines := []Line{{Description: fmt.Sprintf("%s plan, %d seats", plan.Name, seats), Quantity: seats, UnitAmount: price, Amount: int64(seats) * price}}
	if over := plan.Overage(u.Contacts); over > 0 {
		lines = append(lines, Line{Description: fmt.Sprintf("Contacts above %d", plan.MaxContacts), Quantity: 1, UnitAmount: over, Amount: over})
	}
	return lines, nil
}

// GenerateDue invoices every subscription whose period has ended.
func (g *Generator) GenerateDue(ctx context.Context) (int, error) {
	now := g.Clock.Now()
	subs, err := g.Billing.DueForRenewal(ctx, now)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, sub := range subs {
		if sub.Status == core.TenantTrialing {
			continue // trial conversion is handled by Stripe checkout
		}
		if err := g.issue(ctx, sub, now); err != nil {
			g.Log.Error("invoice failed", "tenant", sub.TenantID, "err", err)
			continue
		}
		n++
	}
	return n, nil
}

func (g *Generator) issue(ctx context.Context, sub billing.Subscription, now time.Time) error {
	lines, err := g.Build(ctx, sub)
	if err != nil {
		return err
	}
	inv := Invoice{ID: core.NewID(core.PrefixInvoice), PeriodStart: sub.CurrentPeriodStart, PeriodEnd: sub.CurrentPeriodEnd,
		Status: "open", Lines: lines, IssuedAt: now, Total: core.Money{Currency: "usd"}}
	inv.Number = fmt.Sprintf("PL-%s-%s", now.Format("200601"), string(inv.ID)[3:11])
	for _, l := range lines {
		inv.Total.Amount += l.Amount
	}
	stripeID := ""
	if sub.StripeCustomerID != "" && inv.Total.Amount > 0 {
		if stripeID, err = g.Gateway.ChargeInvoice(ctx, sub.StripeCustomerID, inv.Total.Amount, inv.Total.Currency, inv.Number); err != nil {
			return err
		}
	}
	return db.WithTx(ctx, g.DB, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO invoices (id, tenant_id, number, period_start, period_end, currency, total, status, stripe_invoice_id, issued_at)
			VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`, inv.ID, sub.TenantID, inv.Number, inv.PeriodStart, inv.PeriodEnd,
			inv.Total.Currency, inv.Total.Amount, inv.Status, db.NullString(stripeID), inv.IssuedAt); err != nil {
			return err
		}
		for i, l := range lines {
			if _, err := tx.ExecContext(ctx, `INSERT INTO invoice_lines (invoice_id, position, description, quantity, unit_amount, amount)
				VALUES ($1,$2,$3,$4,$5,$6)`, inv.ID, i, l.Description, l.Quantity, l.UnitAmount, l.Amount); err != nil {
				return err
			}
		}
		return g.Billing.AdvancePeriod(ctx, tx, sub)
	})
}

// List returns a tenant's invoices, newest first.
func (g *Generator) List(ctx context.Context, tenantID core.ID) ([]Invoice, error) {
	return db.All(ctx, g.DB, func(r db.Scanner) (i Invoice, err error) {
		return i, r.Scan(&i.ID, &i.Number, &i.PeriodStart, &i.PeriodEnd, &i.Total.Currency, &i.Total.Amount, &i.Status, &i.IssuedAt)
	}, `SELECT id, number, period_start, period_end, currency, total, status, issued_at
		FROM invoices WHERE tenant_id = $1 ORDER BY issued_at DESC`, tenantID)
}
