// Package jobs contains billing's scheduled work: the monthly run and Bacs submission.
package jobs

import (
	"context"
	"database/sql"
	"log/slog"
	"time"

	"github.com/pulsefit/clubs/internal/billing/directdebit"
	"github.com/pulsefit/clubs/internal/billing/invoices"
	"github.com/pulsefit/clubs/internal/billing/service"
	"github.com/pulsefit/clubs/internal/billing/store"
	"github.com/pulsefit/clubs/internal/models"
	"github.com/pulsefit/clubs/pkg/db"
	"github.com/pulsefit/clubs/pkg/money"
)

type MonthlyRun struct {
	DB       *sql.DB
	Store    *store.Store
	Mandates *directdebit.Mandates
	Billing  *service.Service
	Logger   *slog.Logger
	Upload   func(ctx context.Context, name, body string) error
}

type renewal struct {
	membershipID, memberID, planName string
	fee                              money.Money
	draftID                          sql.NullString
}

// dueRenewals reads the memberships renewing this period straight from the membership tables.
func (r *MonthlyRun) dueRenewals(ctx context.Context, period time.Time) ([]renewal, error) {
	rows, err := r.DB.QueryContext(ctx, `
		SELECT ms.id, ms.member_id, p.name, p.monthly_fee_minor, p.currency,
		       (SELECT i.id FROM invoices i WHERE i.member_id = ms.member_id AND i.status = 'draft' LIMIT 1)
		FROM memberships ms
		JOIN membership_plans p ON p.id = ms.plan_id
		WHERE ms.status = 'active' AND ms.renews_on = $1
		  AND NOT EXISTS (SELECT 1 FROM invoice_lines l WHERE l.source = 'membership' AND l.source_ref = ms.id
		                  AND l.description LIKE '%' || to_char($1::date, 'FMMonth YYYY'))`, period)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []renewal
	for rows.Next() {
		var x renewal
		var fee int64
		var cur string
		if err := rows.Scan(&x.membershipID, &x.memberID, &x.planName, &fee, &cur, &x.draftID); err != nil {
			return nil, err
		}
		x.fee = money.New(fee, cur)
		out = append(out, x)
	}
	return out, rows.Err()
}

// Run invoices every renewing membership, folding in pending draft charges.
func (r *MonthlyRun) Run(ctx context.Context) error {
	now := time.Now().UTC()
	period := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
	due, err := r.dueRenewals(ctx, period)
	if err != nil {
		return err
	}
	for _, x := range due {
		line := invoices.MembershipLine(x.planName, x.fee, period, x.membershipID)
		if x.draftID.Valid {
			if err := r.finaliseDraft(ctx, x.draftID.String, line); err != nil {
				return err
			}
			continue
		}
		seq, err := r.Store.NextNumber(ctx)
		if err != nil {
			return err
		}
		inv, err := invoices.Build(x.memberID, seq, []models.InvoiceLine{line}, now)
		if err != nil {
			return err
		}
		if err := r.Store.InsertInvoice(ctx, r.DB, inv); err != nil {
			return err
		}
	}
	r.Logger.Info("monthly run", "period", period.Format("2006-01"), "invoices", len(due))
	return nil
}

func (r *MonthlyRun) finaliseDraft(ctx context.Context, draftID string, line models.InvoiceLine) error {
	inv, err := r.Store.GetInvoice(ctx, draftID)
	if err != nil {
		return err
	}
	lines := append(inv.Lines, line)
	total, vat := invoices.Totals(lines, line.UnitPrice.Currency)
	return db.WithTx(ctx, r.DB, func(tx *sql.Tx) error {
		if err := r.Store.InsertLine(ctx, tx, draftID, len(lines), line); err != nil {
			return err
		}
		return r.Store.Finalise(ctx, tx, draftID, total, vat, time.Now().AddDate(0, 0, invoices.PaymentTermsDays))
	})
}

// SubmitCollections writes the Bacs file for collections due in leadDays.
func (r *MonthlyRun) SubmitCollections(ctx context.Context, leadDays int) error {
	due := time.Now().UTC().AddDate(0, 0, leadDays)
	cs, err := r.Mandates.ScheduleCollections(ctx, due)
	if err != nil || len(cs) == 0 {
		return err
	}
	body := directdebit.Standard18("PULSE1", cs)
	return r.Upload(ctx, "std18-"+due.Format("20060102")+".txt", body)
}

// Daily settles, resumes paused mandates and runs dunning.
func (r *MonthlyRun) Daily(ctx context.Context) error {
	if _, err := r.Billing.SettleCollected(ctx); err != nil {
		return err
	}
	if _, err := r.Mandates.ResumeDue(ctx, time.Now().UTC()); err != nil {
		return err
	}
	return r.Billing.RunDunning(ctx)
}
