// Package dunning chases past-due invoices: reminder, final notice, lapse.
// Runs nightly after autopay.
package dunning

import (
	"context"
	"fmt"
	"time"

	"harbormutual.com/core/billing/billingdb"
	"harbormutual.com/core/correspondence"
	"harbormutual.com/core/correspondence/templates"
	"harbormutual.com/core/domain"
	"harbormutual.com/core/events"
	"harbormutual.com/core/platform/dates"
	"harbormutual.com/core/platform/db"
	"harbormutual.com/core/platform/log"
)

// Steps of the dunning ladder.
const (
	StepNone     = 0
	StepReminder = 1
	StepFinal    = 2
	StepLapsed   = 3
)

const (
	reminderAfterDays = 3
	finalAfterDays    = 10
)

type Runner struct {
	db        *db.DB
	repo      *billingdb.Repo
	letters   *correspondence.Service
	bus       events.Publisher
	graceDays int
	log       *log.Logger
}

func New(pool *db.DB, repo *billingdb.Repo, letters *correspondence.Service, bus events.Publisher, graceDays int) *Runner {
	return &Runner{db: pool, repo: repo, letters: letters, bus: bus, graceDays: graceDays, log: log.New("dunning")}
}

// Stats is the nightly summary.
type Stats struct {
	MarkedPastDue int64
	Reminders     int
	Finals        int
	Lapsed        int
	Errors        int
}

func (r *Runner) Run(ctx context.Context, asOf time.Time) (Stats, error) {
	var st Stats
	var err error
	if st.MarkedPastDue, err = r.repo.MarkPastDue(ctx, asOf); err != nil {
		return st, err
	}
	invs, err := r.repo.PastDue(ctx, asOf)
	if err != nil {
		return st, err
	}
	lapsedPolicies := map[int64]bool{}
	for _, inv := range invs {
		if lapsedPolicies[inv.PolicyID] {
			continue
		}
		late := dates.DaysBetween(inv.DueDate, asOf)
		var stepErr error
		switch {
		case late >= r.graceDays && inv.DunningStep == StepFinal:
			stepErr = r.lapse(ctx, inv, asOf)
			if stepErr == nil {
				st.Lapsed++
				lapsedPolicies[inv.PolicyID] = true
			}
		case late >= finalAfterDays && inv.DunningStep == StepReminder:
			stepErr = r.notice(ctx, inv, templates.FinalNotice, StepFinal, map[string]any{
				"CancelDate": inv.DueDate.AddDate(0, 0, r.graceDays).Format(dates.Layout)})
			if stepErr == nil {
				st.Finals++
			}
		case late >= reminderAfterDays && inv.DunningStep == StepNone:
			stepErr = r.notice(ctx, inv, templates.PaymentReminder, StepReminder, map[string]any{
				"DueDate": inv.DueDate.Format(dates.Layout), "InvoiceNumber": inv.Number})
			if stepErr == nil {
				st.Reminders++
			}
		}
		if stepErr != nil {
			st.Errors++
			r.log.Error("dunning step failed", stepErr, "invoice", inv.Number)
		}
	}
	return st, nil
}

func (r *Runner) notice(ctx context.Context, inv *domain.Invoice, tmpl string, step int, data map[string]any) error {
	data["Balance"] = inv.Balance()
	data["PolicyNumber"] = fmt.Sprintf("#%d", inv.PolicyID)
	if _, err := r.letters.Send(ctx, tmpl, inv.CustomerID, data); err != nil {
		return err
	}
	return r.repo.SetDunningStep(ctx, inv.ID, step)
}

// lapse ends coverage for non-payment. It flips the policy row itself:
// the cancel package requires 10 days' notice, which the final notice already
// gave, and nobody wanted two notices going out. See BIL-877.
func (r *Runner) lapse(ctx context.Context, inv *domain.Invoice, asOf time.Time) error {
	var customerID int64
	err := r.db.WithTx(ctx, func(ctx context.Context) error {
		q := db.Q(ctx, r.db)
		err := q.QueryRowContext(ctx, `UPDATE policies SET status = 'LAPSED', cancel_reason = 'NONPAYMENT',
			updated_at = now() WHERE id = $1 AND status IN ('ACTIVE','PENDING') RETURNING customer_id`,
			inv.PolicyID).Scan(&customerID)
		if db.IsNoRows(err) {
			return nil // already cancelled some other way
		}
		if err != nil {
			return err
		}
		if err := r.repo.SetDunningStep(ctx, inv.ID, StepLapsed); err != nil {
			return err
		}
		_, err = r.repo.VoidOpen(ctx, inv.PolicyID)
		return err
	})
	if err != nil || customerID == 0 {
		return err
	}
	r.log.Info("policy lapsed for non-payment", "policy", inv.PolicyID)
	if _, err := r.letters.Send(ctx, templates.LapseNotice, customerID, map[string]any{
		"PolicyNumber": fmt.Sprintf("#%d", inv.PolicyID), "LapseDate": asOf.Format(dates.Layout)}); err != nil {
		return err
	}
	return r.bus.Publish(ctx, events.PolicyCancelledEvent{PolicyID: inv.PolicyID, CustomerID: customerID,
		Reason: "NONPAYMENT", Effective: asOf})
}
