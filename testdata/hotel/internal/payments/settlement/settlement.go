// Package settlement reconciles the PSP's daily settlement report with our
// payments and moves settled funds from PSP clearing to the bank account.
package settlement

import (
	"context"
	"fmt"
	"time"

	"github.com/staybright/platform/internal/model"
	"github.com/staybright/platform/internal/payments/gateway"
	"github.com/staybright/platform/internal/payments/ledger"
	"github.com/staybright/platform/internal/payments/store"
	"github.com/staybright/platform/internal/pkg/clock"
	"github.com/staybright/platform/internal/pkg/log"
)

// Job runs the reconciliation for yesterday.
type Job struct {
	gw     gateway.Gateway
	store  *store.Store
	ledger *ledger.Ledger
	clock  clock.Clock
	log    *log.Logger
}

// New builds the job.
func New(gw gateway.Gateway, s *store.Store, l *ledger.Ledger, c clock.Clock, lg *log.Logger) *Job {
	return &Job{gw: gw, store: s, ledger: l, clock: c, log: lg.Component("job.settlement")}
}

// Name implements the worker job interface.
func (j *Job) Name() string { return "payments-settlement" }

// Mismatch is a settlement line we could not match.
type Mismatch struct {
	ProviderRef string
	Reason      string
}

// Run reconciles yesterday's report.
func (j *Job) Run(ctx context.Context) error {
	day := clock.Day(j.clock.Now()).AddDate(0, 0, -1)
	mismatches, err := j.Reconcile(ctx, day)
	if err != nil {
		return err
	}
	for _, m := range mismatches {
		j.log.Warn("settlement mismatch", "day", clock.FormatDate(day), "psp_ref", m.ProviderRef, "reason", m.Reason)
	}
	return nil
}

// Reconcile matches one day's report and posts settled amounts.
func (j *Job) Reconcile(ctx context.Context, day time.Time) ([]Mismatch, error) {
	lines, err := j.gw.SettlementReport(ctx, day)
	if err != nil {
		return nil, fmt.Errorf("settlement: fetch report: %w", err)
	}
	ours, err := j.store.CapturedBetween(ctx, day.AddDate(0, 0, -3), day.AddDate(0, 0, 1))
	if err != nil {
		return nil, err
	}
	byRef := make(map[string]model.Payment, len(ours))
	for _, p := range ours {
		byRef[p.ProviderRef] = p
	}
	var mismatches []Mismatch
	for _, l := range lines {
		p, ok := byRef[l.ProviderRef]
		if !ok {
			mismatches = append(mismatches, Mismatch{l.ProviderRef, "unknown payment"})
			continue
		}
		switch l.Type {
		case "capture":
			if l.GrossCents != p.CapturedCents {
				mismatches = append(mismatches, Mismatch{l.ProviderRef,
					fmt.Sprintf("gross %d != captured %d", l.GrossCents, p.CapturedCents)})
				continue
			}
			err = j.ledger.Post(ctx, "settle:"+l.ProviderRef, "PSP settlement "+clock.FormatDate(day),
				ledger.Debit(ledger.Bank, l.GrossCents-l.FeeCents, l.Currency),
				ledger.Debit(ledger.PSPFees, l.FeeCents, l.Currency),
				ledger.Credit(ledger.PSPClearing, l.GrossCents, l.Currency))
		case "refund":
			err = j.ledger.Post(ctx, "settle-refund:"+l.ProviderRef, "PSP refund settlement",
				ledger.Debit(ledger.PSPClearing, l.GrossCents, l.Currency),
				ledger.Credit(ledger.Bank, l.GrossCents, l.Currency))
		default:
			mismatches = append(mismatches, Mismatch{l.ProviderRef, "unhandled line type " + l.Type})
		}
		if err != nil {
			return mismatches, err
		}
	}
	return mismatches, nil
}
