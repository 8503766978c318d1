// Package jobs runs wave automation: timed release ahead of carrier
// cut-offs and recovery of abandoned pick assignments.
package jobs

import (
	"context"
	"log/slog"
	"time"

	"shipwell.io/wms/modules/waves/app"
)

type Jobs struct {
	Svc        *app.Service
	Log        *slog.Logger
	StaleAfter time.Duration
}

// AutoRelease plans waves only during operating hours (06:00-22:00 local).
func (j *Jobs) AutoRelease(ctx context.Context) error {
	h := time.Now().Hour()
	if h < 6 || h >= 22 {
		return nil
	}
	waves, err := j.Svc.PlanAndRelease(ctx)
	if err != nil {
		return err
	}
	if len(waves) > 0 {
		j.Log.Info("auto-release", "waves", len(waves))
	}
	return nil
}
