// Package routing does the geometry for bus service: distances, walk-zone
// eligibility, nearest stop and stop ordering.
package routing

import (
	"math"
	"sort"
)

type Point struct{ Lat, Lng float64 }

const earthMiles = 3958.8

// Miles is the great-circle distance between two points.
func Miles(a, b Point) float64 {
	la1, la2 := rad(a.Lat), rad(b.Lat)
	dLat, dLng := la2-la1, rad(b.Lng-a.Lng)
	h := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(la1)*math.Cos(la2)*math.Sin(dLng/2)*math.Sin(dLng/2)
	return 2 * earthMiles * math.Asin(math.Sqrt(h))
}

func rad(d float64) float64 { return d * math.Pi / 180 }

// WalkZone is the board policy: K-5 students within 1 mile of school and
// 6-12 within 1.5 miles walk. Students with an IEP transport need always ride.
func WalkZone(grade int) float64 {
	if grade <= 5 {
		return 1.0
	}
	return 1.5
}

func Eligible(home, school Point, grade int, iepTransport bool) bool {
	return iepTransport || Miles(home, school) > WalkZone(grade)
}

type Stop struct {
	ID int64
	Point
	RouteID  int64
	Riders   int
	Capacity int
}

// MaxWalkToStop is the furthest we ask a student to walk to a stop.
const MaxWalkToStop = 0.5

// NearestStop picks the closest stop with room, within walking distance.
func NearestStop(home Point, stops []Stop) (Stop, bool) {
	best, bestD := Stop{}, math.Inf(1)
	for _, s := range stops {
		if s.Capacity > 0 && s.Riders >= s.Capacity {
			continue
		}
		if d := Miles(home, s.Point); d < bestD {
			best, bestD = s, d
		}
	}
	return best, bestD <= MaxWalkToStop
}

// Order sequences stops with a nearest-neighbour walk from the depot; good
// enough for the coordinator to start from and adjust by hand.
func Order(depot Point, stops []Stop) []Stop {
	left := append([]Stop(nil), stops...)
	sort.Slice(left, func(i, j int) bool { return left[i].ID < left[j].ID })
	out := make([]Stop, 0, len(left))
	cur := depot
	for len(left) > 0 {
		bi, bd := 0, math.Inf(1)
		for i, s := range left {
			if d := Miles(cur, s.Point); d < bd {
				bi, bd = i, d
			}
		}
		out = append(out, left[bi])
		cur = left[bi].Point
		left = append(left[:bi], left[bi+1:]...)
	}
	return out
}

// Length is the total route distance in miles, depot to last stop.
func Length(depot Point, stops []Stop) float64 {
	total, cur := 0.0, depot
	for _, s := range stops {
		total += Miles(cur, s.Point)
		cur = s.Point
	}
	return total
}
