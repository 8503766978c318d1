// Package jobs schedules shipping background work: tracking polls and the
// end-of-day manifest for parcel carriers.
package jobs

import (
	"context"
	"log/slog"
	"time"

	"shipwell.io/wms/modules/shipping/app"
	"shipwell.io/wms/pkg/apperr"
)

type Jobs struct {
	Svc *app.Service
	Log *slog.Logger
	// ManifestHour is the local hour at which parcel manifests are closed.
	ManifestHour int
}

func (j *Jobs) Tracking(ctx context.Context) error { return j.Svc.PollTracking(ctx) }

// EndOfDay closes parcel manifests once, in the hour after ManifestHour.
func (j *Jobs) EndOfDay(ctx context.Context) error {
	if time.Now().Hour() != j.ManifestHour {
		return nil
	}
	for _, carrier := range []string{"UPS", "FEDEX"} {
		id, n, err := j.Svc.Manifest(ctx, carrier)
		if apperr.Is(err, apperr.KindConflict) {
			continue
		}
		if err != nil {
			return err
		}
		j.Log.Info("manifest closed", "carrier", carrier, "manifest", id, "shipments", n)
	}
	return nil
}
