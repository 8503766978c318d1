// Package servicing holds the daily servicing jobs: autopay, late fees and aging.
package servicing

import (
	"context"
	"log/slog"
	"time"

	"lendwise.io/platform/internal/servicing"
	"lendwise.io/platform/internal/servicing/payments"
	"lendwise.io/platform/internal/servicing/store"
)

// AutopayJob debits installments due today for loans with an autopay mandate.
type AutopayJob struct {
	Store    *store.Store
	Payments *payments.Service
	Log      *slog.Logger
}

func (j *AutopayJob) Name() string { return "servicing.autopay" }

func (j *AutopayJob) Run(ctx context.Context) error {
	today := time.Now().UTC().Truncate(24 * time.Hour)
	due, err := j.Store.AutopayDue(ctx, today)
	if err != nil {
		return err
	}
	failed := 0
	for _, d := range due {
		if _, err := j.Payments.Post(ctx, d.LoanID, d.Amount, "ach_autopay", today); err != nil {
			failed++
			j.Log.Warn("autopay failed", "loan", d.LoanID, "mandate", d.MandateID, "err", err)
		}
	}
	j.Log.Info("autopay run", "due", len(due), "failed", failed)
	return nil
}

// LateFeeJob assesses late fees after the grace period.
type LateFeeJob struct {
	Loans *servicing.Service
	Log   *slog.Logger
}

func (j *LateFeeJob) Name() string { return "servicing.late_fees" }

func (j *LateFeeJob) Run(ctx context.Context) error {
	n, err := j.Loans.AssessLateFees(ctx)
	j.Log.Info("late fees assessed", "count", n)
	return err
}

// AgingJob recomputes days past due and charge-offs.
type AgingJob struct {
	Loans *servicing.Service
}

func (j *AgingJob) Name() string { return "servicing.aging" }

func (j *AgingJob) Run(ctx context.Context) error {
	_, err := j.Loans.AgeLoans(ctx)
	return err
}
