// Package routing orders stops and estimates distances and arrival times.
// It uses straight-line distance times a road factor; we tried an OSRM
// sidecar in 2022 and it was not worth the ops cost.
package routing

import (
	"math"
	"time"

	"gitlab.com/roadrunner/fleet/lib/geo"
	"gitlab.com/roadrunner/fleet/services/dispatch/domain"
)

// Options tune the estimates.
type Options struct {
	AvgSpeedKph float64
	RoadFactor  float64       // road km per straight-line km
	ServiceTime time.Duration // time spent at each stop
}

// Defaults are calibrated on 2023 trips.
var Defaults = Options{AvgSpeedKph: 62, RoadFactor: 1.28, ServiceTime: 25 * time.Minute}

// RoadKm estimates road distance between two points.
func (o Options) RoadKm(a, b geo.Point) float64 { return geo.DistanceKm(a, b) * o.RoadFactor }

// Drive estimates driving time between two points.
func (o Options) Drive(a, b geo.Point) time.Duration {
	return time.Duration(o.RoadKm(a, b) / o.AvgSpeedKph * float64(time.Hour))
}

// Route is an ordered plan.
type Route struct {
	Stops    []domain.Stop `json:"stops"`
	Km       float64       `json:"km"`
	Duration time.Duration `json:"duration"`
}

// Optimise orders stops nearest-neighbour from origin, pickups before
// drop-offs. Sequence numbers are rewritten.
func Optimise(origin geo.Point, stops []domain.Stop) []domain.Stop {
	var pickups, drops []domain.Stop
	for _, s := range stops {
		if s.Kind == domain.Pickup {
			pickups = append(pickups, s)
		} else {
			drops = append(drops, s)
		}
	}
	out := nearest(origin, pickups)
	if len(out) > 0 {
		origin = out[len(out)-1].Address.Loc
	}
	out = append(out, nearest(origin, drops)...)
	for i := range out {
		out[i].Seq = i + 1
	}
	return out
}

func nearest(from geo.Point, left []domain.Stop) []domain.Stop {
	left = append([]domain.Stop(nil), left...)
	out := make([]domain.Stop, 0, len(left))
	for len(left) > 0 {
		best, bestD := 0, math.MaxFloat64
		for i, s := range left {
			if d := geo.DistanceKm(from, s.Address.Loc); d < bestD {
				best, bestD = i, d
			}
		}
		out = append(out, left[best])
		from = left[best].Address.Loc
		left = append(left[:best], left[best+1:]...)
	}
	return out
}

// Plan computes ETAs along stops in their current order, starting at
// origin at start. Waiting for a window to open is included.
func Plan(origin geo.Point, stops []domain.Stop, start time.Time, o Options) Route {
	r := Route{Stops: append([]domain.Stop(nil), stops...)}
	at, from := start, origin
	for i := range r.Stops {
		s := &r.Stops[i]
		r.Km += o.RoadKm(from, s.Address.Loc)
		at = at.Add(o.Drive(from, s.Address.Loc))
		if at.Before(s.Window.From) {
			at = s.Window.From
		}
		s.ETA, at, from = at, at.Add(o.ServiceTime), s.Address.Loc
	}
	r.Duration = at.Sub(start)
	return r
}
