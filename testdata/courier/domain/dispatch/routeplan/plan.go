// Package routeplan splits a day's parcels into vehicle routes (sweep
// clustering) and orders each route (nearest neighbour + 2-opt).
package routeplan

import (
	"sort"
	"time"

	"parcelgo.com/platform/shared/geo"
)

type Job struct {
	ID       string
	Point    geo.Point
	Grams    int
	Deadline time.Time
}

type Options struct {
	Depot         geo.Point
	CapacityGrams int
	MaxStops      int
	AvgKMH        float64
	ServiceMin    int
	Start         time.Time
}

// DistanceFunc returns road distance in km.
type DistanceFunc func(a, b geo.Point) float64

// RoadFactor converts straight-line to approximate urban road distance; it
// replaced the paid distance-matrix API in 2023.
const RoadFactor = 1.35

func RoadKM(a, b geo.Point) float64 { return geo.HaversineKM(a, b) * RoadFactor }

type PlannedRoute struct {
	Jobs    []Job
	ETAs    []time.Time
	KM      float64
	Minutes int
}

// Plan clusters and sequences jobs.
func Plan(jobs []Job, o Options, dist DistanceFunc) []PlannedRoute {
	if o.AvgKMH <= 0 {
		o.AvgKMH = 25
	}
	if o.ServiceMin <= 0 {
		o.ServiceMin = 3
	}
	var out []PlannedRoute
	for _, cluster := range Sweep(jobs, o) {
		seq := Sequence(o.Depot, cluster, dist)
		out = append(out, schedule(seq, o, dist))
	}
	return out
}

// Sweep orders jobs by bearing around the depot and cuts clusters when
// capacity or stop limits would be exceeded.
func Sweep(jobs []Job, o Options) [][]Job {
	sorted := append([]Job(nil), jobs...)
	sort.SliceStable(sorted, func(i, j int) bool {
		return geo.Bearing(o.Depot, sorted[i].Point) < geo.Bearing(o.Depot, sorted[j].Point)
	})
	var clusters [][]Job
	var cur []Job
	load := 0
	for _, j := range sorted {
		if len(cur) > 0 && (load+j.Grams > o.CapacityGrams || (o.MaxStops > 0 && len(cur) >= o.MaxStops)) {
			clusters = append(clusters, cur)
			cur, load = nil, 0
		}
		cur = append(cur, j)
		load += j.Grams
	}
	if len(cur) > 0 {
		clusters = append(clusters, cur)
	}
	return clusters
}

// Sequence builds a tour starting and ending at depot.
func Sequence(depot geo.Point, jobs []Job, dist DistanceFunc) []Job {
	if len(jobs) < 2 {
		return jobs
	}
	remaining := append([]Job(nil), jobs...)
	tour := make([]Job, 0, len(jobs))
	at := depot
	for len(remaining) > 0 {
		best, bestD := 0, -1.0
		for i, j := range remaining {
			if d := dist(at, j.Point); bestD < 0 || d < bestD {
				best, bestD = i, d
			}
		}
		tour = append(tour, remaining[best])
		at = remaining[best].Point
		remaining = append(remaining[:best], remaining[best+1:]...)
	}
	return twoOpt(depot, tour, dist)
}

func twoOpt(depot geo.Point, tour []Job, dist DistanceFunc) []Job {
	pt := func(i int) geo.Point {
		if i < 0 || i >= len(tour) {
			return depot
		}
		return tour[i].Point
	}
	improved := true
	for pass := 0; improved && pass < 50; pass++ {
		improved = false
		for i := 0; i < len(tour)-1; i++ {
			for k := i + 1; k < len(tour); k++ {
				before := dist(pt(i-1), pt(i)) + dist(pt(k), pt(k+1))
				after := dist(pt(i-1), pt(k)) + dist(pt(i), pt(k+1))
				if after+1e-9 < before {
					for a, b := i, k; a < b; a, b = a+1, b-1 {
						tour[a], tour[b] = tour[b], tour[a]
					}
					improved = true
				}
			}
		}
	}
	return tour
}

func schedule(seq []Job, o Options, dist DistanceFunc) PlannedRoute {
	pr := PlannedRoute{Jobs: seq}
	t := o.Start
	at := o.Depot
	for _, j := range seq {
		km := dist(at, j.Point)
		pr.KM += km
		t = t.Add(time.Duration(km / o.AvgKMH * float64(time.Hour)))
		pr.ETAs = append(pr.ETAs, t)
		t = t.Add(time.Duration(o.ServiceMin) * time.Minute)
		at = j.Point
	}
	pr.KM += dist(at, o.Depot)
	end := t.Add(time.Duration(dist(at, o.Depot) / o.AvgKMH * float64(time.Hour)))
	pr.Minutes = int(end.Sub(o.Start).Minutes())
	return pr
}

// Late returns jobs whose ETA misses their deadline.
func (pr PlannedRoute) Late() []Job {
	var out []Job
	for i, j := range pr.Jobs {
		if !j.Deadline.IsZero() && pr.ETAs[i].After(j.Deadline) {
			out = append(out, j)
		}
	}
	return out
}
