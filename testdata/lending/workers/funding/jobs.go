// Package funding holds the ACH disbursement batch and settlement jobs.
package funding

import (
	"context"
	"log/slog"

	"lendwise.io/platform/funding"
)

// SubmitJob sends pending disbursements to the bank.
type SubmitJob struct {
	Svc *funding.Service
	Log *slog.Logger
}

func (j *SubmitJob) Name() string { return "funding.submit" }

func (j *SubmitJob) Run(ctx context.Context) error {
	n, err := j.Svc.SubmitBatch(ctx)
	if n > 0 {
		j.Log.Info("ach batch submitted", "entries", n)
	}
	return err
}

// SettleJob polls settlement and activates funded loans.
type SettleJob struct {
	Svc *funding.Service
	Log *slog.Logger
}

func (j *SettleJob) Name() string { return "funding.settle" }

func (j *SettleJob) Run(ctx context.Context) error {
	n, err := j.Svc.Settle(ctx)
	if n > 0 {
		j.Log.Info("disbursements settled", "count", n)
	}
	return err
}
