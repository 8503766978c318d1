// Package servicedue is the nightly job that opens preventive work orders
// for vehicles that have reached a service interval.
package servicedue

import (
	"context"

	"gitlab.com/roadrunner/fleet/lib/dbx"
	"gitlab.com/roadrunner/fleet/lib/errs"
	"gitlab.com/roadrunner/fleet/lib/xlog"
	"gitlab.com/roadrunner/fleet/services/fleet/maintenance"
	"gitlab.com/roadrunner/fleet/services/fleet/vehicle"
)

// Job implements sched.Job.
type Job struct {
	Vehicles    *vehicle.Service
	Maintenance *maintenance.Service
	DryRun      bool
}

func (j *Job) Name() string { return "service-due" }

// Run walks the active fleet page by page.
func (j *Job) Run(ctx context.Context) error {
	log := xlog.From(ctx)
	opened, skipped := 0, 0
	for _, st := range []vehicle.Status{vehicle.StatusActive, vehicle.StatusOnTrip} {
		page := dbx.Page{Limit: 200}
		for {
			vs, err := j.Vehicles.List(ctx, vehicle.Filter{Status: st, Page: page})
			if err != nil {
				return err
			}
			for _, v := range vs {
				due, err := j.Maintenance.Due(ctx, v)
				if err != nil {
					log.Warn("due computation failed", "vehicle", v.ID, "err", err)
					continue
				}
				for _, d := range due {
					if j.DryRun {
						log.Info("would open work order", "plate", v.Plate, "task", d.Task)
						continue
					}
					_, err := j.Maintenance.Open(ctx, maintenance.OpenRequest{
						VehicleID: v.ID, Kind: maintenance.KindPreventive, Task: d.Task,
						Blocking: d.Blocking && (d.OverdueBy > 14 || d.OverdueKm > 2000),
					})
					switch {
					case errs.Is(err, errs.KindConflict):
						skipped++
					case err != nil:
						log.Warn("open work order failed", "vehicle", v.ID, "task", d.Task, "err", err)
					default:
						opened++
					}
				}
			}
			if len(vs) < page.Limit {
				break
			}
			page.Offset += page.Limit
		}
	}
	log.Info("service-due finished", "opened", opened, "already_open", skipped)
	return nil
}
