// Package cafeteria holds the nightly low-balance notice job.
package cafeteria

import (
	"context"
	"log/slog"

	"github.com/k12district/sis/cafeteria"
	"github.com/k12district/sis/lib/money"
	"github.com/k12district/sis/services/messaging"
)

type LowBalanceJob struct {
	Meals     *cafeteria.Service
	Messaging *messaging.Service
	Threshold money.Cents
	Log       *slog.Logger
}

func (j *LowBalanceJob) Name() string { return "cafeteria.low_balance" }

func (j *LowBalanceJob) Run(ctx context.Context) error {
	low, err := j.Meals.LowBalances(ctx, j.Threshold)
	if err != nil {
		return err
	}
	for _, lb := range low {
		_, err := j.Messaging.NotifyGuardians(ctx, lb.StudentID, messaging.CatCafeteria, "meal_low_balance",
			map[string]any{"StudentName": lb.Name, "Balance": lb.Balance.String()})
		if err != nil {
			j.Log.Warn("low balance notice failed", "student", lb.StudentID, "err", err)
			continue
		}
		if err := j.Meals.RecordNotice(ctx, lb.StudentID); err != nil {
			return err
		}
	}
	j.Log.Info("low balance notices", "count", len(low))
	return nil
}
